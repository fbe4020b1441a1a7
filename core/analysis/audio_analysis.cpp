// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/audio_analysis.h"

#include <algorithm>
#include <string>

#include "analysis/audio_features.h"
#include "analysis/mono_resampler.h"
#include "base/error.h"

namespace rushes::analysis {
namespace {

constexpr const char* kSubject = "audio analysis";

AVChannelLayout defaultLayout(int channels) {
    if (channels <= 0) throw Error(ErrorKind::InvalidArgument, kSubject, "needs at least one channel");
    AVChannelLayout layout{};
    av_channel_layout_default(&layout, channels);
    return layout;
}

}  // namespace

AudioAnalyzer::AudioAnalyzer(int sample_rate, int channels, AudioAnalysisParameters parameters)
    : AudioAnalyzer(sample_rate, defaultLayout(channels), parameters) {}

AudioAnalyzer::AudioAnalyzer(int sample_rate, const AVChannelLayout& layout, AudioAnalysisParameters parameters)
    : parameters_(parameters),
      sample_rate_(sample_rate),
      channels_(layout.nb_channels),
      loudness_(sample_rate, layout),
      silence_(sample_rate, layout.nb_channels, parameters.silence),
      clipping_(sample_rate, layout.nb_channels, parameters.clipping),
      resampler_(std::make_unique<MonoResampler>(sample_rate, layout, AudioFeatureExtractor::kSampleRate)),
      features_(std::make_unique<AudioFeatureExtractor>(parameters.features)) {}

AudioAnalyzer::~AudioAnalyzer() = default;

void AudioAnalyzer::add(const media::AudioChunk& chunk) {
    if (chunk.format != AV_SAMPLE_FMT_FLT || chunk.sample_rate != sample_rate_ || chunk.channels != channels_) {
        throw Error(ErrorKind::InvalidArgument, kSubject,
                    "a chunk is not packed float at " + std::to_string(sample_rate_) + " Hz with " +
                        std::to_string(channels_) + " channels");
    }
    if (chunk.first_sample != samples_) {
        throw Error(ErrorKind::InvalidArgument, kSubject,
                    "chunks must follow each other: expected sample " + std::to_string(samples_) + ", got " +
                        std::to_string(chunk.first_sample));
    }
    const std::span<const float> values = chunk.as<float>();
    if (chunk.samples < 0 ||
        static_cast<std::size_t>(chunk.samples) * static_cast<std::size_t>(channels_) > values.size()) {
        throw Error(ErrorKind::InvalidArgument, kSubject, "a chunk holds fewer samples than it says");
    }
    const float* interleaved = values.data();
    loudness_.add(interleaved, chunk.samples);
    silence_.add(interleaved, chunk.samples);
    clipping_.add(interleaved, chunk.samples);
    mono_.clear();
    resampler_->convert(interleaved, chunk.samples, mono_);
    features_->add(mono_.data(), mono_.size());
    samples_ += chunk.samples;
}

AudioAnalysis AudioAnalyzer::finish() {
    mono_.clear();
    resampler_->flush(mono_);
    features_->add(mono_.data(), mono_.size());

    AudioAnalysis out;
    out.sample_rate = sample_rate_;
    out.channels = channels_;
    out.samples = samples_;
    LoudnessMeter::Result loudness = loudness_.finish(parameters_.r128);
    out.loudness = loudness.summary;
    out.loudness_series = std::move(loudness.series);
    out.silences = silence_.finish();
    out.clipping = clipping_.finish();
    const std::int64_t seconds = (samples_ + sample_rate_ - 1) / sample_rate_;
    out.seconds = features_->finish(seconds);

    // Step k of the 100 ms series ends inside second k / 10.
    const auto& momentary = out.loudness_series.momentary_lufs;
    const auto& short_term = out.loudness_series.short_term_lufs;
    constexpr std::size_t kSteps = LoudnessSeries::kStepsPerSecond;
    for (std::size_t s = 0; s < out.seconds.size(); ++s) {
        const std::size_t first = s * kSteps;
        if (first >= momentary.size()) break;
        const std::size_t end = std::min(momentary.size(), first + kSteps);
        out.seconds[s].momentary_max_lufs = *std::max_element(momentary.begin() + static_cast<std::ptrdiff_t>(first),
                                                              momentary.begin() + static_cast<std::ptrdiff_t>(end));
        out.seconds[s].short_term_lufs = short_term[end - 1];
    }
    return out;
}

}  // namespace rushes::analysis
