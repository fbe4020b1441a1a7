// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>

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

// The frame's presentation time in its stream's time base: the pts when the
// container has one, FFmpeg's best guess otherwise (raw streams, some AVIs).
[[nodiscard]] inline std::int64_t framePresentationTime(const AVFrame& frame) noexcept {
    return frame.pts != AV_NOPTS_VALUE ? frame.pts : frame.best_effort_timestamp;
}

// An opened decoder for one stream of an InputFile that pulls packets itself:
// FFmpeg's send/receive protocol, end-of-stream draining and the packet a full
// decoder could not take yet all live here, once, for audio and video alike.
class StreamDecoder {
public:
    StreamDecoder(InputFile& input, int stream_index, const DecoderOptions& options = {});

    [[nodiscard]] AVCodecContext* context() const noexcept { return codec_.get(); }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }

    // The next decoded frame; false once the stream is drained.
    bool decodeNext(AVFrame* frame);

    // Forgets buffered frames and packets; call after the demuxer seeked.
    void reset();
    // After a seek: skips packets up to this stream's first keyframe and keeps
    // it as the next input (packets before it would decode into garbage).
    // Returns that keyframe's pts (AV_NOPTS_VALUE if it has none), or nothing at the end.
    std::optional<std::int64_t> startAtNextKeyframe();

    // For callers that read packets themselves (probe inspects them first, a
    // decode pass shares one demuxer between streams): feeds one packet
    // (nullptr drains) and takes one frame if ready. Returns false when the
    // decoder rejected the packet as damaged; it resynchronises on the next.
    bool feed(const AVPacket* packet);
    bool receive(AVFrame* frame);

private:
    InputFile& input_;
    int stream_index_;
    CodecContextPtr codec_;
    PacketPtr packet_;
    bool packet_pending_ = false;  // packet_ holds data the decoder has not taken yet
    bool input_ended_ = false;
    bool drained_ = false;
};

}  // namespace rushes::media
