// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "analysis/file_analysis.h"
#include "catalog/analysis_store.h"

namespace rushes::analysis {

// The detector versions and parameters a run used, as stored with it.
[[nodiscard]] std::string detectorVersionsJson();
[[nodiscard]] std::string parametersJson(const FileAnalysisOptions& options);

// What the catalog keeps of an analysis: shots, segments with automatic tags (QC findings, shots,
// highlights, interviews) and every curve, in the video stream's time base counted from its first frame.
[[nodiscard]] catalog::AnalysisRecord toRecord(const FileAnalysis& analysis, const FileAnalysisOptions& options,
                                               const std::string& asset_id);

// Frame `frame`'s start in the stream time base, counted from the first frame; one past the last frame
// gives the end of the last frame (its start plus one nominal frame period).
[[nodiscard]] std::int64_t frameStartTicks(const VideoAnalysis& video, std::int64_t frame);

}  // namespace rushes::analysis
