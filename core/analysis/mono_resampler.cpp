// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/mono_resampler.h"

#include <algorithm>
#include <string>

#include "base/error.h"
#include "media/ffmpeg_error.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace rushes::analysis {
namespace {

constexpr const char* kSubject = "mono resampler for audio features";
constexpr int kMaxFramesPerCall = 1 << 16;  // swr_convert counts in int

}  // namespace

MonoResampler::MonoResampler(int input_rate, const AVChannelLayout& input_layout, int output_rate)
    : channels_(input_layout.nb_channels) {
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    // FFmpeg 5.1 takes the layouts by non-const pointer.
    AVChannelLayout input{};
    int err = av_channel_layout_copy(&input, &input_layout);
    SwrContext* raw = nullptr;
    if (err >= 0) {
        err = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, output_rate, &input, AV_SAMPLE_FMT_FLT, input_rate, 0,
                                  nullptr);
    }
    av_channel_layout_uninit(&input);
    swr_.reset(raw);
    // Without a bound, a float downmix sums L and R at 1/√2 each: +3 dB on dual mono.
    if (err >= 0) err = av_opt_set_double(swr_.get(), "rematrix_maxval", 1.0, 0);
    if (err >= 0) err = swr_init(swr_.get());
    if (err < 0) {
        throw Error(ErrorKind::Unsupported, kSubject,
                    "cannot downmix and resample this audio: " + media::describeAvError(err));
    }
}

void MonoResampler::convert(const float* interleaved, std::int64_t frames, std::vector<float>& out) {
    while (frames > 0) {
        const int take = static_cast<int>(std::min<std::int64_t>(frames, kMaxFramesPerCall));
        run(interleaved, take, out);
        interleaved += static_cast<std::ptrdiff_t>(take) * channels_;
        frames -= take;
    }
}

void MonoResampler::flush(std::vector<float>& out) {
    run(nullptr, 0, out);
}

void MonoResampler::run(const float* interleaved, int frames, std::vector<float>& out) {
    const int capacity = swr_get_out_samples(swr_.get(), frames);
    if (capacity <= 0) return;
    const std::size_t before = out.size();
    out.resize(before + static_cast<std::size_t>(capacity));
    std::uint8_t* output = reinterpret_cast<std::uint8_t*>(out.data() + before);
    const std::uint8_t* input = reinterpret_cast<const std::uint8_t*>(interleaved);
    const int produced = swr_convert(swr_.get(), &output, capacity, interleaved ? &input : nullptr, frames);
    if (produced < 0) {
        out.resize(before);
        throw Error(ErrorKind::Internal, kSubject, "resampling failed: " + media::describeAvError(produced));
    }
    out.resize(before + static_cast<std::size_t>(produced));
}

}  // namespace rushes::analysis
