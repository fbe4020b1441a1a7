// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <vector>

#include "time/rational.h"

namespace rushes::media {

struct KeyframeEntry {
    std::int64_t pts = 0;
    std::int64_t dts = 0;
};

// Every displayed frame of a video stream, by number. Frame n is the n-th
// smallest presentation timestamp among the packets the decoder will show
// (packets an edit list discards are left out). Built by demuxing without
// decoding, as ffms2 does, so frame numbers are exact on VFR files, B-frames,
// open GOPs and streams that do not start at zero.
class FrameIndex {
public:
    using Progress = std::function<void(double fraction)>;

    static FrameIndex build(const std::filesystem::path& path, int stream_index, std::stop_token stop = {},
                            const Progress& progress = {});

    [[nodiscard]] std::int64_t frameCount() const noexcept { return static_cast<std::int64_t>(pts_.size()); }
    [[nodiscard]] Rational timeBase() const noexcept { return time_base_; }
    [[nodiscard]] int streamIndex() const noexcept { return stream_index_; }
    [[nodiscard]] std::int64_t ptsOf(std::int64_t frame) const { return pts_.at(static_cast<std::size_t>(frame)); }
    [[nodiscard]] const std::vector<std::int64_t>& presentationTimes() const noexcept { return pts_; }
    // The frame shown at exactly this pts, if any.
    [[nodiscard]] std::optional<std::int64_t> frameWithPts(std::int64_t pts) const;
    // The frame on screen at this pts (the last one starting at or before it).
    [[nodiscard]] std::int64_t frameAtOrBefore(std::int64_t pts) const;
    // The last keyframe shown at or before `pts`: decoding from it reaches
    // every frame up to the next keyframe, including open-GOP leading frames.
    [[nodiscard]] std::optional<KeyframeEntry> keyframeAtOrBefore(std::int64_t pts) const;
    [[nodiscard]] const std::vector<KeyframeEntry>& keyframes() const noexcept { return keyframes_; }

private:
    int stream_index_ = -1;
    Rational time_base_{1, 1};
    std::vector<std::int64_t> pts_;           // sorted, presentation order
    std::vector<KeyframeEntry> keyframes_;    // sorted by pts
};

}  // namespace rushes::media
