// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/shot_detector.h"

#include <algorithm>

namespace rushes::analysis {
namespace {

double adaptiveScore(const std::vector<FrameFeatures>& frames, std::size_t t, int window) {
    double sum = 0;
    int count = 0;
    for (int k = -window; k <= window; ++k) {
        if (k == 0) continue;
        const auto i = static_cast<std::ptrdiff_t>(t) + k;
        if (i < 1 || i >= static_cast<std::ptrdiff_t>(frames.size())) continue;
        sum += frames[static_cast<std::size_t>(i)].content_delta;
        ++count;
    }
    const double mean = count > 0 ? sum / count : 0.0;
    return frames[t].content_delta / std::max(mean, 1.0);
}

double lagDistance(const FrameFeatures& f, int lag) {
    switch (lag) {
        case 2: return f.delta_lag2;
        case 3: return f.delta_lag3;
        case 4: return f.delta_lag4;
        default: return f.content_delta;
    }
}

// If a flash starts at t, its length in frames; else 0.
int flashLengthAt(const std::vector<FrameFeatures>& frames, std::size_t t, const CutParameters& p) {
    if (t == 0) return 0;
    const double before = frames[t - 1].luma_mean;
    const double return_within = std::max(p.flash_return, p.flash_return_ratio * frames[t].content_delta);
    for (int length = 1; length <= p.max_flash_frames; ++length) {
        const std::size_t back = t + static_cast<std::size_t>(length);
        if (back >= frames.size()) break;
        bool bright = true;
        for (std::size_t i = t; i < back; ++i) bright = bright && frames[i].luma_mean > before + p.flash_brightening;
        if (!bright) break;
        // Back to the picture before: not bright any more, and close to frames[t-1] (lag = length + 1).
        if (frames[back].luma_mean <= before + p.flash_brightening &&
            lagDistance(frames[back], length + 1) < return_within) {
            return length;
        }
    }
    return 0;
}

}  // namespace

std::vector<std::int64_t> detectFlashes(const std::vector<FrameFeatures>& frames, const CutParameters& parameters) {
    std::vector<std::int64_t> flashes;
    for (std::size_t t = 1; t < frames.size(); ++t) {
        if (const int length = flashLengthAt(frames, t, parameters)) {
            flashes.push_back(frames[t].index);
            t += static_cast<std::size_t>(length);
        }
    }
    return flashes;
}

std::vector<std::int64_t> detectCuts(const std::vector<FrameFeatures>& frames, const CutParameters& parameters) {
    std::vector<std::int64_t> cuts;
    std::int64_t last_cut = 0;
    for (std::size_t t = 1; t < frames.size(); ++t) {
        if (const int length = flashLengthAt(frames, t, parameters)) {
            t += static_cast<std::size_t>(length);  // skip the flash and its return
            continue;
        }
        const FrameFeatures& f = frames[t];
        if (f.content_delta < parameters.min_content) continue;
        if (adaptiveScore(frames, t, parameters.window) < parameters.adaptive_ratio) continue;
        // Only between two cuts is a minimum enforced: a cut in the first frames is still a cut.
        if (!cuts.empty() && f.index - last_cut < parameters.min_shot_frames) continue;
        cuts.push_back(f.index);
        last_cut = f.index;
    }
    return cuts;
}

}  // namespace rushes::analysis
