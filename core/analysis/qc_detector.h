// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/frame_features.h"

namespace rushes::analysis {

// A half-open run of frames [start, end).
struct FrameRun {
    std::int64_t start = 0;
    std::int64_t end = 0;
};

struct VideoQcParameters {
    double black_picture_fraction = 0.98;  // blackdetect pic_th
    double min_black_seconds = 2.0;        // blackdetect d
    double freeze_noise = 0.255;           // freezedetect n = −60 dB of the 0..255 range
    double min_freeze_seconds = 2.0;       // freezedetect d
    // A frozen picture re-encoded at a keyframe steps by about −45 dB (~1.4 levels) for one frame and is
    // still again after it; a lone step this small between still frames does not end the freeze.
    double keyframe_step = 3.0;
};

inline constexpr const char* kVideoQcVersion = "black-freeze/2";

// `frame_rate_fps` converts the minimum durations to frame counts.
[[nodiscard]] std::vector<FrameRun> detectBlack(const std::vector<FrameFeatures>& frames, double frame_rate_fps,
                                                const VideoQcParameters& parameters = {});
[[nodiscard]] std::vector<FrameRun> detectFreezes(const std::vector<FrameFeatures>& frames, double frame_rate_fps,
                                                  const VideoQcParameters& parameters = {});

}  // namespace rushes::analysis
