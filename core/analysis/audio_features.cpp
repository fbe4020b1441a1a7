// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/audio_features.h"

#include <algorithm>

#include "analysis/audio_level.h"

namespace rushes::analysis {
namespace {

constexpr int kSpectrumSamples = 512;  // 32 ms: 31.25 Hz bins, eight in the lowest flatness octave
constexpr std::int64_t kTrimSlack = 1 << 15;

double meanSquare(const float* samples, std::size_t count) {
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) sum += static_cast<double>(samples[i]) * samples[i];
    return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

float median(std::vector<float>& values) {
    if (values.empty()) return 0.0f;
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
    const float upper = values[middle];
    if (values.size() % 2 == 1) return upper;
    const float lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
    return 0.5f * (lower + upper);
}

}  // namespace

AudioFeatureExtractor::AudioFeatureExtractor(const AudioFeatureParameters& parameters)
    : parameters_(parameters),
      spectrum_(kSampleRate, kSpectrumSamples),
      pitch_(kSampleRate, parameters.pitch_min_hz, parameters.pitch_max_hz, parameters.yin_threshold),
      voicing_floor_power_(dbToAmplitude(parameters.voicing_floor_dbfs) * dbToAmplitude(parameters.voicing_floor_dbfs)),
      spectral_floor_power_(dbToAmplitude(parameters.spectral_floor_dbfs) *
                            dbToAmplitude(parameters.spectral_floor_dbfs)),
      spectrum_window_(static_cast<std::size_t>(kSpectrumSamples)),
      pitch_window_(static_cast<std::size_t>(pitch_.frameSamples())) {}

AudioFeatureExtractor::SecondTotals& AudioFeatureExtractor::totalsFor(std::int64_t second) {
    if (second >= static_cast<std::int64_t>(seconds_.size())) seconds_.resize(static_cast<std::size_t>(second) + 1);
    return seconds_[static_cast<std::size_t>(second)];
}

void AudioFeatureExtractor::add(const float* mono, std::size_t count) {
    for (std::size_t i = 0; i < count;) {
        // RMS per second straight from the samples, split at second boundaries.
        const std::int64_t position = received_ + static_cast<std::int64_t>(i);
        const std::int64_t second = position / kSampleRate;
        const std::size_t take = std::min(count - i, static_cast<std::size_t>((second + 1) * kSampleRate - position));
        SecondTotals& totals = totalsFor(second);
        totals.energy += meanSquare(mono + i, take) * static_cast<double>(take);
        totals.samples += static_cast<std::int64_t>(take);
        i += take;
    }
    samples_.insert(samples_.end(), mono, mono + count);
    received_ += static_cast<std::int64_t>(count);
    processReadyFrames(false);
}

void AudioFeatureExtractor::copyWindow(std::int64_t first, int count, std::vector<float>& out) const {
    for (int i = 0; i < count; ++i) {
        const std::int64_t index = first + i;
        out[static_cast<std::size_t>(i)] =
            index >= 0 && index < received_ ? samples_[static_cast<std::size_t>(index - first_buffered_)] : 0.0f;
    }
}

void AudioFeatureExtractor::processReadyFrames(bool at_end) {
    // Frame k's windows are centred on its hop; the pitch window reaches furthest ahead by the longest lag.
    const int behind = std::max(kSpectrumSamples / 2, pitch_.windowSamples() / 2);
    const int ahead = std::max(kSpectrumSamples / 2, pitch_.frameSamples() - pitch_.windowSamples() / 2);
    const std::int64_t last_frame = (received_ + kHopSamples - 1) / kHopSamples;  // one past
    while (next_frame_ < last_frame) {
        const std::int64_t centre = next_frame_ * kHopSamples + kHopSamples / 2;
        if (!at_end && centre + ahead > received_) break;
        processFrame(next_frame_);
        ++next_frame_;
    }
    const std::int64_t keep_from = next_frame_ * kHopSamples + kHopSamples / 2 - behind;
    if (keep_from - first_buffered_ > kTrimSlack) {
        const std::int64_t drop = keep_from - first_buffered_;
        samples_.erase(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(drop));
        first_buffered_ = keep_from;
    }
}

void AudioFeatureExtractor::processFrame(std::int64_t frame) {
    SecondTotals& totals = totalsFor(frame / kFramesPerSecond);
    ++totals.frames;
    const std::int64_t centre = frame * kHopSamples + kHopSamples / 2;

    copyWindow(centre - kSpectrumSamples / 2, kSpectrumSamples, spectrum_window_);
    // Every frame goes through the FFT so the next frame's flux compares with this one.
    const SpectralFrame spectral = spectrum_.analyze(spectrum_window_.data());
    if (meanSquare(spectrum_window_.data(), spectrum_window_.size()) >= spectral_floor_power_) {
        ++totals.textured_frames;
        totals.flatness += spectral.flatness;
        totals.flux += spectral.flux;
    }

    copyWindow(centre - pitch_.windowSamples() / 2, pitch_.frameSamples(), pitch_window_);
    const double window_power = meanSquare(pitch_window_.data(), static_cast<std::size_t>(pitch_.windowSamples()));
    if (window_power < voicing_floor_power_) return;
    const PitchEstimate pitch = pitch_.estimate(pitch_window_.data());
    if (!pitch.voiced) return;
    ++totals.voiced_frames;
    totals.voiced_energy += window_power;
    totals.pitches_hz.push_back(pitch.pitch_hz);
}

std::vector<AudioSecond> AudioFeatureExtractor::finish(std::int64_t seconds) {
    processReadyFrames(true);
    std::vector<AudioSecond> out(static_cast<std::size_t>(std::max<std::int64_t>(0, seconds)));
    const std::size_t measured = std::min(out.size(), seconds_.size());
    for (std::size_t s = 0; s < measured; ++s) {
        SecondTotals& totals = seconds_[s];
        AudioSecond& second = out[s];
        if (totals.samples > 0) {
            second.rms_dbfs = static_cast<float>(powerToDb(totals.energy / static_cast<double>(totals.samples)));
        }
        if (totals.textured_frames > 0) {
            second.spectral_flatness = static_cast<float>(totals.flatness / totals.textured_frames);
            second.spectral_flux = static_cast<float>(totals.flux / totals.textured_frames);
        }
        if (totals.frames > 0) {
            second.voiced_fraction = static_cast<float>(totals.voiced_frames) / static_cast<float>(totals.frames);
        }
        if (totals.voiced_frames > 0) {
            second.median_pitch_hz = median(totals.pitches_hz);
            second.voiced_energy_dbfs = static_cast<float>(powerToDb(totals.voiced_energy / totals.voiced_frames));
        }
    }
    seconds_.clear();
    return out;
}

}  // namespace rushes::analysis
