// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <stop_token>
#include <string>

#include "catalog/rows.h"
#include "ingest/file_scanner.h"

namespace rushes::ingest {

// What a worker learned about one file: everything the catalog needs, or why
// the file cannot be footage. Plain data, handed from a worker to the thread
// that owns the catalog connection.
struct ExaminedFile {
    ScannedFile file;
    std::optional<std::string> probe_json;
    std::optional<catalog::TickDuration> duration;
    std::optional<std::string> content_hash;
    std::optional<std::string> fingerprint;
    std::optional<std::string> error_kind;  // rushes::ErrorKind as text when the file failed
    std::string error_reason;
};

// Probes and hashes one file. Never throws for a bad file (the failure is in
// the result); throws Error(Cancelled) when stopped.
[[nodiscard]] ExaminedFile examineFile(const ScannedFile& file, std::stop_token stop);

}  // namespace rushes::ingest
