// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/clip_source.h"

#include <algorithm>

#include "base/error.h"

namespace rushes::exporting {

ClipSource ClipSource::open(const std::filesystem::path& path, std::stop_token stop, const Progress& progress) {
    media::ProbeResult probe = media::probe(path, stop);
    if (probe.video_stream < 0) throw Error(ErrorKind::NotMedia, path.string(), "no video stream to cut");
    media::FrameIndex index = media::FrameIndex::build(path, probe.video_stream, stop, progress);
    return ClipSource(std::move(probe), std::move(index));
}

ClipSource ClipSource::fromParts(media::ProbeResult probe, media::FrameIndex index) {
    return ClipSource(std::move(probe), std::move(index));
}

ClipSource::ClipSource(media::ProbeResult probe, media::FrameIndex index)
    : probe_(std::move(probe)), index_(std::move(index)) {
    const media::StreamInfo& stream = video();
    if (stream.video && stream.video->frame_rate.isPositive()) {
        frame_rate_ = Rational::make(stream.video->frame_rate.num, stream.video->frame_rate.den);
    } else if (stream.video && stream.video->average_frame_rate.isPositive()) {
        frame_rate_ = stream.video->average_frame_rate;
    } else {
        throw Error(ErrorKind::Unsupported, name(), "the video stream declares no frame rate");
    }
    if (probe_.timecode) {
        try {
            // ';' in the label selects drop-frame counting where the rate has it (29.97, 59.94).
            start_timecode_ = Timecode::parse(probe_.timecode->value, TimecodeRate::fromFrameRate(frame_rate_, false));
        } catch (const std::exception&) {
            // A label we cannot read at this rate (e.g. a 25 fps label on a 23.976 clip) is no timecode.
            start_timecode_.reset();
        }
    }
}

const media::StreamInfo& ClipSource::video() const {
    const int stream = index_.streamIndex();
    const auto it = std::find_if(probe_.streams.begin(), probe_.streams.end(),
                                 [&](const media::StreamInfo& s) { return s.index == stream; });
    if (it == probe_.streams.end()) throw Error(ErrorKind::Internal, name(), "the frame index names an unknown stream");
    return *it;
}

std::int64_t ClipSource::frameDurationTicks() const {
    return std::max<std::int64_t>(1, rescale(1, frame_rate_.inverse(), timeBase(), Rounding::Nearest));
}

std::int64_t ClipSource::ptsOfFrame(std::int64_t frame) const {
    if (frame < 0 || frame > frameCount()) {
        throw Error(ErrorKind::InvalidArgument, name(),
                    "frame " + std::to_string(frame) + " is outside 0.." + std::to_string(frameCount()));
    }
    if (frame == frameCount()) return index_.ptsOf(frame - 1) + frameDurationTicks();
    return index_.ptsOf(frame);
}

Timecode ClipSource::timecodeOfFrame(std::int64_t frame) const {
    if (start_timecode_) return Timecode::fromSourceStart(*start_timecode_, frame);
    return Timecode::fromFrames(frame, TimecodeRate::fromFrameRate(frame_rate_, false));
}

}  // namespace rushes::exporting
