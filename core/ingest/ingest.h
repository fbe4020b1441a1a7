// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "catalog/database.h"

namespace rushes::ingest {

struct IngestOptions {
    std::string project = "Default";  // project name; created when missing
    int threads = 0;                  // probe/hash workers; 0 = one per core
};

struct IngestProgress {
    std::int64_t files_found = 0;   // media candidates seen by the scanner so far
    std::int64_t files_done = 0;
    std::int64_t bytes_total = 0;
    std::int64_t bytes_done = 0;
    bool scan_finished = false;
    std::filesystem::path current;
};

struct IngestFailure {
    std::filesystem::path path;
    std::string kind;    // rushes::ErrorKind as text
    std::string reason;
};

struct IngestReport {
    int added = 0;      // new assets
    int relinked = 0;   // known content found at a new path (moved, renamed, re-mounted)
    int updated = 0;    // same path, changed content
    int unchanged = 0;  // same path, size and mtime: not re-read
    int missing = 0;    // known assets under the scanned roots that are gone
    int errors = 0;     // unreadable or not media: recorded with their reason
    int skipped = 0;    // hidden, system, sidecar and non-media files
    int duplicates = 0; // content already catalogued at another path that still exists
    bool cancelled = false;
    std::vector<IngestFailure> failures;
};

using IngestProgressCallback = std::function<void(const IngestProgress&)>;

// Scans files and folders recursively, probes and hashes new or changed files
// on a worker pool, and records them in the catalog: deduplicated by content,
// relinked when moved, marked missing when gone. Every catalog write is one
// short transaction per file, so a cancel or a kill leaves a consistent
// catalog and a re-run picks up where this one stopped.
IngestReport ingestPaths(catalog::Database& db, const std::vector<std::filesystem::path>& paths,
                         const IngestOptions& options, std::stop_token stop = {},
                         const IngestProgressCallback& progress = {});

}  // namespace rushes::ingest
