// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <vector>

#include "media/ffmpeg_handles.h"
#include "media/input_file.h"
#include "media/stream_decoder.h"

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

// Decodes one audio stream and converts it to a requested rate, layout and
// sample format with libswresample (which also downmixes 5.1 properly).
class AudioDecoder {
public:
    AudioDecoder(const std::filesystem::path& path, const AudioSpec& spec, std::stop_token stop = {},
                 int stream_index = -1);
    ~AudioDecoder();

    [[nodiscard]] const InputFile& input() const noexcept { return *input_; }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }
    [[nodiscard]] const AudioSpec& outputSpec() const noexcept { return spec_; }

    // The next converted chunk, or nothing once the stream and resampler are drained.
    std::optional<AudioChunk> next();

private:
    void configureResampler(const AVFrame& frame);
    AudioChunk convert(const AVFrame* frame);

    std::unique_ptr<InputFile> input_;
    int stream_index_ = -1;
    std::unique_ptr<StreamDecoder> decoder_;
    AudioSpec spec_;
    AVChannelLayout out_layout_{};
    SwrContextPtr swr_;
    int swr_in_rate_ = 0;
    int swr_in_format_ = -1;
    AVChannelLayout swr_in_layout_{};
    FramePtr frame_;
    bool flushed_ = false;
    std::int64_t samples_out_ = 0;
};

}  // namespace rushes::media
