// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>

#include "export/clip_source.h"
#include "media/ffmpeg_handles.h"
#include "media/input_file.h"
#include "media/stream_decoder.h"
#include "time/rational.h"

namespace rushes::exporting {

// The codec an audio stream is re-encoded to.
struct AudioTarget {
    AVCodecID codec = AV_CODEC_ID_AAC;
    std::int64_t bit_rate = 0;  // lossy codecs; 0: 96 kbit/s per channel
};

// Exactly the audio of [start, end) of one source stream (times on the source's clock, as the picture's
// presentation times), decoded and re-encoded: sample-accurate at both ends, one continuous encode, so
// there is no join inside the audio at all. Silence fills what the source lacks (audio that starts late
// or ends early), so the track lasts exactly as long as the picture.
class AudioTranscoder {
public:
    AudioTranscoder(const ClipSource& source, int stream_index, Rational start_seconds, Rational end_seconds,
                    const AudioTarget& target, std::stop_token stop);
    ~AudioTranscoder();
    AudioTranscoder(const AudioTranscoder&) = delete;
    AudioTranscoder& operator=(const AudioTranscoder&) = delete;

    // The encoder, for the output stream's parameters; packets are timed in its time base (1/sample rate).
    [[nodiscard]] const AVCodecContext& encoder() const noexcept { return *encoder_; }
    [[nodiscard]] std::int64_t totalSamples() const noexcept { return total_samples_; }

    // The next encoded packet, or false when the range is done.
    bool next(AVPacket* packet);

private:
    void seekBeforeStart(Rational lead_seconds);
    void readFromStart();
    // Decodes one more source frame into the FIFO (trimmed to the range); false at the source's end.
    bool decodeMore();
    void appendSilence(std::int64_t samples);
    void appendConverted(const AVFrame& frame, std::int64_t skip, std::int64_t keep);
    // Sends full encoder frames from the FIFO (and the short last one once everything is in).
    void feedEncoder();

    const ClipSource& source_;
    int stream_index_;
    std::unique_ptr<media::InputFile> input_;
    std::unique_ptr<media::StreamDecoder> decoder_;
    media::CodecContextPtr encoder_;
    media::SwrContextPtr converter_;
    media::AudioFifoPtr fifo_;
    media::FramePtr decoded_;
    AVChannelLayout layout_{};
    std::int64_t start_sample_ = 0;   // on the source clock, in samples
    std::int64_t total_samples_ = 0;  // of the range
    std::int64_t queued_ = 0;         // samples of the range put into the FIFO so far
    std::int64_t sent_ = 0;           // samples handed to the encoder
    bool source_ended_ = false;
    bool reading_from_start_ = false;
    bool flushed_ = false;
};

// What the output's audio will be for a source audio stream: the same codec when FFmpeg can encode it and
// the container can hold it, AAC otherwise.
[[nodiscard]] AudioTarget matchingAudioTarget(const AVStream& stream, const AVOutputFormat& container);

}  // namespace rushes::exporting
