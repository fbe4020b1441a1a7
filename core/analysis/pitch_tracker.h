// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace rushes::analysis {

struct PitchEstimate {
    bool voiced = false;
    float pitch_hz = 0;      // 0 when unvoiced
    float aperiodicity = 1;  // YIN's cumulative-mean-normalised difference at the chosen lag: 0 periodic … 1 noise
};

// YIN (de Cheveigné & Kawahara 2002), steps 1–5: difference function,
// cumulative-mean normalisation, absolute threshold, local minimum, parabolic
// interpolation. The difference function comes from one FFT cross-correlation
// (OpenCV's cv::dft) instead of the O(W·τ) sum.
class PitchTracker {
public:
    PitchTracker(int sample_rate, double min_hz, double max_hz, double threshold);

    // Integration window W (≥ the longest period, and ≥ 25 ms as in the paper).
    [[nodiscard]] int windowSamples() const noexcept { return window_; }
    // Samples estimate() reads: W plus the longest lag.
    [[nodiscard]] int frameSamples() const noexcept { return window_ + max_lag_; }

    PitchEstimate estimate(const float* frame);

private:
    int sample_rate_;
    int min_lag_;
    int max_lag_;
    int window_;
    double threshold_;
    cv::Mat head_;   // the first W samples, zero-padded to the DFT size
    cv::Mat whole_;  // all frameSamples(), zero-padded
    cv::Mat head_spectrum_, whole_spectrum_, product_, correlation_;
    std::vector<double> energy_prefix_;
    std::vector<double> normalised_;  // d'(τ) for τ = 0 … max lag
};

}  // namespace rushes::analysis
