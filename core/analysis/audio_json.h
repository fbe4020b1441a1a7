// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/audio_analysis.h"

namespace rushes::analysis {

// Adds the audio half to a `rushes analyze --json` document (analysis_json.h):
// silence and clipping entries appended to "qc" ({kind, start_s, end_s} plus
// the exact start_sample/end_sample and sample_rate), "loudness" set to
// {integrated_lufs, lra_lu, true_peak_dbtp, within_r128: {integrated, true_peak}}
// (null values for silence), and "audio" with the per-second features as
// columns and the 100 ms loudness series. Seconds count from the audio
// stream's first sample; the caller shifts them if that stream starts later
// than the picture.
void appendAudio(nlohmann::json& document, const AudioAnalysis& audio);

}  // namespace rushes::analysis
