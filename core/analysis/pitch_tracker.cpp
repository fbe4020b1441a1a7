// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/pitch_tracker.h"

#include <algorithm>
#include <cmath>

namespace rushes::analysis {

PitchTracker::PitchTracker(int sample_rate, double min_hz, double max_hz, double threshold)
    : sample_rate_(sample_rate),
      min_lag_(std::max(2, static_cast<int>(std::floor(sample_rate / max_hz)))),
      max_lag_(static_cast<int>(std::ceil(sample_rate / min_hz))),
      window_(std::max(max_lag_, static_cast<int>(std::lround(0.025 * sample_rate)))),
      threshold_(threshold) {
    // Linear (not circular) correlation up to the longest lag needs a DFT at least frameSamples() long.
    // An even size: OpenCV's real DFT of an odd length (675 here) takes twice as long as of 720.
    const int dft_size = 2 * cv::getOptimalDFTSize((frameSamples() + 1) / 2);
    head_ = cv::Mat::zeros(1, dft_size, CV_32F);
    whole_ = cv::Mat::zeros(1, dft_size, CV_32F);
    energy_prefix_.resize(static_cast<std::size_t>(frameSamples()) + 1);
    normalised_.resize(static_cast<std::size_t>(max_lag_) + 2);
}

PitchEstimate PitchTracker::estimate(const float* frame) {
    const int length = frameSamples();
    std::copy_n(frame, window_, head_.ptr<float>());
    std::copy_n(frame, length, whole_.ptr<float>());
    energy_prefix_[0] = 0.0;
    for (int i = 0; i < length; ++i) {
        const auto index = static_cast<std::size_t>(i);
        energy_prefix_[index + 1] = energy_prefix_[index] + static_cast<double>(frame[i]) * frame[i];
    }
    // r(τ) = Σ_{j<W} x_j · x_{j+τ}: the inverse DFT of whole · conj(head).
    cv::dft(head_, head_spectrum_);
    cv::dft(whole_, whole_spectrum_);
    cv::mulSpectrums(whole_spectrum_, head_spectrum_, product_, 0, true);
    cv::dft(product_, correlation_, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    const float* correlation = correlation_.ptr<float>();

    // d(τ) = Σ (x_j − x_{j+τ})² = E(0) + E(τ) − 2 r(τ); d'(τ) = d(τ) · τ / Σ_{k≤τ} d(k).
    const double head_energy = energy_prefix_[static_cast<std::size_t>(window_)];
    normalised_[0] = 1.0;
    double running_sum = 0.0;
    for (int lag = 1; lag <= max_lag_; ++lag) {
        const auto index = static_cast<std::size_t>(lag);
        const double shifted_energy = energy_prefix_[index + static_cast<std::size_t>(window_)] - energy_prefix_[index];
        const double difference = std::max(0.0, head_energy + shifted_energy - 2.0 * correlation[lag]);
        running_sum += difference;
        normalised_[index] = running_sum > 0.0 ? difference * lag / running_sum : 1.0;
    }

    PitchEstimate out;
    int best = -1;
    for (int lag = min_lag_; lag <= max_lag_; ++lag) {
        if (normalised_[static_cast<std::size_t>(lag)] < threshold_) {
            best = lag;
            break;
        }
    }
    if (best < 0) {
        out.aperiodicity = static_cast<float>(
            std::min(1.0, *std::min_element(normalised_.begin() + min_lag_, normalised_.begin() + max_lag_ + 1)));
        return out;
    }
    // The dip continues below the threshold: its bottom is the period.
    while (best < max_lag_ &&
           normalised_[static_cast<std::size_t>(best) + 1] < normalised_[static_cast<std::size_t>(best)]) {
        ++best;
    }
    double period = best;
    if (best > 1 && best < max_lag_) {
        const double before = normalised_[static_cast<std::size_t>(best) - 1];
        const double at = normalised_[static_cast<std::size_t>(best)];
        const double after = normalised_[static_cast<std::size_t>(best) + 1];
        const double curvature = before - 2.0 * at + after;
        if (curvature > 0.0) period += 0.5 * (before - after) / curvature;
    }
    out.voiced = true;
    out.pitch_hz = static_cast<float>(sample_rate_ / period);
    out.aperiodicity = static_cast<float>(normalised_[static_cast<std::size_t>(best)]);
    return out;
}

}  // namespace rushes::analysis
