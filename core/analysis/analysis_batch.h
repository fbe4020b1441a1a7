// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "analysis/file_analysis.h"
#include "base/error.h"
#include "catalog/database.h"

namespace rushes::analysis {

struct AnalysisTarget {
    std::filesystem::path path;
    std::string asset_id;  // empty: not in the catalog, results are not stored
};

struct BatchOptions {
    // Files analysed at once. Each decode already uses frame threads; a second file fills the gaps the
    // single-threaded detectors leave (measured in docs/analysis.md).
    int jobs = 2;
    FileAnalysisOptions analysis;
};

struct BatchProgress {
    std::size_t files_total = 0;
    std::size_t files_done = 0;
    double fraction = 0;  // of all files, counting the running ones by their own progress
    std::filesystem::path current;
};

struct AnalysisOutcome {
    AnalysisTarget target;
    std::optional<FileAnalysis> analysis;  // absent when it failed
    std::optional<Error> error;
    std::optional<std::string> run_id;  // the catalog run it was recorded as
};

struct BatchReport {
    std::size_t done = 0;
    std::size_t failed = 0;
    bool cancelled = false;
};

// Analyses the targets, up to `options.jobs` at a time on worker threads. This thread alone writes the
// catalog (`db` may be null when no target is catalogued): one transaction per finished file, so a kill
// leaves each file either fully recorded or untouched, and the next run starts the untouched ones again.
// `on_outcome` runs on this thread, once per finished or failed file, in completion order; `progress` is
// called from the worker threads, one call at a time.
BatchReport analyzeBatch(catalog::Database* db, const std::vector<AnalysisTarget>& targets,
                         const BatchOptions& options, std::stop_token stop,
                         const std::function<void(const BatchProgress&)>& progress,
                         const std::function<void(const AnalysisOutcome&)>& on_outcome);

}  // namespace rushes::analysis
