// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/smart_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/error.h"
#include "export/audio_tracks.h"
#include "export/copied_pictures.h"
#include "export/edge_encoder.h"
#include "export/nal_units.h"
#include "export/output_muxer.h"
#include "export/partial_output.h"
#include "export/stream_setup.h"

namespace rushes::exporting {
namespace {

// One picture packet of the output, in decode order: re-encoded (data held) or copied (read in order).
struct PlannedPacket {
    std::int64_t pts = 0;  // source ticks
    const EncodedPacket* encoded = nullptr;
};

// Parameter set ids for the re-encoded runs that no source SPS or PPS uses.
std::vector<unsigned> freeParameterSetIds(const std::vector<Bytes>& source_sets, std::size_t count) {
    std::set<unsigned> used;
    for (const Bytes& unit : source_sets) {
        const int type = nalType(AV_CODEC_ID_H264, unit);
        if (type == kH264Sps || type == kH264Pps) used.insert(h264ParameterSetId(unit));
    }
    std::vector<unsigned> ids;
    for (unsigned id = 0; id < 32 && ids.size() < count; ++id) {
        if (!used.count(id)) ids.push_back(id);
    }
    if (ids.size() < count)
        throw Error(ErrorKind::Unsupported, "H.264 stream", "no free parameter set id for the re-encoded edges");
    return ids;
}

void setExtradata(AVCodecParameters& parameters, const Bytes& data) {
    av_freep(&parameters.extradata);
    parameters.extradata_size = 0;
    parameters.extradata = static_cast<std::uint8_t*>(av_mallocz(data.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!parameters.extradata) throw std::bad_alloc();
    std::copy(data.begin(), data.end(), parameters.extradata);
    parameters.extradata_size = static_cast<int>(data.size());
}

}  // namespace

SmartCutPlan planSmartCut(const ClipSource& source, const ResolvedClip& clip, SourceReader& reader,
                          const std::function<bool(const AVPacket&)>& can_start_copy) {
    SmartCutPlan plan;
    plan.head_begin = clip.in_frame;
    plan.head_end = clip.out_frame;
    plan.tail_begin = plan.tail_end = clip.out_frame;
    const auto& keyframes = source.index().keyframes();
    auto candidate = std::lower_bound(keyframes.begin(), keyframes.end(), clip.in_pts,
                                      [](const media::KeyframeEntry& k, std::int64_t pts) { return k.pts < pts; });
    media::PacketPtr packet = media::makePacket();
    // The first keyframe inside the range that a copy can start with; a range inside one GOP has none.
    for (; candidate != keyframes.end() && candidate->pts < clip.out_pts; ++candidate) {
        reader.readPictureOnly(true);
        reader.startAt(*candidate, Rational{0, 1});
        const bool usable = reader.next(packet.get()) && can_start_copy(*packet);
        av_packet_unref(packet.get());
        if (usable) break;
    }
    if (candidate == keyframes.end() || candidate->pts >= clip.out_pts) return plan;
    std::vector<PacketStamp> stamps = scanPicturePackets(reader, *candidate, clip.out_pts);
    const DecodeSpan span = longestSpanBefore(stamps, source.index(), clip.out_frame);
    if (span.frameCount() <= 0) return plan;
    stamps.resize(span.packets);
    plan.copy_from = *candidate;
    plan.copy = span;
    plan.copy_packets = std::move(stamps);
    plan.head_end = span.first_frame;
    plan.tail_begin = span.end_frame;
    return plan;
}

std::optional<std::string> whySmartCutImpossible(const AVStream& picture, const SmartCutPlan& plan) {
    if (plan.encodedFrames() == 0) return std::nullopt;  // all copied (e.g. intra-only codecs): any codec will do
    return EdgeEncoder::whyNot(picture);
}

std::optional<std::string> smartCutObstacle(const ClipSource& source, const ResolvedClip& clip, std::stop_token stop) {
    SourceReader reader(source, std::move(stop));
    const AVStream& picture = reader.stream(source.videoStream());
    const AVCodecID codec = picture.codecpar->codec_id;
    // Without an encoder for the edges, a plan can only help when it copies everything: check that first,
    // so that an H.264 or HEVC source does not pay for a scan here and again in exportSmart.
    if (!EdgeEncoder::whyNot(picture)) return std::nullopt;
    const std::span<const std::uint8_t> extradata{picture.codecpar->extradata,
                                                  static_cast<std::size_t>(picture.codecpar->extradata_size)};
    const bool spliced = codec == AV_CODEC_ID_H264 || (codec == AV_CODEC_ID_HEVC && isHvcC(extradata));
    const DecoderConfig config = spliced ? readDecoderConfig(codec, extradata) : DecoderConfig{};
    const SmartCutPlan plan = planSmartCut(source, clip, reader, [&](const AVPacket& keyframe) {
        return CopiedPictures(spliced ? codec : AV_CODEC_ID_NONE, config, true).canStartWith(keyframe);
    });
    return whySmartCutImpossible(picture, plan);
}

ExportReport exportSmart(const ClipSource& source, const ResolvedClip& clip, const ExportOptions& options,
                         std::stop_token stop, const ExportProgress& progress) {
    // First: an unusable folder or an existing output is reported before any decoding or encoding.
    PartialOutput partial(options.output, options.existing);
    SourceReader reader(source, stop);
    const AVFormatContext& input = *reader.input().context();
    const AVStream& picture_in = *input.streams[source.videoStream()];
    const AVCodecID codec = picture_in.codecpar->codec_id;
    const std::span<const std::uint8_t> source_extradata{picture_in.codecpar->extradata,
                                                         static_cast<std::size_t>(picture_in.codecpar->extradata_size)};
    // HEVC is rewritten only with an hvcC record (MP4, Matroska); an MPEG-TS HEVC copy passes through as it is.
    const bool splices_bitstream = codec == AV_CODEC_ID_H264 || (codec == AV_CODEC_ID_HEVC && isHvcC(source_extradata));
    const AVCodecID spliced_codec = splices_bitstream ? codec : AV_CODEC_ID_NONE;
    const DecoderConfig source_config =
        splices_bitstream ? readDecoderConfig(codec, source_extradata) : DecoderConfig{};
    const SmartCutPlan plan = planSmartCut(source, clip, reader, [&](const AVPacket& keyframe) {
        return CopiedPictures(spliced_codec, source_config, true).canStartWith(keyframe);
    });
    if (auto reason = whySmartCutImpossible(picture_in, plan))
        throw Error(ErrorKind::Unsupported, source.name(), *reason);

    const std::int64_t total_frames = clip.frameCount();
    std::int64_t frames_done = 0;
    const auto report_progress = [&](std::int64_t done) {
        if (progress) progress(static_cast<double>(done) / static_cast<double>(total_frames));
    };

    // 1. Re-encode the edges first: their packets and parameter sets shape the output's header.
    EncodedRun head;
    EncodedRun tail;
    if (plan.encodedFrames() > 0) {
        const EdgeEncoder encoder(source, picture_in);
        const std::vector<unsigned> ids = codec == AV_CODEC_ID_H264
                                              ? freeParameterSetIds(source_config.parameter_sets, 2)
                                              : std::vector<unsigned>{0, 0};
        if (plan.head_end > plan.head_begin) {
            head = encoder.encode(plan.head_begin, plan.head_end, ids[0], stop, [&](double f) {
                report_progress(static_cast<std::int64_t>(f * static_cast<double>(plan.head_end - plan.head_begin)));
            });
            frames_done += plan.head_end - plan.head_begin;
        }
        if (plan.tail_end > plan.tail_begin) {
            tail = encoder.encode(plan.tail_begin, plan.tail_end, ids[1], stop, [&](double f) {
                report_progress(frames_done +
                                static_cast<std::int64_t>(f * static_cast<double>(plan.tail_end - plan.tail_begin)));
            });
            frames_done += plan.tail_end - plan.tail_begin;
        }
    }

    // 2. The output's picture packets in decode order, and their decode times.
    std::vector<PlannedPacket> pictures;
    for (const EncodedPacket& packet : head.packets) pictures.push_back({packet.pts, &packet});
    for (const PacketStamp& stamp : plan.copy_packets) {
        const auto frame = source.index().frameWithPts(stamp.pts);
        if (frame && *frame >= plan.copy.first_frame) pictures.push_back({stamp.pts, nullptr});
    }
    for (const EncodedPacket& packet : tail.packets) pictures.push_back({packet.pts, &packet});
    std::vector<std::int64_t> output_pts;
    for (const PlannedPacket& picture : pictures) output_pts.push_back(picture.pts - clip.in_pts);
    const std::vector<std::int64_t> decode_times = decodeTimesFor(output_pts);
    if (static_cast<std::int64_t>(pictures.size()) != total_frames) {
        throw Error(ErrorKind::Internal, source.name(),
                    fmt::format("the smart cut plan holds {} pictures for {} frames", pictures.size(), total_frames));
    }

    // 3. The output: the picture stream's header lists every parameter set the parts use.
    OutputMuxer muxer(partial.partialPath(), partial.destination());
    copyContainerMetadata(input, muxer);
    AVStream* picture_out = addStreamLike(muxer, picture_in);
    if (codec == AV_CODEC_ID_H264) {
        std::vector<Bytes> sps;
        std::vector<Bytes> pps;
        for (const std::vector<Bytes>* sets :
             {&source_config.parameter_sets, static_cast<const std::vector<Bytes>*>(&head.parameter_sets),
              static_cast<const std::vector<Bytes>*>(&tail.parameter_sets)}) {
            for (const Bytes& unit : *sets) {
                const int type = nalType(AV_CODEC_ID_H264, unit);
                if (type == kH264Sps) sps.push_back(unit);
                if (type == kH264Pps) pps.push_back(unit);
            }
        }
        setExtradata(*picture_out->codecpar, buildAvcC(sps, pps));
    } else if (spliced_codec == AV_CODEC_ID_HEVC) {
        Bytes hvcc(source_extradata.begin(), source_extradata.end());
        hvcc[21] = static_cast<std::uint8_t>(hvcc[21] | 3);  // the packets now carry 4-byte NAL lengths
        setExtradata(*picture_out->codecpar, hvcc);
        // Re-encoded parts carry their own parameter sets in-band, which QuickTime allows only under 'hev1'.
        if (plan.encodedFrames() > 0 && muxer.isQuickTime())
            picture_out->codecpar->codec_tag = MKTAG('h', 'e', 'v', '1');
    }
    ExportReport report;
    if (source.startTimecode()) {
        setStartTimecode(muxer, *picture_out, source.timecodeOfFrame(clip.in_frame));
        report.start_timecode_written = true;
    }
    const Rational start_seconds = Rational::make(clip.in_pts, 1) * source.timeBase();
    const Rational end_seconds = Rational::make(clip.out_pts, 1) * source.timeBase();
    AudioTracks audio(
        source, input, muxer, start_seconds, end_seconds,
        [&](const AVStream& stream) { return matchingAudioTarget(stream, *muxer.format()); }, stop);
    muxer.writeHeader(muxerOptionsFor(input, muxer));

    // 4. Write: re-encoded head, copied middle (read now, in decode order), re-encoded tail.
    const AVRational picture_tb = picture_in.time_base;
    const Rational picture_unit = source.timeBase();
    media::PacketPtr packet = media::makePacket();
    CopiedPictures copied(spliced_codec, source_config, !head.packets.empty());
    std::size_t copied_read = 0;
    if (plan.copy_from) reader.startAt(*plan.copy_from, Rational{0, 1});
    reader.readPictureOnly(true);
    for (std::size_t i = 0; i < pictures.size(); ++i) {
        const PlannedPacket& picture = pictures[i];
        if (picture.encoded) {
            if (av_new_packet(packet.get(), static_cast<int>(picture.encoded->data.size())) < 0) throw std::bad_alloc();
            std::copy(picture.encoded->data.begin(), picture.encoded->data.end(), packet->data);
            packet->flags = picture.encoded->keyframe ? AV_PKT_FLAG_KEY : 0;
            packet->duration = picture.encoded->duration;
        } else {
            // The next copied picture: skip what the plan left out (leading pictures, discarded packets).
            for (;;) {
                if (copied_read >= plan.copy_packets.size() || !reader.next(packet.get())) {
                    throw Error(ErrorKind::Corrupt, source.name(), "the copied GOPs read differently the second time");
                }
                if (packet->stream_index != reader.pictureStream()) {
                    av_packet_unref(packet.get());
                    continue;
                }
                ++copied_read;
                const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
                if (pts == picture.pts && !(packet->flags & AV_PKT_FLAG_DISCARD)) break;
                av_packet_unref(packet.get());
            }
            copied.adapt(*packet);
            if (packet->duration <= 0) packet->duration = source.frameDurationTicks();
            ++frames_done;
        }
        packet->pts = picture.pts - clip.in_pts;
        packet->dts = decode_times[i];
        packet->stream_index = picture_out->index;
        packet->pos = -1;
        audio.writeUntil(muxer, Rational::make(packet->dts, 1) * picture_unit);
        av_packet_rescale_ts(packet.get(), picture_tb, picture_out->time_base);
        muxer.write(packet.get());
        av_packet_unref(packet.get());
        report_progress(frames_done);
    }
    audio.writeRest(muxer);
    muxer.finish();
    partial.commit();

    report.output = partial.destination();
    report.requested_mode = report.mode = ExportMode::Smart;
    report.requested_in_frame = report.in_frame = clip.in_frame;
    report.requested_out_frame = report.out_frame = clip.out_frame;
    report.in_timecode = source.timecodeOfFrame(clip.in_frame);
    report.out_timecode = source.timecodeOfFrame(clip.out_frame);
    report.copied_frames = plan.copy.frameCount();
    report.encoded_frames = plan.encodedFrames();
    report.audio_samples = audio.samples();
    const auto frames = [](std::int64_t first, std::int64_t end) {
        return end - first == 1 ? fmt::format("frame {}", first) : fmt::format("frames {}–{}", first, end - 1);
    };
    if (plan.head_end > plan.head_begin) {
        report.notes.push_back(fmt::format(
            "re-encoded {} {}", frames(plan.head_begin, plan.head_end),
            plan.copy_from ? "before the first copied keyframe" : "(no keyframe to copy from in the range)"));
    }
    if (plan.tail_end > plan.tail_begin) {
        report.notes.push_back(
            fmt::format("re-encoded {} after the last copied GOP", frames(plan.tail_begin, plan.tail_end)));
    }
    report.notes.insert(report.notes.end(), audio.notes().begin(), audio.notes().end());
    return report;
}

}  // namespace rushes::exporting
