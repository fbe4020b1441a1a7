// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

#include "media/input_file.h"
#include "media/stream_decoder.h"
#include "time/rational.h"

namespace rushes::media {

// What went wrong during a pass that still produced a usable result.
struct DecodePassReport {
    std::int64_t video_frames = 0;
    std::int64_t audio_frames = 0;
    std::int64_t damaged_packets = 0;  // rejected by a decoder, skipped
    std::int64_t damaged_frames = 0;   // decoded with errors concealed (FFmpeg's corrupt flag or error flags)
    bool stopped_early = false;        // reading or decoding failed; what came before is kept
    std::string problem;               // why it stopped early
};

// Reads a file once and decodes its main picture and its main sound from the
// same packets, so every detector of an analysis shares one demux and one
// decode of each stream (DESIGN §3). Frames reach the handlers in decode
// order per stream, interleaved as the container stores them.
class DecodePass {
public:
    struct Handlers {
        std::function<void(const AVFrame&)> video;  // frames in display order
        std::function<void(const AVFrame&)> audio;  // absent: the audio stream is not decoded
        std::function<void(double fraction)> progress;
    };

    DecodePass(const std::filesystem::path& path, const DecoderOptions& video_options, bool with_audio,
               std::stop_token stop = {});
    DecodePass(const DecodePass&) = delete;
    DecodePass& operator=(const DecodePass&) = delete;

    [[nodiscard]] const InputFile& input() const noexcept { return *input_; }
    [[nodiscard]] bool hasVideo() const noexcept { return video_ != nullptr; }
    [[nodiscard]] bool hasAudio() const noexcept { return audio_ != nullptr; }
    [[nodiscard]] Rational videoTimeBase() const noexcept { return video_time_base_; }
    [[nodiscard]] Rational videoFrameRate() const noexcept { return video_frame_rate_; }
    // The audio stream's parameters (rate, layout), or nullptr without audio.
    [[nodiscard]] const AVCodecParameters* audioParameters() const noexcept;

    // Runs to the end of the file. Throws Cancelled when stopped; damage is
    // reported, not thrown, so the caller keeps everything decoded before it.
    DecodePassReport run(const Handlers& handlers);

private:
    void drain(StreamDecoder& decoder, const std::function<void(const AVFrame&)>& handler, std::int64_t& count,
               std::int64_t& damaged);

    std::unique_ptr<InputFile> input_;
    std::unique_ptr<StreamDecoder> video_;
    std::unique_ptr<StreamDecoder> audio_;
    Rational video_time_base_{1, 1};
    Rational video_frame_rate_{0, 1};
    FramePtr frame_;
};

}  // namespace rushes::media
