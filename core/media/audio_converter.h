// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "media/ffmpeg_handles.h"

namespace rushes::media {

struct AudioSpec {
    int sample_rate = 0;  // 0: the stream's own rate
    int channels = 0;     // 0: the stream's own layout; otherwise the default layout for that count
    AVSampleFormat format = AV_SAMPLE_FMT_FLT;
};

// A run of converted samples. Packed formats are interleaved; planar formats
// store channel after channel, `samples` each.
struct AudioChunk {
    std::vector<std::uint8_t> data;
    AVSampleFormat format = AV_SAMPLE_FMT_NONE;
    int sample_rate = 0;
    int channels = 0;
    std::int64_t samples = 0;       // per channel
    std::int64_t first_sample = 0;  // position of the first one, counted from the first decoded sample

    template <typename T>
    [[nodiscard]] std::span<const T> as() const {
        return {reinterpret_cast<const T*>(data.data()), data.size() / sizeof(T)};
    }
};

// Converts decoded audio frames to one rate, layout and sample format with
// libswresample (which also downmixes 5.1 properly). Separate from decoding
// so that a pass which reads the file once can convert what it decoded.
class AudioConverter {
public:
    // `stream` describes the source (its rate and layout fill the spec's zeros);
    // `file_name` only names the file in errors.
    AudioConverter(const AVCodecParameters& stream, const AudioSpec& spec, std::string file_name);
    AudioConverter(const AudioConverter&) = delete;
    AudioConverter& operator=(const AudioConverter&) = delete;
    ~AudioConverter();

    [[nodiscard]] const AudioSpec& outputSpec() const noexcept { return spec_; }

    // Converts one decoded frame; the resampler may hold some samples back.
    AudioChunk convert(const AVFrame& frame);
    // The samples the resampler's filter still holds, once, at the end.
    AudioChunk flush();

private:
    void configure(const AVFrame& frame);
    AudioChunk run(const AVFrame* frame);

    std::string file_name_;
    AudioSpec spec_;
    AVChannelLayout out_layout_{};
    SwrContextPtr swr_;
    int in_rate_ = 0;
    int in_format_ = -1;
    AVChannelLayout in_layout_{};
    std::int64_t samples_out_ = 0;
};

}  // namespace rushes::media
