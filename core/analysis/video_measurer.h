// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/frame_features.h"
#include "media/ffmpeg_handles.h"
#include "media/frame_converter.h"

namespace rushes::analysis {

// The per-frame half of video analysis: shrinks each decoded picture once to
// the working copy and measures it. Fed by whoever decodes (a DecodePass), so
// the picture is decoded once for every detector.
class VideoMeasurer {
public:
    explicit VideoMeasurer(int working_width, FeatureOptions options = {});

    void add(const AVFrame& frame);

    [[nodiscard]] std::int64_t frames() const noexcept { return static_cast<std::int64_t>(features_.size()); }
    [[nodiscard]] const std::vector<FrameFeatures>& features() const noexcept { return features_; }
    // Per frame, in the stream time base.
    [[nodiscard]] const std::vector<std::int64_t>& pts() const noexcept { return pts_; }

    std::vector<FrameFeatures> takeFeatures() { return std::move(features_); }
    std::vector<std::int64_t> takePts() { return std::move(pts_); }

private:
    media::ImageSpec spec_;
    media::FrameConverter converter_;
    FeatureTracker tracker_;
    std::vector<FrameFeatures> features_;
    std::vector<std::int64_t> pts_;
};

}  // namespace rushes::analysis
