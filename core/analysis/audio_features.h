// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/audio_second.h"
#include "analysis/pitch_tracker.h"
#include "analysis/spectral_features.h"

namespace rushes::analysis {

// Frames the 16 kHz mono copy every 10 ms (100 frames a second); frame k
// describes samples [160k, 160k+160), with its analysis windows centred on
// that hop (zero beyond the signal), and belongs to second k / 100.
class AudioFeatureExtractor {
public:
    static constexpr int kSampleRate = 16000;
    static constexpr int kHopSamples = 160;
    static constexpr int kFramesPerSecond = kSampleRate / kHopSamples;

    explicit AudioFeatureExtractor(const AudioFeatureParameters& parameters = {});

    void add(const float* mono, std::size_t count);
    // Exactly `seconds` entries; seconds past the copy's end read as silence.
    // The R128 fields are left at their floor for the caller to fill.
    [[nodiscard]] std::vector<AudioSecond> finish(std::int64_t seconds);

private:
    struct SecondTotals {
        double energy = 0;  // Σ x² over the second's samples
        std::int64_t samples = 0;
        int frames = 0;
        int textured_frames = 0;
        double flatness = 0, flux = 0;
        int voiced_frames = 0;
        double voiced_energy = 0;  // Σ of voiced windows' mean squares
        std::vector<float> pitches_hz;
    };

    void processReadyFrames(bool at_end);
    void processFrame(std::int64_t frame);
    void copyWindow(std::int64_t first, int count, std::vector<float>& out) const;
    SecondTotals& totalsFor(std::int64_t second);

    AudioFeatureParameters parameters_;
    SpectrumAnalyzer spectrum_;
    PitchTracker pitch_;
    double voicing_floor_power_;
    double spectral_floor_power_;
    std::vector<float> samples_;       // a sliding window of the copy
    std::int64_t first_buffered_ = 0;  // absolute index of samples_[0]
    std::int64_t received_ = 0;
    std::int64_t next_frame_ = 0;
    std::vector<SecondTotals> seconds_;
    std::vector<float> spectrum_window_, pitch_window_;
};

}  // namespace rushes::analysis
