// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace rushes::analysis {

// What one short frame's spectrum says about texture and change.
struct SpectralFrame {
    // Mean over the octave bands 250 Hz … 8 kHz of each band's spectral
    // flatness (geometric ÷ arithmetic mean of the power bins, MPEG-7's
    // AudioSpectrumFlatness per band). Per band, so it ignores the spectrum's
    // tilt: pink and white noise read the same, ≈ 0.5–0.6 (a single frame's
    // periodogram never reads 1: its bins scatter around the true spectrum),
    // while harmonics of voiced speech or music pull it towards 0.
    float flatness = 0;
    // Share of this frame's band magnitudes that is new since the previous
    // frame: Σ max(0, B_t − B_{t−1}) ÷ Σ B_t over third-octave bands (at least
    // four bins wide) from 62.5 Hz to Nyquist, B = √(band power); 0 … 1.
    // Bands rather than bins, so steady noise reads low (its bins scatter from
    // frame to frame; band sums do not); level-independent; 1 at an onset from
    // silence.
    float flux = 0;
};

// Hann-windowed FFT (OpenCV's cv::dft) of `frameSamples()` samples at a time.
class SpectrumAnalyzer {
public:
    explicit SpectrumAnalyzer(int sample_rate, int frame_samples = 512);

    [[nodiscard]] int frameSamples() const noexcept { return frame_samples_; }
    // `samples` holds frameSamples() values; frames must come in order (flux).
    SpectralFrame analyze(const float* samples);

private:
    struct Band {
        int first_bin = 0;
        int end_bin = 0;
    };

    int frame_samples_;
    std::vector<Band> flatness_bands_;  // octaves
    std::vector<Band> flux_bands_;      // third octaves, ≥ 4 bins
    std::vector<float> window_;
    cv::Mat frame_;     // 1 × N, CV_32F
    cv::Mat spectrum_;  // cv::dft's packed CCS row
    std::vector<float> power_;
    std::vector<double> band_magnitude_;
    std::vector<double> previous_band_magnitude_;
};

}  // namespace rushes::analysis
