// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/ffmpeg_handles.h"
#include "media/input_file.h"

namespace rushes::media {

struct DecoderOptions {
    int threads = 0;  // 0: one per core, frame + slice threading
    // Skips the H.264/HEVC deblocking filter: ~20% faster and invisible on a
    // 256 px working copy; never used for pictures a person looks at.
    bool skip_loop_filter = false;
    bool keyframes_only = false;
};

// An opened decoder for one stream of an InputFile, with FFmpeg's
// send/receive protocol folded into two calls.
class StreamDecoder {
public:
    StreamDecoder(const InputFile& input, int stream_index, const DecoderOptions& options = {});

    [[nodiscard]] AVCodecContext* context() const noexcept { return codec_.get(); }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }

    // Feeds one packet (nullptr to drain at the end). Returns false when the
    // decoder wants its output read first; call receive() then send again.
    bool send(const AVPacket* packet);
    // Returns true with a frame, false when it needs input (or is drained).
    bool receive(AVFrame* frame);
    [[nodiscard]] bool drained() const noexcept { return drained_; }
    // Forgets buffered frames and references after a seek.
    void flush();

private:
    const InputFile& input_;
    int stream_index_;
    CodecContextPtr codec_;
    bool drained_ = false;
};

}  // namespace rushes::media
