// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/spectral_features.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rushes::analysis {
namespace {

// Keeps log() finite on bins a window's sidelobes leave empty; far below any
// real signal (a full-scale sine's bin holds ~10^4 on this scale).
constexpr double kPowerFloor = 1e-12;
constexpr double kFluxLowestHz = 62.5;
constexpr double kLowestBandHz = 250.0;
constexpr int kMinBandBins = 4;

}  // namespace

SpectrumAnalyzer::SpectrumAnalyzer(int sample_rate, int frame_samples)
    : frame_samples_(frame_samples),
      window_(static_cast<std::size_t>(frame_samples)),
      frame_(1, frame_samples, CV_32F),
      power_(static_cast<std::size_t>(frame_samples / 2 + 1)) {
    for (int i = 0; i < frame_samples; ++i) {
        window_[static_cast<std::size_t>(i)] =
            static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / frame_samples));
    }
    const double bin_hz = static_cast<double>(sample_rate) / frame_samples;
    const int nyquist_bin = frame_samples / 2;
    // Octave bands from 250 Hz up to (not including) the Nyquist bin.
    for (double low = kLowestBandHz; low * 2.0 <= sample_rate / 2.0 + 1e-9; low *= 2.0) {
        const int first = static_cast<int>(std::lround(low / bin_hz));
        const int end = std::min(nyquist_bin, static_cast<int>(std::lround(2.0 * low / bin_hz)));
        if (end - first >= kMinBandBins) flatness_bands_.push_back({first, end});
    }
    // Third octaves from 62.5 Hz, widened to four bins where a third octave is narrower; Nyquist included.
    int first = std::max(1, static_cast<int>(std::lround(kFluxLowestHz / bin_hz)));
    while (first <= nyquist_bin) {
        const int third_octave = static_cast<int>(std::lround(first * (std::cbrt(2.0) - 1.0)));
        int end = std::min(nyquist_bin + 1, first + std::max(kMinBandBins, third_octave));
        if (nyquist_bin + 1 - end < kMinBandBins) end = nyquist_bin + 1;  // no sliver at the top
        flux_bands_.push_back({first, end});
        first = end;
    }
    band_magnitude_.assign(flux_bands_.size(), 0.0);
    previous_band_magnitude_.assign(flux_bands_.size(), 0.0);
}

SpectralFrame SpectrumAnalyzer::analyze(const float* samples) {
    float* frame = frame_.ptr<float>();
    for (int i = 0; i < frame_samples_; ++i) frame[i] = samples[i] * window_[static_cast<std::size_t>(i)];
    cv::dft(frame_, spectrum_);
    // Packed CCS layout of a real row: Re0, Re1, Im1, …, Re(N/2−1), Im(N/2−1), Re(N/2).
    const float* packed = spectrum_.ptr<float>();
    const int half = frame_samples_ / 2;
    power_[0] = packed[0] * packed[0];
    for (int k = 1; k < half; ++k) {
        const float re = packed[2 * k - 1];
        const float im = packed[2 * k];
        power_[static_cast<std::size_t>(k)] = re * re + im * im;
    }
    power_[static_cast<std::size_t>(half)] = packed[frame_samples_ - 1] * packed[frame_samples_ - 1];

    SpectralFrame out;
    double flatness_sum = 0.0;
    for (const Band& band : flatness_bands_) {
        double log_sum = 0.0;
        double sum = 0.0;
        for (int k = band.first_bin; k < band.end_bin; ++k) {
            const double p = power_[static_cast<std::size_t>(k)] + kPowerFloor;
            log_sum += std::log(p);
            sum += p;
        }
        const double count = band.end_bin - band.first_bin;
        flatness_sum += std::exp(log_sum / count) / (sum / count);
    }
    out.flatness =
        flatness_bands_.empty() ? 0.0f : static_cast<float>(flatness_sum / static_cast<double>(flatness_bands_.size()));

    double rise = 0.0;
    double total = 0.0;
    for (std::size_t b = 0; b < flux_bands_.size(); ++b) {
        double power = 0.0;
        for (int k = flux_bands_[b].first_bin; k < flux_bands_[b].end_bin; ++k)
            power += power_[static_cast<std::size_t>(k)];
        band_magnitude_[b] = std::sqrt(power);
        rise += std::max(0.0, band_magnitude_[b] - previous_band_magnitude_[b]);
        total += band_magnitude_[b];
    }
    out.flux = total > 0.0 ? static_cast<float>(rise / total) : 0.0f;
    std::swap(band_magnitude_, previous_band_magnitude_);
    return out;
}

}  // namespace rushes::analysis
