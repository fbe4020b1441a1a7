// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/copy_export.h"

#include <fmt/format.h>

#include <map>

#include "base/error.h"
#include "export/decode_span.h"
#include "export/output_muxer.h"
#include "export/partial_output.h"
#include "export/source_reader.h"
#include "export/stream_setup.h"

namespace rushes::exporting {
namespace {

// Other streams are read this much before the keyframe: interleaving rarely strays further.
constexpr Rational kInterleaveLead{1, 1};

// The picture range [start, end) in the picture stream's ticks, tested against packets of another stream.
struct TimeWindow {
    std::int64_t start = 0;
    std::int64_t end = 0;
    Rational time_base{1, 1};

    [[nodiscard]] bool overlaps(std::int64_t pts, std::int64_t duration, Rational unit) const {
        const bool starts_before_end = compareScaled(pts, unit, end, time_base) < 0;
        if (duration <= 0) return starts_before_end && compareScaled(pts, unit, start, time_base) >= 0;
        return starts_before_end && compareScaled(pts + duration, unit, start, time_base) > 0;
    }
};

std::string frameNote(std::int64_t frames, const char* direction, const char* what) {
    return fmt::format("the copy {} {} frame{} {}", direction, frames, frames == 1 ? "" : "s", what);
}

}  // namespace

ExportReport exportCopy(const ClipSource& source, const ResolvedClip& requested, const ExportOptions& options,
                        std::stop_token stop, const ExportProgress& progress) {
    const media::FrameIndex& index = source.index();
    auto keyframe = index.keyframeAtOrBefore(requested.in_pts);
    if (!keyframe) keyframe = index.keyframes().front();  // frames before the first keyframe cannot be copied

    // First: an unusable folder or an existing output is reported before any decoding or encoding.
    PartialOutput partial(options.output, options.existing);
    SourceReader reader(source, stop);
    const std::vector<PacketStamp> stamps = scanPicturePackets(reader, *keyframe, requested.out_pts);
    const DecodeSpan span = shortestSpanReaching(stamps, index, requested.out_frame);
    const ResolvedClip actual = clipOfFrames(source, span.first_frame, span.end_frame);

    // Presentation times of the packets that stay (leading pictures of the first keyframe cannot decode).
    std::vector<std::int64_t> kept_pts;
    for (std::size_t i = 0; i < span.packets; ++i) {
        const auto frame = index.frameWithPts(stamps[i].pts);
        if (frame && *frame >= span.first_frame) kept_pts.push_back(stamps[i].pts - actual.in_pts);
    }
    const std::vector<std::int64_t> decode_times = decodeTimesFor(kept_pts);

    OutputMuxer muxer(partial.partialPath(), partial.destination());
    const AVFormatContext& input = *reader.input().context();
    copyContainerMetadata(input, muxer);

    ExportReport report;
    std::map<int, AVStream*> outputs;
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream& stream = *input.streams[i];
        const char* type = av_get_media_type_string(stream.codecpar->codec_type);
        if (isTimecodeTrack(stream)) continue;  // replaced by the new start timecode below
        if (stream.disposition & AV_DISPOSITION_ATTACHED_PIC) {
            report.notes.push_back(fmt::format("stream {} (cover picture) left out", i));
            continue;
        }
        try {
            outputs[static_cast<int>(i)] = addStreamLike(muxer, stream);
        } catch (const Error& error) {
            if (static_cast<int>(i) == source.videoStream()) throw;
            report.notes.push_back(fmt::format("stream {} ({} {}) left out: {}", i, type ? type : "data",
                                               avcodec_get_name(stream.codecpar->codec_id), error.reason()));
        }
    }
    AVStream* picture_out = outputs.at(source.videoStream());
    if (source.startTimecode()) {
        setStartTimecode(muxer, *picture_out, source.timecodeOfFrame(actual.in_frame));
        report.start_timecode_written = true;
    }
    muxer.writeHeader(muxerOptionsFor(input, muxer));

    const TimeWindow window{actual.in_pts, actual.out_pts, source.timeBase()};
    const AVRational picture_tb = input.streams[source.videoStream()]->time_base;
    reader.startAt(*keyframe, kInterleaveLead);
    media::PacketPtr packet = media::makePacket();
    std::size_t picture_packets = 0;
    std::size_t kept = 0;
    std::map<int, bool> stream_done;
    for (const auto& [in_index, unused] : outputs) {
        if (in_index != source.videoStream()) stream_done[in_index] = false;
    }
    const auto allDone = [&] {
        if (picture_packets < span.packets) return false;
        for (const auto& [in_index, done] : stream_done) {
            if (!done) return false;
        }
        return true;
    };
    while (!allDone() && reader.next(packet.get())) {
        const int in_index = packet->stream_index;
        const auto out = outputs.find(in_index);
        if (out == outputs.end()) {
            av_packet_unref(packet.get());
            continue;
        }
        const AVStream& in_stream = *input.streams[in_index];
        const Rational unit = Rational::make(in_stream.time_base.num, in_stream.time_base.den);
        if (in_index == source.videoStream()) {
            if (picture_packets++ >= span.packets) {
                av_packet_unref(packet.get());
                continue;
            }
            const auto frame = index.frameWithPts(packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts);
            if (!frame || *frame < span.first_frame || (packet->flags & AV_PKT_FLAG_DISCARD)) {
                av_packet_unref(packet.get());
                continue;
            }
            packet->pts = index.ptsOf(*frame) - actual.in_pts;
            packet->dts = decode_times[kept++];
            if (progress) progress(static_cast<double>(picture_packets) / static_cast<double>(span.packets));
        } else {
            const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (pts == AV_NOPTS_VALUE || !window.overlaps(pts, packet->duration, unit)) {
                // A packet starting at or after the end: packets of a stream come in time order, so it is done.
                if (pts != AV_NOPTS_VALUE && compareScaled(pts, unit, window.end, window.time_base) >= 0) {
                    stream_done[in_index] = true;
                }
                av_packet_unref(packet.get());
                continue;
            }
            const std::int64_t shift = rescale(window.start, window.time_base, unit, Rounding::Nearest);
            packet->pts = pts - shift;
            if (packet->dts != AV_NOPTS_VALUE) packet->dts -= shift;
        }
        av_packet_rescale_ts(packet.get(), in_index == source.videoStream() ? picture_tb : in_stream.time_base,
                             out->second->time_base);
        packet->stream_index = out->second->index;
        packet->pos = -1;
        muxer.write(packet.get());
    }
    if (kept != kept_pts.size()) {
        throw Error(ErrorKind::Corrupt, source.name(), "the picture stream read differently the second time");
    }
    muxer.finish();
    partial.commit();

    report.output = partial.destination();
    report.requested_mode = report.mode = ExportMode::Copy;
    report.requested_in_frame = requested.in_frame;
    report.requested_out_frame = requested.out_frame;
    report.in_frame = actual.in_frame;
    report.out_frame = actual.out_frame;
    report.in_timecode = source.timecodeOfFrame(actual.in_frame);
    report.out_timecode = source.timecodeOfFrame(actual.out_frame);
    report.copied_frames = actual.frameCount();
    if (actual.in_frame < requested.in_frame) {
        report.notes.push_back(frameNote(requested.in_frame - actual.in_frame, "starts",
                                         "early, at the keyframe before the requested in"));
    }
    if (actual.out_frame > requested.out_frame) {
        report.notes.push_back(frameNote(actual.out_frame - requested.out_frame, "ends",
                                         "late: frames before out are predicted from pictures after it"));
    }
    return report;
}

}  // namespace rushes::exporting
