// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/audio_transcoder.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::exporting {
namespace {

// Decoding starts this long before the range, so the first samples kept are fully reconstructed (lossy
// codecs overlap frames) and a loosely interleaved file still has its audio for the in point.
constexpr Rational kDecodeLead{1, 1};
constexpr int kPcmFrameSamples = 1024;

AVSampleFormat pickSampleFormat(const AVCodec& codec, AVSampleFormat preferred) {
    if (!codec.sample_fmts) return preferred;
    for (const AVSampleFormat* format = codec.sample_fmts; *format != AV_SAMPLE_FMT_NONE; ++format) {
        if (*format == preferred) return preferred;
    }
    return codec.sample_fmts[0];
}

}  // namespace

AudioTarget matchingAudioTarget(const AVStream& stream, const AVOutputFormat& container) {
    AudioTarget target;
    const AVCodecID source_codec = stream.codecpar->codec_id;
    if (avcodec_find_encoder(source_codec) &&
        avformat_query_codec(&container, source_codec, FF_COMPLIANCE_NORMAL) == 1) {
        target.codec = source_codec;
        target.bit_rate = stream.codecpar->bit_rate;
    }
    return target;
}

AudioTranscoder::AudioTranscoder(const ClipSource& source, int stream_index, Rational start_seconds,
                                 Rational end_seconds, const AudioTarget& target, std::stop_token stop)
    : source_(source), stream_index_(stream_index), decoded_(media::makeFrame()) {
    input_ = std::make_unique<media::InputFile>(source.path(), std::move(stop));
    AVFormatContext* format = input_->context();
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != stream_index_) format->streams[i]->discard = AVDISCARD_ALL;
    }
    decoder_ = std::make_unique<media::StreamDecoder>(*input_, stream_index_, media::DecoderOptions{1, false, false});
    const AVCodecParameters& par = *format->streams[stream_index_]->codecpar;
    const int rate = par.sample_rate;
    if (rate <= 0)
        throw Error(ErrorKind::Unsupported, source.name(),
                    fmt::format("audio stream {} has no sample rate", stream_index));
    av_channel_layout_copy(&layout_, &par.ch_layout);
    if (layout_.order == AV_CHANNEL_ORDER_UNSPEC) {
        const int channels = layout_.nb_channels;
        av_channel_layout_uninit(&layout_);
        av_channel_layout_default(&layout_, channels);
    }
    const Rational sample{1, rate};
    start_sample_ = rescale(start_seconds.num, Rational{1, start_seconds.den}, sample, Rounding::Nearest);
    total_samples_ = rescale(end_seconds.num, Rational{1, end_seconds.den}, sample, Rounding::Nearest) - start_sample_;

    const AVCodec* codec = avcodec_find_encoder(target.codec);
    if (!codec)
        throw Error(ErrorKind::Unsupported, source.name(),
                    fmt::format("no {} encoder", avcodec_get_name(target.codec)));
    encoder_.reset(avcodec_alloc_context3(codec));
    if (!encoder_) throw std::bad_alloc();
    encoder_->sample_rate = rate;
    encoder_->time_base = AVRational{1, rate};
    av_channel_layout_copy(&encoder_->ch_layout, &layout_);
    encoder_->sample_fmt = pickSampleFormat(*codec, static_cast<AVSampleFormat>(par.format));
    if (target.codec == AV_CODEC_ID_AAC || !(codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE)) {
        encoder_->bit_rate = target.bit_rate > 0 ? target.bit_rate : 96000LL * layout_.nb_channels;
    }
    if (par.bits_per_raw_sample > 0) encoder_->bits_per_raw_sample = par.bits_per_raw_sample;
    // The muxer needs the codec's header (AudioSpecificConfig) up front.
    encoder_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int err = avcodec_open2(encoder_.get(), codec, nullptr);
    if (err < 0) {
        throw Error(ErrorKind::Unsupported, source.name(),
                    fmt::format("cannot open the {} audio encoder: {}", codec->name, media::describeAvError(err)));
    }
    fifo_.reset(av_audio_fifo_alloc(encoder_->sample_fmt, layout_.nb_channels, 4096));
    if (!fifo_) throw std::bad_alloc();
    seekBeforeStart(kDecodeLead);
}

AudioTranscoder::~AudioTranscoder() {
    av_channel_layout_uninit(&layout_);
}

