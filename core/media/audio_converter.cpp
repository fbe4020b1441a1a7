// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/audio_converter.h"

#include <algorithm>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::media {

AudioConverter::AudioConverter(const AVCodecParameters& stream, const AudioSpec& spec, std::string file_name)
    : file_name_(std::move(file_name)), spec_(spec) {
    if (spec_.sample_rate <= 0) spec_.sample_rate = stream.sample_rate;
    if (spec_.channels <= 0) {
        av_channel_layout_copy(&out_layout_, &stream.ch_layout);
        if (out_layout_.order == AV_CHANNEL_ORDER_UNSPEC) {
            av_channel_layout_default(&out_layout_, out_layout_.nb_channels);
        }
        spec_.channels = out_layout_.nb_channels;
    } else {
        av_channel_layout_default(&out_layout_, spec_.channels);
    }
}

AudioConverter::~AudioConverter() {
    av_channel_layout_uninit(&out_layout_);
    av_channel_layout_uninit(&in_layout_);
}

void AudioConverter::configure(const AVFrame& frame) {
    if (swr_ && frame.sample_rate == in_rate_ && frame.format == in_format_ &&
        av_channel_layout_compare(&frame.ch_layout, &in_layout_) == 0) {
        return;
    }
    AVChannelLayout in_layout{};
    av_channel_layout_copy(&in_layout, &frame.ch_layout);
    if (in_layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&in_layout, in_layout.nb_channels);
    SwrContext* raw = nullptr;
    int err = swr_alloc_set_opts2(&raw, &out_layout_, spec_.format, spec_.sample_rate, &in_layout,
                                  static_cast<AVSampleFormat>(frame.format), frame.sample_rate, 0, nullptr);
    swr_.reset(raw);
    if (err >= 0) err = swr_init(swr_.get());
    av_channel_layout_uninit(&in_layout);
    if (err < 0) throw Error(ErrorKind::Unsupported, file_name_, "cannot convert this audio: " + describeAvError(err));
    in_rate_ = frame.sample_rate;
    in_format_ = frame.format;
    av_channel_layout_uninit(&in_layout_);
    av_channel_layout_copy(&in_layout_, &frame.ch_layout);
}

AudioChunk AudioConverter::convert(const AVFrame& frame) {
    configure(frame);
    return run(&frame);
}

AudioChunk AudioConverter::flush() {
    if (!swr_) return AudioChunk{{}, spec_.format, spec_.sample_rate, spec_.channels, 0, samples_out_};
    AudioChunk tail = run(nullptr);
    swr_.reset();  // a second flush has nothing left to give
    return tail;
}

AudioChunk AudioConverter::run(const AVFrame* frame) {
    const int in_samples = frame ? frame->nb_samples : 0;
    const int capacity = swr_get_out_samples(swr_.get(), in_samples);
    AudioChunk chunk;
    chunk.format = spec_.format;
    chunk.sample_rate = spec_.sample_rate;
    chunk.channels = spec_.channels;
    chunk.first_sample = samples_out_;
    if (capacity <= 0) return chunk;
    const int bytes_per_sample = av_get_bytes_per_sample(spec_.format);
    const bool planar = av_sample_fmt_is_planar(spec_.format);
    const std::size_t plane_bytes =
        static_cast<std::size_t>(capacity) * bytes_per_sample * (planar ? 1 : spec_.channels);
    std::vector<std::uint8_t> buffer(plane_bytes * (planar ? spec_.channels : 1));
    std::vector<std::uint8_t*> planes(static_cast<std::size_t>(planar ? spec_.channels : 1));
    for (std::size_t p = 0; p < planes.size(); ++p) planes[p] = buffer.data() + p * plane_bytes;
    const int produced = swr_convert(swr_.get(), planes.data(), capacity,
                                     frame ? const_cast<const std::uint8_t**>(frame->extended_data) : nullptr,
                                     in_samples);
    if (produced < 0) throw Error(ErrorKind::Corrupt, file_name_, "resampling failed: " + describeAvError(produced));
    // Keep only what was produced; planar planes are packed together again.
    const std::size_t used = static_cast<std::size_t>(produced) * bytes_per_sample * (planar ? 1 : spec_.channels);
    chunk.data.resize(used * planes.size());
    for (std::size_t p = 0; p < planes.size(); ++p) {
        std::copy_n(planes[p], used, chunk.data.data() + p * used);
    }
    chunk.samples = produced;
    samples_out_ += produced;
    return chunk;
}

}  // namespace rushes::media
