// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/frame_features.h"

namespace rushes::analysis {

struct CutParameters {
    // PySceneDetect's AdaptiveDetector: a frame's content change must be this
    // many times the mean of its neighbours', and at least min_content.
    double adaptive_ratio = 3.0;
    int window = 2;
    double min_content = 15.0;
    int min_shot_frames = 15;  // ~0.6 s at 25 fps
    // Flash filter: 1..max_flash_frames bright frames that come back to within
    // flash_return of the picture before them are a flash, not two cuts.
    int max_flash_frames = 3;
    double flash_return = 10.0;
    // …or within this share of the jump into the flash: the picture after a
    // flash is re-encoded and may have moved, but it is far closer to the
    // picture before than a new shot is.
    double flash_return_ratio = 0.4;
    double flash_brightening = 20.0;  // luma rise (0..255) that marks a flash
};

inline constexpr const char* kShotDetectorVersion = "adaptive-hsv-flash/2";

// Frame numbers that start a new shot after a hard cut (never frame 0).
[[nodiscard]] std::vector<std::int64_t> detectCuts(const std::vector<FrameFeatures>& frames,
                                                   const CutParameters& parameters = {});

// The flashes the filter recognised: first frame of each.
[[nodiscard]] std::vector<std::int64_t> detectFlashes(const std::vector<FrameFeatures>& frames,
                                                      const CutParameters& parameters = {});

}  // namespace rushes::analysis
