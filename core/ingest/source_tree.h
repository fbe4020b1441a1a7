// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What an offload copies from a camera card: every file and folder, verbatim, except what an
// operating system leaves behind when a card is mounted (.DS_Store, .Spotlight-V100, Thumbs.db…).
// Camera structure (PRIVATE/, CLIPINF/, XML and BIM sidecars, hidden camera files) is kept.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rushes::ingest {

struct SourceFile {
    std::filesystem::path relative;  // to the offload root; "" parent for a single-file source
    std::uint64_t size_bytes = 0;
    std::int64_t mtime_ns = 0;  // since the Unix epoch
};

struct SkippedEntry {
    std::filesystem::path relative;
    std::string reason;
};

struct SourceTree {
    std::filesystem::path root;                  // folder the relative paths start from
    std::vector<std::filesystem::path> folders;  // every folder to recreate, parents first
    std::vector<SourceFile> files;               // in a stable (sorted) order
    std::vector<SkippedEntry> skipped;
    std::uint64_t total_bytes = 0;
};

// Name patterns of OS junk, as the MHL <ignore> section records them.
[[nodiscard]] std::span<const std::string_view> osJunkPatterns() noexcept;
[[nodiscard]] bool isOsJunk(std::string_view name) noexcept;

// Lists `source` (a file or a folder tree). Throws Error(NotFound/Unreadable) naming the source.
[[nodiscard]] SourceTree scanSource(const std::filesystem::path& source);

}  // namespace rushes::ingest
