// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/audio_json.h"

namespace rushes::analysis {
namespace {

using nlohmann::json;

json optionalNumber(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

void appendRuns(json& qc, const AudioAnalysis& audio, const std::vector<SampleRun>& runs, const char* kind) {
    const double rate = audio.sample_rate;
    for (const SampleRun& run : runs) {
        qc.push_back({{"kind", kind},
                      {"start_s", static_cast<double>(run.start) / rate},
                      {"end_s", static_cast<double>(run.end) / rate},
                      {"start_sample", run.start},
                      {"end_sample", run.end},
                      {"sample_rate", audio.sample_rate}});
    }
}

template <typename Field>
json column(const std::vector<AudioSecond>& seconds, Field field) {
    json out = json::array();
    for (const AudioSecond& second : seconds) out.push_back(second.*field);
    return out;
}

}  // namespace

void appendAudio(json& document, const AudioAnalysis& audio) {
    json& qc = document["qc"];
    if (!qc.is_array()) qc = json::array();
    appendRuns(qc, audio, audio.silences, "silence");
    appendRuns(qc, audio, audio.clipping, "clipping");

    const LoudnessSummary& loudness = audio.loudness;
    document["loudness"] = {
        {"integrated_lufs", optionalNumber(loudness.integrated_lufs)},
        {"lra_lu", loudness.lra_lu},
        {"true_peak_dbtp", optionalNumber(loudness.true_peak_dbtp)},
        {"within_r128",
         {{"integrated", loudness.integrated_within_r128}, {"true_peak", loudness.true_peak_within_r128}}},
    };

    const auto& seconds = audio.seconds;
    document["audio"] = {
        {"sample_rate", audio.sample_rate},
        {"channels", audio.channels},
        {"samples", audio.samples},
        {"seconds",
         {{"momentary_max_lufs", column(seconds, &AudioSecond::momentary_max_lufs)},
          {"short_term_lufs", column(seconds, &AudioSecond::short_term_lufs)},
          {"rms_dbfs", column(seconds, &AudioSecond::rms_dbfs)},
          {"spectral_flatness", column(seconds, &AudioSecond::spectral_flatness)},
          {"spectral_flux", column(seconds, &AudioSecond::spectral_flux)},
          {"voiced_fraction", column(seconds, &AudioSecond::voiced_fraction)},
          {"median_pitch_hz", column(seconds, &AudioSecond::median_pitch_hz)},
          {"voiced_energy_dbfs", column(seconds, &AudioSecond::voiced_energy_dbfs)}}},
        {"loudness_series",
         {{"steps_per_second", LoudnessSeries::kStepsPerSecond},
          {"momentary_lufs", audio.loudness_series.momentary_lufs},
          {"short_term_lufs", audio.loudness_series.short_term_lufs}}},
        {"detectors", {{"audio_qc", kAudioQcVersion}, {"audio_features", kAudioFeaturesVersion}}},
    };
}

}  // namespace rushes::analysis
