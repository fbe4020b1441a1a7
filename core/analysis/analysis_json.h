// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/file_analysis.h"
#include "analysis/video_analysis.h"

namespace rushes::analysis {

// The `rushes analyze --json` document, in the shape other tools depend on:
// {file, fps, frames, duration_s, transitions, shots, qc, loudness, highlights, interviews}.
// Sections whose detectors have not run yet are present and empty (or null).
[[nodiscard]] nlohmann::json toJson(const std::filesystem::path& file, const VideoAnalysis& video);
[[nodiscard]] nlohmann::json toJson(const FileAnalysis& analysis);

}  // namespace rushes::analysis
