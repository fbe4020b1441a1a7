// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cmath>

namespace rushes::analysis {

// Every audio level Rushes reports is in dB relative to digital full scale
// (or LUFS) and never below this floor: digital silence has no logarithm, and
// a finite floor keeps stored curves comparable and JSON-representable.
inline constexpr double kAudioLevelFloorDb = -120.0;

// 10·log10 of a mean square (power), floored.
[[nodiscard]] inline double powerToDb(double mean_square) {
    if (!(mean_square > 0.0)) return kAudioLevelFloorDb;
    return std::max(kAudioLevelFloorDb, 10.0 * std::log10(mean_square));
}

// A loudness or level from a library that signals silence with −∞, floored.
[[nodiscard]] inline double floorLevel(double db) {
    return std::isfinite(db) ? std::max(kAudioLevelFloorDb, db) : kAudioLevelFloorDb;
}

[[nodiscard]] inline double dbToAmplitude(double db) {
    return std::pow(10.0, db / 20.0);
}

}  // namespace rushes::analysis
