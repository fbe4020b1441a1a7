// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <vector>

namespace rushes::ingest {

struct ScannedFile {
    std::filesystem::path path;  // absolute, canonical
    std::int64_t size_bytes = 0;
    std::int64_t mtime_ns = 0;
};

struct ScanResult {
    std::vector<ScannedFile> files;  // candidates: probing decides what is media
    int skipped = 0;                 // hidden, system and sidecar files
};

// Why a file is passed over without being read: hidden (dot files), operating
// system clutter (.DS_Store, Thumbs.db, $RECYCLE.BIN…) and camera or NLE
// sidecars (.xmp, .thm, .lrf, .xml, .bim…) that are never footage themselves.
[[nodiscard]] bool isSkippedName(const std::filesystem::path& name) noexcept;

// Walks files and folders recursively in a stable order without following
// directory symlinks (a link loop on a share must not hang an ingest).
// Unreadable folders are skipped; the caller learns of unreadable files when it opens them.
[[nodiscard]] ScanResult scanPaths(const std::vector<std::filesystem::path>& roots, std::stop_token stop);

// A file's size and modification time in nanoseconds, as the catalog stores them.
[[nodiscard]] ScannedFile statFile(const std::filesystem::path& path);

}  // namespace rushes::ingest
