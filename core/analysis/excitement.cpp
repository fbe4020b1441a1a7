// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/excitement.h"

#include <algorithm>
#include <cmath>

namespace rushes::analysis {

namespace {

// Quieter than this is a gap in the sound (digital silence, a muted line), not a venue's floor.
constexpr double kAudibleLufs = -70.0;

double clamp01(double value) { return std::clamp(value, 0.0, 1.0); }

double at(const std::vector<double>& values, std::size_t i, double fallback = 0.0) {
    return i < values.size() ? values[i] : fallback;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

// Loudness over the local floor, in LU; 0 where the second is silent.
std::vector<double> loudnessRise(const std::vector<double>& loudness, std::size_t seconds,
                                 const ExcitementParameters& parameters) {
    std::vector<double> rise(seconds, 0.0);
    const auto half = static_cast<std::size_t>(parameters.baseline_window_s / 2);
    std::vector<double> window;
    for (std::size_t s = 0; s < seconds && s < loudness.size(); ++s) {
        if (loudness[s] <= kAudibleLufs) continue;
        window.clear();
        for (std::size_t j = s > half ? s - half : 0; j <= std::min(loudness.size() - 1, s + half); ++j) {
            if (loudness[j] > kAudibleLufs) window.push_back(loudness[j]);
        }
        rise[s] = std::max(0.0, loudness[s] - percentile(window, parameters.baseline_percentile));
    }
    return rise;
}

// 0 at the file's typical value, 1 at four robust deviations above it: how unusual the second is for
// this file, so a static interview and a handheld crowd shot are each judged against themselves.
std::vector<double> robustlyNormalised(const std::vector<double>& values, std::size_t seconds) {
    std::vector<double> out(seconds, 0.0);
    if (values.empty()) return out;
    const double median = percentile(values, 0.5);
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (double v : values) deviations.push_back(std::abs(v - median));
    const double scale = std::max(1.4826 * percentile(deviations, 0.5), 1e-3 + 0.05 * std::abs(median));
    for (std::size_t s = 0; s < seconds && s < values.size(); ++s) out[s] = clamp01((values[s] - median) / (4 * scale));
    return out;
}

// Cuts per second over five seconds: one cut is an edit, a burst of them is a replay or a montage.
std::vector<double> cutDensity(const std::vector<double>& cuts, std::size_t seconds) {
    std::vector<double> density(seconds, 0.0);
    for (std::size_t s = 0; s < seconds; ++s) {
        double sum = 0;
        for (std::size_t j = s > 2 ? s - 2 : 0; j <= s + 2 && j < cuts.size(); ++j) sum += cuts[j];
        density[s] = sum / 5.0;
    }
    return density;
}

double medianVoicedPitch(const ExcitementInputs& inputs) {
    std::vector<double> pitches;
    for (std::size_t s = 0; s < inputs.pitch_hz.size(); ++s) {
        if (inputs.pitch_hz[s] > 0 && at(inputs.voiced, s) >= 0.3) pitches.push_back(inputs.pitch_hz[s]);
    }
    return pitches.empty() ? 0.0 : percentile(pitches, 0.5);
}

}  // namespace

ExcitementCurve computeExcitement(const ExcitementInputs& inputs, const ExcitementParameters& parameters) {
    const std::size_t seconds = std::max({inputs.motion.size(), inputs.cuts.size(), inputs.loudness.size()});
    ExcitementCurve curve;
    curve.crowd.assign(seconds, 0.0);
    curve.voice.assign(seconds, 0.0);
    curve.picture.assign(seconds, 0.0);
    curve.score.assign(seconds, 0.0);

    const std::vector<double> rise = loudnessRise(inputs.loudness, seconds, parameters);
    const double calm_pitch = medianVoicedPitch(inputs);
    for (std::size_t s = 0; s < seconds; ++s) {
        const double voiced = clamp01(at(inputs.voiced, s));
        curve.crowd[s] = clamp01(rise[s] / parameters.full_rise_lu) * (1.0 - voiced);
        const double louder = (rise[s] - parameters.speech_rise_lu) / (parameters.full_rise_lu - parameters.speech_rise_lu);
        double higher = 0;
        if (calm_pitch > 0 && at(inputs.pitch_hz, s) > 0) {
            higher = 12.0 * std::log2(at(inputs.pitch_hz, s) / calm_pitch) / parameters.full_pitch_rise_semitones;
        }
        curve.voice[s] = voiced * clamp01(std::max(louder, higher));
    }
    const std::vector<double> motion = robustlyNormalised(inputs.motion, seconds);
    const std::vector<double> cuts = robustlyNormalised(cutDensity(inputs.cuts, seconds), seconds);
    const double picture_weight = parameters.motion_weight + parameters.cut_weight;
    std::vector<double> raw(seconds, 0.0);
    for (std::size_t s = 0; s < seconds; ++s) {
        curve.picture[s] = picture_weight > 0
                               ? (parameters.motion_weight * motion[s] + parameters.cut_weight * cuts[s]) / picture_weight
                               : 0.0;
        // Weighted so the picture can lift a moment's rank but never carry it over the threshold alone.
        raw[s] = (1.0 - picture_weight) * std::max(curve.crowd[s], curve.voice[s]) + picture_weight * curve.picture[s];
    }
    const auto radius = static_cast<std::size_t>(std::max(0, parameters.smoothing_radius_s));
    for (std::size_t s = 0; s < seconds; ++s) {
        double sum = 0;
        std::size_t count = 0;
        for (std::size_t j = s > radius ? s - radius : 0; j <= s + radius && j < seconds; ++j, ++count) sum += raw[j];
        curve.score[s] = count ? sum / static_cast<double>(count) : 0.0;
    }
    return curve;
}

}  // namespace rushes::analysis
