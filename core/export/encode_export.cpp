// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/encode_export.h"

#include <fmt/format.h>

extern "C" {
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

#include "base/error.h"
#include "export/audio_tracks.h"
#include "export/output_muxer.h"
#include "export/partial_output.h"
#include "export/source_reader.h"
#include "export/stream_setup.h"
#include "media/ffmpeg_error.h"
#include "media/video_decoder.h"

namespace rushes::exporting {
namespace {

bool encoderTakes(const AVCodec& codec, AVPixelFormat format) {
    if (!codec.pix_fmts) return true;
    for (const AVPixelFormat* f = codec.pix_fmts; *f != AV_PIX_FMT_NONE; ++f) {
        if (*f == format) return true;
    }
    return false;
}

// Output size: the source's, or scaled down to the preset's height with the display aspect kept and both
// sides even (4:2:0 needs it).
std::pair<int, int> outputSize(const AVCodecParameters& source, const EncodePreset& preset) {
    if (preset.max_height <= 0 || source.height <= preset.max_height) return {source.width, source.height};
    const int height = preset.max_height & ~1;
    const std::int64_t width =
        rescale(source.width, Rational{height, source.height}, Rational{1, 1}, Rounding::Nearest);
    return {static_cast<int>(std::max<std::int64_t>(2, width & ~1LL)), height};
}

AudioTarget audioTargetFor(const AVStream& stream, const EncodePreset& preset, AudioChoice choice) {
    const bool pcm = choice == AudioChoice::Pcm || (choice == AudioChoice::Preset && preset.audio == PresetAudio::Pcm);
    AudioTarget target;
    if (pcm) {
        // 24-bit when the source has more than 16 bits (PCM 24, float, or a lossy codec decoded to float).
        const int bits = stream.codecpar->bits_per_raw_sample > 0
                             ? stream.codecpar->bits_per_raw_sample
                             : av_get_bytes_per_sample(static_cast<AVSampleFormat>(stream.codecpar->format)) * 8;
        target.codec = bits > 16 ? AV_CODEC_ID_PCM_S24LE : AV_CODEC_ID_PCM_S16LE;
    } else {
        target.codec = AV_CODEC_ID_AAC;
        target.bit_rate = preset.aac_bit_rate;
    }
    return target;
}

class PictureEncoder {
public:
    PictureEncoder(const ClipSource& source, const AVStream& stream, const EncodePreset& preset) : source_(source) {
        const AVCodec* codec = avcodec_find_encoder_by_name(preset.encoder.c_str());
        if (!codec)
            throw Error(ErrorKind::Unsupported, preset.name, "this FFmpeg has no " + preset.encoder + " encoder");
        const AVCodecParameters& par = *stream.codecpar;
        const auto source_format = static_cast<AVPixelFormat>(par.format);
        AVPixelFormat format = preset.pixel_format;
        if (format == AV_PIX_FMT_NONE)
            format = encoderTakes(*codec, source_format) ? source_format : AV_PIX_FMT_YUV420P;
        const auto [width, height] = outputSize(par, preset);
        encoder_.reset(avcodec_alloc_context3(codec));
        if (!encoder_) throw std::bad_alloc();
        encoder_->width = width;
        encoder_->height = height;
        encoder_->pix_fmt = format;
        encoder_->sample_aspect_ratio = par.sample_aspect_ratio;
        encoder_->color_range = par.color_range;
        encoder_->color_primaries = par.color_primaries;
        encoder_->color_trc = par.color_trc;
        encoder_->colorspace = par.color_space;
        encoder_->field_order = par.field_order;
        encoder_->time_base = stream.time_base;
        encoder_->framerate =
            AVRational{static_cast<int>(source.frameRate().num), static_cast<int>(source.frameRate().den)};
        encoder_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        if (par.field_order == AV_FIELD_TT || par.field_order == AV_FIELD_BB || par.field_order == AV_FIELD_TB ||
            par.field_order == AV_FIELD_BT) {
            encoder_->flags |= AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME;
        }
        if (preset.gop_seconds > 0) {
            const std::int64_t frames =
                rescale(preset.gop_seconds, source.frameRate(), Rational{1, 1}, Rounding::Nearest);
            encoder_->gop_size = static_cast<int>(std::max<std::int64_t>(1, frames));
        }
        for (const auto& [key, value] : preset.options) {
            const int err = av_opt_set(encoder_->priv_data, key.c_str(), value.c_str(), 0);
            if (err < 0)
                throw Error(ErrorKind::Internal, preset.name,
                            fmt::format("{}={} refused by {}", key, value, preset.encoder));
        }
        const int err = avcodec_open2(encoder_.get(), codec, nullptr);
        if (err < 0) {
            throw Error(ErrorKind::Unsupported, source.name(),
                        fmt::format("cannot open {} for {}x{} {}: {}", preset.encoder, width, height,
                                    av_get_pix_fmt_name(format) ? av_get_pix_fmt_name(format) : "?",
                                    media::describeAvError(err)));
        }
        if (width != par.width || height != par.height || format != source_format) {
            converter_.reset(sws_getContext(par.width, par.height, source_format, width, height, format, SWS_BICUBIC,
                                            nullptr, nullptr, nullptr));
            if (!converter_)
                throw Error(ErrorKind::Unsupported, source.name(), "cannot convert the picture for " + preset.encoder);
        }
    }

    [[nodiscard]] const AVCodecContext& context() const noexcept { return *encoder_; }

    void send(AVFrame* picture) {
        if (!picture) {
            avcodec_send_frame(encoder_.get(), nullptr);
            return;
        }
        picture->pict_type = AV_PICTURE_TYPE_NONE;
        AVFrame* input = picture;
        media::FramePtr converted;
        if (converter_) {
            converted = media::makeFrame();
            converted->format = encoder_->pix_fmt;
            converted->width = encoder_->width;
            converted->height = encoder_->height;
            if (av_frame_get_buffer(converted.get(), 0) < 0) throw std::bad_alloc();
            const int err = sws_scale_frame(converter_.get(), converted.get(), picture);
            if (err < 0)
                throw Error(ErrorKind::Internal, source_.name(),
                            "picture conversion failed: " + media::describeAvError(err));
            av_frame_copy_props(converted.get(), picture);
            input = converted.get();
        }
        const int err = avcodec_send_frame(encoder_.get(), input);
        if (err < 0)
            throw Error(ErrorKind::Internal, source_.name(), "encoding failed: " + media::describeAvError(err));
    }

    bool receive(AVPacket* packet) {
        const int err = avcodec_receive_packet(encoder_.get(), packet);
        if (err == 0) return true;
        if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return false;
        throw Error(ErrorKind::Internal, source_.name(), "encoding failed: " + media::describeAvError(err));
    }

private:
    const ClipSource& source_;
    media::CodecContextPtr encoder_;
    media::SwsContextPtr converter_;
};

}  // namespace

ExportReport exportEncode(const ClipSource& source, const ResolvedClip& clip, const EncodePreset& preset,
                          const ExportOptions& options, std::stop_token stop, const ExportProgress& progress) {
    // First: an unusable folder or an existing output is reported before any decoding or encoding.
    PartialOutput partial(options.output, options.existing);
    SourceReader reader(source, stop);  // the source's streams, for stream setup
    const AVFormatContext& input = *reader.input().context();
    const AVStream& picture_in = *input.streams[source.videoStream()];
    PictureEncoder encoder(source, picture_in, preset);

    OutputMuxer muxer(partial.partialPath(), partial.destination());
    copyContainerMetadata(input, muxer);
    AVStream* picture_out = addEncodedStreamLike(muxer, picture_in, encoder.context());
    ExportReport report;
    if (source.startTimecode()) {
        setStartTimecode(muxer, *picture_out, source.timecodeOfFrame(clip.in_frame));
        report.start_timecode_written = true;
    }
    const Rational start_seconds = Rational::make(clip.in_pts, 1) * source.timeBase();
    const Rational end_seconds = Rational::make(clip.out_pts, 1) * source.timeBase();
    AudioTracks audio(
        source, input, muxer, start_seconds, end_seconds,
        [&](const AVStream& stream) { return audioTargetFor(stream, preset, options.audio); }, stop);
    muxer.writeHeader(muxerOptionsFor(input, muxer));

    const AVRational encoder_tb = encoder.context().time_base;
    const Rational encoder_unit = Rational::make(encoder_tb.num, encoder_tb.den);
    media::PacketPtr packet = media::makePacket();
    std::int64_t written = 0;
    const auto drain = [&] {
        while (encoder.receive(packet.get())) {
            packet->pts -= clip.in_pts;
            packet->dts -= clip.in_pts;
            packet->stream_index = picture_out->index;
            audio.writeUntil(muxer, Rational::make(packet->dts, 1) * encoder_unit);
            av_packet_rescale_ts(packet.get(), encoder_tb, picture_out->time_base);
            muxer.write(packet.get());
            av_packet_unref(packet.get());
            ++written;
        }
    };

    media::VideoDecoder decoder(source.path(), {}, stop);
    decoder.setIndex(source.index());
    std::optional<media::VideoFrame> frame = decoder.seek(clip.in_frame);
    for (std::int64_t n = clip.in_frame; n < clip.out_frame; ++n) {
        if (stop.stop_requested()) throw Error(ErrorKind::Cancelled, source.name(), "export cancelled");
        if (!frame) throw Error(ErrorKind::Corrupt, source.name(), fmt::format("frame {} cannot be decoded", n));
        frame->frame->pts = frame->pts;
        encoder.send(frame->frame.get());
        drain();
        if (progress) progress(static_cast<double>(n - clip.in_frame + 1) / static_cast<double>(clip.frameCount()));
        if (n + 1 < clip.out_frame) frame = decoder.next();
    }
    encoder.send(nullptr);
    drain();
    if (written != clip.frameCount()) {
        throw Error(ErrorKind::Internal, source.name(),
                    fmt::format("{} returned {} pictures for {} frames", preset.encoder, written, clip.frameCount()));
    }
    audio.writeRest(muxer);
    muxer.finish();
    partial.commit();

    report.output = partial.destination();
    report.requested_mode = report.mode = ExportMode::Encode;
    report.requested_in_frame = report.in_frame = clip.in_frame;
    report.requested_out_frame = report.out_frame = clip.out_frame;
    report.in_timecode = source.timecodeOfFrame(clip.in_frame);
    report.out_timecode = source.timecodeOfFrame(clip.out_frame);
    report.encoded_frames = clip.frameCount();
    report.audio_samples = audio.samples();
    report.notes.push_back(fmt::format("encoded with preset {} ({}x{} {})", preset.name, encoder.context().width,
                                       encoder.context().height, av_get_pix_fmt_name(encoder.context().pix_fmt)));
    report.notes.insert(report.notes.end(), audio.notes().begin(), audio.notes().end());
    return report;
}

}  // namespace rushes::exporting
