// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>

#include "media/audio_converter.h"
#include "media/ffmpeg_handles.h"
#include "media/input_file.h"
#include "media/stream_decoder.h"

namespace rushes::media {

// Decodes one audio stream on its own and converts it to a requested rate,
// layout and sample format (AudioConverter).
class AudioDecoder {
public:
    AudioDecoder(const std::filesystem::path& path, const AudioSpec& spec, std::stop_token stop = {},
                 int stream_index = -1);

    [[nodiscard]] const InputFile& input() const noexcept { return *input_; }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }
    [[nodiscard]] const AudioSpec& outputSpec() const noexcept { return converter_->outputSpec(); }

    // The next converted chunk, or nothing once the stream and resampler are drained.
    std::optional<AudioChunk> next();

private:
    std::unique_ptr<InputFile> input_;
    int stream_index_ = -1;
    std::unique_ptr<StreamDecoder> decoder_;
    std::unique_ptr<AudioConverter> converter_;
    FramePtr frame_;
    bool flushed_ = false;
};

}  // namespace rushes::media