void AudioTranscoder::seekBeforeStart(Rational lead_seconds) {
    // Seek on the picture stream: its index is the one every container keeps (Matroska cues).
    const int picture = source_.videoStream();
    const Rational start_seconds = Rational::make(start_sample_, encoder_->sample_rate);
    const Rational target_seconds = start_seconds - lead_seconds;
    const std::int64_t target =
        target_seconds.isPositive()
            ? rescale(target_seconds.num, Rational{1, target_seconds.den}, source_.timeBase(), Rounding::Down)
            : source_.index().keyframes().front().dts;
    if (av_seek_frame(input_->context(), picture, target, AVSEEK_FLAG_BACKWARD) < 0) {
        readFromStart();  // before the first index entry
        return;
    }
    decoder_->reset();
}

void AudioTranscoder::readFromStart() {
    input_ = std::make_unique<media::InputFile>(source_.path(), input_->stopToken());
    for (unsigned i = 0; i < input_->context()->nb_streams; ++i) {
        if (static_cast<int>(i) != stream_index_) input_->context()->streams[i]->discard = AVDISCARD_ALL;
    }
    decoder_ = std::make_unique<media::StreamDecoder>(*input_, stream_index_, media::DecoderOptions{1, false, false});
    reading_from_start_ = true;
}

bool AudioTranscoder::decodeMore() {
    if (source_ended_) return false;
    if (!decoder_->decodeNext(decoded_.get())) {
        source_ended_ = true;
        return false;
    }
    const AVStream& stream = *input_->context()->streams[stream_index_];
    const std::int64_t pts = decoded_->pts != AV_NOPTS_VALUE ? decoded_->pts : decoded_->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) {
        av_frame_unref(decoded_.get());
        return true;
    }
    // Where this frame's first sample sits in the range (negative: before the in point).
    const std::int64_t position = rescale(pts, Rational::make(stream.time_base.num, stream.time_base.den),
                                          Rational{1, encoder_->sample_rate}, Rounding::Nearest) -
                                  start_sample_;
    if (queued_ == 0 && position > 0 && !reading_from_start_ && stream.start_time != AV_NOPTS_VALUE &&
        rescale(stream.start_time, Rational::make(stream.time_base.num, stream.time_base.den),
                Rational{1, encoder_->sample_rate}, Rounding::Nearest) < start_sample_) {
        // The track has audio before in, yet the seek landed after it (a container index that strays):
        // decode from the start rather than fill real audio with silence.
        av_frame_unref(decoded_.get());
        readFromStart();
        return true;
    }
    // Audio that starts after the in point, or a gap in the source: silence keeps the samples in place.
    if (position > queued_) appendSilence(std::min(position, total_samples_) - queued_);
    const std::int64_t first_needed = queued_ - position;  // samples of this frame already covered or before in
    const std::int64_t skip = std::max<std::int64_t>(0, first_needed);
    const std::int64_t keep = std::min<std::int64_t>(decoded_->nb_samples - skip, total_samples_ - queued_);
    if (keep > 0) appendConverted(*decoded_, skip, keep);
    av_frame_unref(decoded_.get());
    return true;
}

void AudioTranscoder::appendSilence(std::int64_t samples) {
    if (samples <= 0) return;
    media::FramePtr silence = media::makeFrame();
    silence->format = encoder_->sample_fmt;
    silence->nb_samples = static_cast<int>(samples);
    av_channel_layout_copy(&silence->ch_layout, &layout_);
    if (av_frame_get_buffer(silence.get(), 0) < 0) throw std::bad_alloc();
    av_samples_set_silence(silence->extended_data, 0, silence->nb_samples, layout_.nb_channels, encoder_->sample_fmt);
    if (av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(silence->extended_data), silence->nb_samples) <
        silence->nb_samples) {
        throw std::bad_alloc();
    }
    queued_ += samples;
}

