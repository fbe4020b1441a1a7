// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/face_track.h"

#include <algorithm>
#include <cmath>

namespace rushes::analysis {
namespace {

bool showsFace(const FaceSample& sample, const FaceBox& anchor, const FaceTrackParameters& parameters) {
    return std::any_of(sample.faces.begin(), sample.faces.end(),
                       [&](const FaceBox& box) { return sameFace(box, anchor, parameters); });
}

}  // namespace

bool sameFace(const FaceBox& a, const FaceBox& b, const FaceTrackParameters& parameters) {
    if (a.width <= 0 || a.height <= 0 || b.width <= 0 || b.height <= 0) return false;
    const double width = (a.width + b.width) / 2;
    const double height = (a.height + b.height) / 2;
    if (std::abs(a.centreX() - b.centreX()) > parameters.max_centre_shift * width) return false;
    if (std::abs(a.centreY() - b.centreY()) > parameters.max_centre_shift * height) return false;
    const double ratio = std::max(a.width, b.width) / std::min(a.width, b.width);
    return ratio <= parameters.max_size_ratio;
}

std::vector<FaceRun> stableFaceRuns(std::span<const FaceSample> samples, const FaceTrackParameters& parameters) {
    // The anchor: the box that the most samples agree with. Quadratic in the
    // boxes of one shot, which at two samples a second is a few hundred.
    const FaceBox* anchor = nullptr;
    std::size_t best_support = 0;
    for (const FaceSample& sample : samples) {
        for (const FaceBox& box : sample.faces) {
            const auto support =
                static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(), [&](const FaceSample& other) {
                    return showsFace(other, box, parameters);
                }));
            const bool larger_tie = anchor && support == best_support && box.width > anchor->width;
            if (support > best_support || larger_tie) {
                anchor = &box;
                best_support = support;
            }
        }
    }
    std::vector<FaceRun> runs;
    if (!anchor) return runs;
    const auto max_gap = static_cast<std::size_t>(std::max(0, parameters.max_missing_samples));
    std::size_t missing = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!showsFace(samples[i], *anchor, parameters)) {
            ++missing;
            continue;
        }
        if (runs.empty() || missing > max_gap) {
            runs.push_back({i, i, 0, *anchor});
        }
        runs.back().last = i;
        ++runs.back().present;
        missing = 0;
    }
    return runs;
}

}  // namespace rushes::analysis
