// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>

#include "media/ffmpeg_handles.h"
#include "media/frame_index.h"
#include "media/input_file.h"
#include "media/stream_decoder.h"
#include "time/rational.h"

namespace rushes::media {

struct VideoFrame {
    FramePtr frame;              // as decoded: the stream's own pixel format and size
    std::int64_t pts = 0;        // presentation time in time_base ticks
    std::int64_t index = -1;     // frame number (see FrameIndex)
    Rational time_base{1, 1};
};

// Decodes one video stream sequentially and seeks to any frame exactly.
// Owns its InputFile and decoder; one instance per thread.
class VideoDecoder {
public:
    explicit VideoDecoder(const std::filesystem::path& path, const DecoderOptions& options = {},
                          std::stop_token stop = {});

    [[nodiscard]] const InputFile& input() const noexcept { return *input_; }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }
    [[nodiscard]] Rational timeBase() const noexcept { return time_base_; }
    [[nodiscard]] Rational frameRate() const noexcept { return frame_rate_; }
    [[nodiscard]] int width() const noexcept { return decoder_->context()->width; }
    [[nodiscard]] int height() const noexcept { return decoder_->context()->height; }

    // The next frame in display order, or nothing at the end of the stream.
    std::optional<VideoFrame> next();

    // Exactly frame `frame_index`: seeks to the keyframe shown at or before it
    // and decodes forward. Builds the frame index on first use.
    VideoFrame seek(std::int64_t frame_index);

    // The keyframe at or before `pts`, decoded without a frame index: the fast
    // path for posters and filmstrips. Pair with DecoderOptions::keyframes_only
    // so that the decoder skips every other picture.
    std::optional<VideoFrame> decodeKeyframeAtOrBefore(std::int64_t pts);

    // The frame index, built on first call (one demux pass, no decoding).
    const FrameIndex& index();
    // Adopts an index built elsewhere (e.g. loaded from the catalog).
    void setIndex(FrameIndex index);

private:
    // Returns the pts of the first keyframe packet after the seek, if any.
    std::optional<std::int64_t> seekToKeyframe(const KeyframeEntry& keyframe, bool by_dts);
    VideoFrame wrap(FramePtr frame);

    std::unique_ptr<InputFile> input_;
    int stream_index_ = -1;
    Rational time_base_{1, 1};
    Rational frame_rate_{0, 1};
    std::unique_ptr<StreamDecoder> decoder_;
    std::optional<FrameIndex> index_;
    std::int64_t next_sequential_index_ = 0;
    std::optional<std::int64_t> last_pts_;  // pts of the last frame returned
};

}  // namespace rushes::media