void AudioTranscoder::appendConverted(const AVFrame& frame, std::int64_t skip, std::int64_t keep) {
    if (!converter_) {
        AVChannelLayout in_layout{};
        av_channel_layout_copy(&in_layout, &frame.ch_layout);
        if (in_layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&in_layout, in_layout.nb_channels);
        SwrContext* raw = nullptr;
        // Same rate on both sides: only the sample format (and channel order) changes, sample for sample.
        int err = swr_alloc_set_opts2(&raw, &layout_, encoder_->sample_fmt, encoder_->sample_rate, &in_layout,
                                      static_cast<AVSampleFormat>(frame.format), frame.sample_rate, 0, nullptr);
        converter_.reset(raw);
        av_channel_layout_uninit(&in_layout);
        if (err >= 0) err = swr_init(converter_.get());
        if (err < 0)
            throw Error(ErrorKind::Unsupported, source_.name(),
                        "cannot convert the audio: " + media::describeAvError(err));
    }
    if (frame.sample_rate != encoder_->sample_rate) {
        throw Error(ErrorKind::Unsupported, source_.name(), "the audio stream changes its sample rate");
    }
    media::FramePtr converted = media::makeFrame();
    converted->format = encoder_->sample_fmt;
    converted->nb_samples = frame.nb_samples;
    converted->sample_rate = encoder_->sample_rate;
    av_channel_layout_copy(&converted->ch_layout, &layout_);
    if (av_frame_get_buffer(converted.get(), 0) < 0) throw std::bad_alloc();
    const int got = swr_convert(converter_.get(), converted->extended_data, frame.nb_samples,
                                const_cast<const std::uint8_t**>(frame.extended_data), frame.nb_samples);
    if (got < skip + keep) throw Error(ErrorKind::Internal, source_.name(), "audio conversion lost samples");
    std::vector<void*> planes(
        static_cast<std::size_t>(av_sample_fmt_is_planar(encoder_->sample_fmt) ? layout_.nb_channels : 1));
    const int bytes = av_get_bytes_per_sample(encoder_->sample_fmt) *
                      (av_sample_fmt_is_planar(encoder_->sample_fmt) ? 1 : layout_.nb_channels);
    for (std::size_t plane = 0; plane < planes.size(); ++plane) {
        planes[plane] = converted->extended_data[plane] + skip * bytes;
    }
    if (av_audio_fifo_write(fifo_.get(), planes.data(), static_cast<int>(keep)) < keep) throw std::bad_alloc();
    queued_ += keep;
}

void AudioTranscoder::feedEncoder() {
    const int frame_size = encoder_->frame_size > 0 ? encoder_->frame_size : kPcmFrameSamples;
    const bool all_queued = queued_ >= total_samples_;
    while (av_audio_fifo_size(fifo_.get()) >= frame_size || (all_queued && av_audio_fifo_size(fifo_.get()) > 0)) {
        const int samples = std::min(frame_size, av_audio_fifo_size(fifo_.get()));
        media::FramePtr frame = media::makeFrame();
        frame->format = encoder_->sample_fmt;
        frame->nb_samples = samples;
        frame->sample_rate = encoder_->sample_rate;
        av_channel_layout_copy(&frame->ch_layout, &layout_);
        if (av_frame_get_buffer(frame.get(), 0) < 0) throw std::bad_alloc();
        av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(frame->extended_data), samples);
        frame->pts = sent_;
        const int err = avcodec_send_frame(encoder_.get(), frame.get());
        if (err == AVERROR(EAGAIN)) {
            throw Error(ErrorKind::Internal, source_.name(),
                        "the audio encoder refused input before its output was read");
        }
        if (err < 0)
            throw Error(ErrorKind::Internal, source_.name(), "audio encoding failed: " + media::describeAvError(err));
        sent_ += samples;
        return;  // one frame per call, so the caller collects its packet before sending more
    }
    if (all_queued && sent_ >= total_samples_ && !flushed_) {
        avcodec_send_frame(encoder_.get(), nullptr);
        flushed_ = true;
    }
}

bool AudioTranscoder::next(AVPacket* packet) {
    for (;;) {
        const int err = avcodec_receive_packet(encoder_.get(), packet);
        if (err == 0) return true;
        if (err == AVERROR_EOF) return false;
        if (err != AVERROR(EAGAIN)) {
            throw Error(ErrorKind::Internal, source_.name(), "audio encoding failed: " + media::describeAvError(err));
        }
        if (flushed_) return false;
        const int frame_size = encoder_->frame_size > 0 ? encoder_->frame_size : kPcmFrameSamples;
        while (queued_ < total_samples_ && av_audio_fifo_size(fifo_.get()) < frame_size) {
            if (!decodeMore()) appendSilence(total_samples_ - queued_);  // the source's audio ended early
        }
        feedEncoder();
    }
}

}  // namespace rushes::exporting
