// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/edge_encoder.h"

#include <fmt/format.h>

extern "C" {
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

#include "base/error.h"
#include "media/ffmpeg_error.h"
#include "media/video_decoder.h"

namespace rushes::exporting {
namespace {

const char* x264Profile(int profile) {
    switch (profile & ~FF_PROFILE_H264_CONSTRAINED) {
        case FF_PROFILE_H264_BASELINE: return "baseline";
        case FF_PROFILE_H264_MAIN:
        case FF_PROFILE_H264_EXTENDED: return "main";
        case FF_PROFILE_H264_HIGH: return "high";
        case FF_PROFILE_H264_HIGH_10: return "high10";
        case FF_PROFILE_H264_HIGH_422: return "high422";
        case FF_PROFILE_H264_HIGH_444_PREDICTIVE: return "high444";
        default: return nullptr;
    }
}

const char* x265Profile(int profile, AVPixelFormat format) {
    switch (profile) {
        case FF_PROFILE_HEVC_MAIN: return "main";
        case FF_PROFILE_HEVC_MAIN_10: return "main10";
        case FF_PROFILE_HEVC_REXT:
            switch (format) {
                case AV_PIX_FMT_YUV422P: return "main422-8";
                case AV_PIX_FMT_YUV444P: return "main444-8";
                case AV_PIX_FMT_YUV422P10LE: return "main422-10";
                case AV_PIX_FMT_YUV444P10LE: return "main444-10";
                case AV_PIX_FMT_YUV420P12LE: return "main12";
                case AV_PIX_FMT_YUV422P12LE: return "main422-12";
                case AV_PIX_FMT_YUV444P12LE: return "main444-12";
                default: return nullptr;
            }
        default: return nullptr;
    }
}

bool interlaced(AVFieldOrder order) {
    return order == AV_FIELD_TT || order == AV_FIELD_BB || order == AV_FIELD_TB || order == AV_FIELD_BT;
}

void setOption(AVCodecContext* context, const char* key, const std::string& value) {
    const int err = av_opt_set(context->priv_data, key, value.c_str(), 0);
    if (err < 0)
        throw Error(ErrorKind::Internal, "encoder",
                    fmt::format("option {}={} refused: {}", key, value, media::describeAvError(err)));
}

// Packet payload as length-prefixed NAL units; H.264 parameter sets are dropped because the avcC lists them.
Bytes toSamplePayload(AVCodecID codec, const AVPacket& packet) {
    std::vector<Bytes> units = splitAnnexB({packet.data, static_cast<std::size_t>(packet.size)});
    if (codec == AV_CODEC_ID_H264) {
        std::erase_if(units, [](const Bytes& unit) {
            const int type = nalType(AV_CODEC_ID_H264, unit);
            return type == kH264Sps || type == kH264Pps;
        });
    }
    return joinLengthPrefixed(units);
}

}  // namespace

std::optional<std::string> EdgeEncoder::whyNot(const AVStream& stream) {
    const AVCodecParameters& par = *stream.codecpar;
    const auto format = static_cast<AVPixelFormat>(par.format);
    if (par.codec_id == AV_CODEC_ID_H264) {
        if (!avcodec_find_encoder_by_name("libx264")) return "this FFmpeg has no libx264 to re-encode H.264 edges";
        if (!x264Profile(par.profile)) return fmt::format("H.264 profile {} cannot be matched by libx264", par.profile);
        return std::nullopt;
    }
    if (par.codec_id == AV_CODEC_ID_HEVC) {
        if (!avcodec_find_encoder_by_name("libx265")) return "this FFmpeg has no libx265 to re-encode HEVC edges";
        if (!x265Profile(par.profile, format))
            return fmt::format("HEVC profile {} cannot be matched by libx265", par.profile);
        const std::span<const std::uint8_t> extradata{par.extradata, static_cast<std::size_t>(par.extradata_size)};
        if (!isHvcC(extradata)) return "HEVC without an hvcC record (e.g. MPEG-TS) cannot be spliced";
        // x265 codes interlaced input as separate field pictures, which the source's frames would not match.
        if (interlaced(par.field_order)) return "interlaced HEVC edges cannot be matched by libx265";
        return std::nullopt;
    }
    return fmt::format("smart cut re-encodes only H.264 and HEVC edges, not {}", avcodec_get_name(par.codec_id));
}

EdgeEncoder::EdgeEncoder(const ClipSource& source, const AVStream& stream) : source_(source), stream_(stream) {
    if (auto reason = whyNot(stream)) throw Error(ErrorKind::Unsupported, source.name(), *reason);
}

media::CodecContextPtr EdgeEncoder::openEncoder(std::int64_t frames, unsigned parameter_set_id) const {
    const AVCodecParameters& par = *stream_.codecpar;
    const bool hevc = par.codec_id == AV_CODEC_ID_HEVC;
    const AVCodec* codec = avcodec_find_encoder_by_name(hevc ? "libx265" : "libx264");
    media::CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context) throw std::bad_alloc();
    const auto format = static_cast<AVPixelFormat>(par.format);
    context->width = par.width;
    context->height = par.height;
    context->pix_fmt = format;
    context->sample_aspect_ratio = par.sample_aspect_ratio;
    context->color_range = par.color_range;
    context->color_primaries = par.color_primaries;
    context->color_trc = par.color_trc;
    context->colorspace = par.color_space;
    context->chroma_sample_location = par.chroma_location;
    context->field_order = par.field_order;
    context->time_base = stream_.time_base;
    context->framerate =
        AVRational{static_cast<int>(source_.frameRate().num), static_cast<int>(source_.frameRate().den)};
    context->thread_count = 0;
    if (interlaced(par.field_order)) context->flags |= AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME;
    // One GOP for the whole run: an IDR first (a clean start for the decoder), no other keyframe.
    const std::int64_t keyint = frames + 1;
    const bool b_frames = par.video_delay > 0;
    if (hevc) {
        setOption(context.get(), "preset", "fast");
        setOption(context.get(), "crf", "18");
        setOption(context.get(), "profile", x265Profile(par.profile, format));
        std::string params =
            fmt::format("log-level=error:keyint={0}:min-keyint={0}:scenecut=0:open-gop=0:repeat-headers=1", keyint);
        if (par.level > 0) params += fmt::format(":level-idc={}.{}", par.level / 30, (par.level % 30) / 3);
        if (!b_frames) params += ":bframes=0";
        setOption(context.get(), "x265-params", params);
    } else {
        // Parameter sets go to extradata (the output's avcC) instead of in-band.
        context->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        setOption(context.get(), "preset", "fast");
        setOption(context.get(), "crf", "16");
        setOption(context.get(), "profile", x264Profile(par.profile));
        if (par.level > 0) setOption(context.get(), "level", std::to_string(par.level));
        std::string params = fmt::format("sps-id={}:keyint={}:scenecut=0:open-gop=0", parameter_set_id, keyint);
        if (!b_frames) params += ":bframes=0";
        setOption(context.get(), "x264-params", params);
    }
    const int err = avcodec_open2(context.get(), codec, nullptr);
    if (err < 0) {
        throw Error(
            ErrorKind::Unsupported, source_.name(),
            fmt::format("cannot open {} to match the source ({} {}x{} {}): {}", codec->name,
                        avcodec_get_name(par.codec_id), par.width, par.height,
                        av_get_pix_fmt_name(format) ? av_get_pix_fmt_name(format) : "?", media::describeAvError(err)));
    }
    return context;
}

EncodedRun EdgeEncoder::encode(std::int64_t first_frame, std::int64_t end_frame, unsigned parameter_set_id,
                               std::stop_token stop, const ExportProgress& progress) const {
    const std::int64_t frames = end_frame - first_frame;
    media::CodecContextPtr encoder = openEncoder(frames, parameter_set_id);
    const AVCodecID codec = stream_.codecpar->codec_id;
    EncodedRun run;
    if (codec == AV_CODEC_ID_H264) {
        run.parameter_sets = splitAnnexB({encoder->extradata, static_cast<std::size_t>(encoder->extradata_size)});
        std::erase_if(run.parameter_sets, [](const Bytes& unit) {
            const int type = nalType(AV_CODEC_ID_H264, unit);
            return type != kH264Sps && type != kH264Pps;
        });
    }

    media::PacketPtr packet = media::makePacket();
    const auto drain = [&] {
        for (;;) {
            const int err = avcodec_receive_packet(encoder.get(), packet.get());
            if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return;
            if (err < 0)
                throw Error(ErrorKind::Internal, source_.name(),
                            "edge encoding failed: " + media::describeAvError(err));
            EncodedPacket out;
            out.data = toSamplePayload(codec, *packet);
            out.pts = packet->pts;
            out.duration = source_.frameDurationTicks();
            out.keyframe = (packet->flags & AV_PKT_FLAG_KEY) != 0;
            run.packets.push_back(std::move(out));
            av_packet_unref(packet.get());
        }
    };

    media::VideoDecoder decoder(source_.path(), {}, stop);
    decoder.setIndex(source_.index());
    std::optional<media::VideoFrame> frame = decoder.seek(first_frame);
    for (std::int64_t n = first_frame; n < end_frame; ++n) {
        if (stop.stop_requested()) throw Error(ErrorKind::Cancelled, source_.name(), "export cancelled");
        if (!frame) throw Error(ErrorKind::Corrupt, source_.name(), fmt::format("frame {} cannot be decoded", n));
        AVFrame* picture = frame->frame.get();
        picture->pts = frame->pts;
        // The decoder's picture types would steer the encoder; its own GOP decides instead.
        picture->pict_type = AV_PICTURE_TYPE_NONE;
        const int err = avcodec_send_frame(encoder.get(), picture);
        if (err < 0)
            throw Error(ErrorKind::Internal, source_.name(), "edge encoding failed: " + media::describeAvError(err));
        drain();
        if (progress) progress(static_cast<double>(n - first_frame + 1) / static_cast<double>(frames));
        if (n + 1 < end_frame) frame = decoder.next();
    }
    avcodec_send_frame(encoder.get(), nullptr);
    drain();
    if (static_cast<std::int64_t>(run.packets.size()) != frames) {
        throw Error(ErrorKind::Internal, source_.name(),
                    fmt::format("the edge encoder returned {} pictures for {} frames", run.packets.size(), frames));
    }
    return run;
}

}  // namespace rushes::exporting
