// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/timeline.h"

#include <algorithm>

#include "base/error.h"

namespace rushes::exporting {

namespace {
Error clipError(const Timeline& timeline, size_t index, const std::string& reason) {
    return Error(ErrorKind::InvalidArgument, "timeline \"" + timeline.name + "\" clip " + std::to_string(index + 1),
                 reason);
}
}  // namespace

TimecodeRate sourceTimecodeRate(const SourceMedia& source) {
    return source.start.rate();
}

Timecode Timeline::sourceTimecode(const TimelineClip& clip, int64_t source_frame) const {
    return Timecode::fromSourceStart(sourceOf(clip).start, source_frame);
}

Timecode Timeline::recordTimecode(int64_t record_frame) const {
    return record_start + record_frame;
}

size_t Timeline::addSource(SourceMedia source) {
    if (!source.asset_id.empty()) {
        const auto found = std::find_if(sources.begin(), sources.end(),
                                        [&](const SourceMedia& s) { return s.asset_id == source.asset_id; });
        if (found != sources.end()) return size_t(found - sources.begin());
    }
    sources.push_back(std::move(source));
    return sources.size() - 1;
}

TimelineClip& Timeline::append(TimelineClip clip) {
    const SourceMedia& source = sources.at(clip.source);
    const int64_t frames = clip.sourceFrames();
    const int64_t record_frames = source.frame_rate == rate.rate
                                      ? frames
                                      : std::max<int64_t>(1, rescale(frames, source.frame_rate.inverse(),
                                                                     rate.rate.inverse(), Rounding::Nearest));
    clip.record_in = durationFrames();
    clip.record_out = clip.record_in + record_frames;
    clips.push_back(std::move(clip));
    return clips.back();
}

void Timeline::validate() const {
    if (!rate.rate.isPositive()) throw clipError(*this, 0, "the timeline rate must be positive");
    if (!(record_start.rate() == rate)) {
        throw Error(ErrorKind::InvalidArgument, "timeline \"" + name + "\"",
                    "the record start " + record_start.toString() + " counts at " + record_start.rate().toString() +
                        ", the timeline at " + rate.toString());
    }
    int64_t expected_in = 0;
    for (size_t i = 0; i < clips.size(); ++i) {
        const TimelineClip& clip = clips[i];
        if (clip.source >= sources.size()) throw clipError(*this, i, "refers to a missing source");
        const SourceMedia& source = sources[clip.source];
        if (!source.frame_rate.isPositive()) throw clipError(*this, i, "its source has no frame rate");
        if (source.start.rate().rate != source.frame_rate) {
            throw clipError(*this, i,
                            "its source's start timecode counts at " + source.start.rate().toString() +
                                " but the source runs at " + source.frame_rate.toString());
        }
        if (clip.source_in < 0 || clip.source_out <= clip.source_in) {
            throw clipError(*this, i,
                            "source range [" + std::to_string(clip.source_in) + ", " + std::to_string(clip.source_out) +
                                ") needs 0 <= in < out");
        }
        if (clip.record_in != expected_in || clip.record_out <= clip.record_in) {
            throw clipError(*this, i,
                            "record range [" + std::to_string(clip.record_in) + ", " + std::to_string(clip.record_out) +
                                ") must start at frame " + std::to_string(expected_in) + " and not be empty");
        }
        expected_in = clip.record_out;
    }
}

}  // namespace rushes::exporting
