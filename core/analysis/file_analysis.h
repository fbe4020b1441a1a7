// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <stop_token>

#include "analysis/video_analysis.h"

namespace rushes::analysis {

struct FileAnalysisOptions {
    VideoAnalysisOptions video;
};

// Everything the one decode pass of a file found (DESIGN §3).
struct FileAnalysis {
    std::filesystem::path file;
    VideoAnalysis video;
};

// Reads the file once, decodes picture and sound from the same packets, feeds
// every detector, then runs the decisions over the stored measurements.
[[nodiscard]] FileAnalysis analyzeFile(const std::filesystem::path& path, const FileAnalysisOptions& options = {},
                                       std::stop_token stop = {}, const AnalysisProgress& progress = {});

}  // namespace rushes::analysis
