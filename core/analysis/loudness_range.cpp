// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/loudness_range.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace rushes::analysis {
namespace {

constexpr double kAbsoluteGateLufs = -70.0;
constexpr double kRelativeGateLu = -20.0;
constexpr double kLowPercentile = 0.10;
constexpr double kHighPercentile = 0.95;

}  // namespace

double loudnessRange(std::span<const float> short_term_lufs) {
    std::vector<double> gated;
    double power_sum = 0.0;
    for (const float value : short_term_lufs) {
        if (value >= kAbsoluteGateLufs) {  // Tech 3342's example code: ≥ (FFmpeg agrees)
            gated.push_back(value);
            power_sum += std::pow(10.0, value / 10.0);
        }
    }
    if (gated.size() < 2) return 0.0;
    const double relative_gate = 10.0 * std::log10(power_sum / static_cast<double>(gated.size())) + kRelativeGateLu;
    std::erase_if(gated, [&](double value) { return value < relative_gate; });
    if (gated.size() < 2) return 0.0;
    std::sort(gated.begin(), gated.end());
    // The value at rank ⌊p·n + ½⌋ (1-based), the one FFmpeg's ebur128 picks from its histogram.
    const auto rank = [&](double percentile) {
        const auto position = static_cast<std::size_t>(percentile * static_cast<double>(gated.size()) + 0.5);
        return gated[std::clamp<std::size_t>(position, 1, gated.size()) - 1];
    };
    return rank(kHighPercentile) - rank(kLowPercentile);
}

}  // namespace rushes::analysis
