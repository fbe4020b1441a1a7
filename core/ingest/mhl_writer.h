// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// ASC MHL v2.0 (urn:ASC:MHL:v2.0), the chain-of-custody manifest DIT tools exchange: each copy of
// a card carries an ascmhl/ folder with one manifest per generation and ascmhl_chain.xml naming
// each manifest by its C4 ID. Written the way the ASC reference implementation (ascmhl) writes it.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/hashing.h"

namespace rushes::ingest {

// "original": first hash of this file in this history; "verified": compared with an earlier one.
enum class MhlAction { Original, Verified };

struct MhlEntry {
    std::filesystem::path relative;  // to the history root; written with '/' separators
    std::uint64_t size_bytes = 0;
    std::int64_t mtime_ns = 0;
    std::string hash_hex;
    std::chrono::system_clock::time_point hashed_at;
    MhlAction action = MhlAction::Original;
};

struct MhlGenerationInfo {
    HashAlgorithm algorithm = HashAlgorithm::Xxh64;
    std::string tool_name = "Rushes";
    std::string tool_version;
    std::chrono::system_clock::time_point created = std::chrono::system_clock::now();
    std::vector<std::string> ignore_patterns;
};

// Number of the next generation in `history_root`/ascmhl (1 when there is none yet).
[[nodiscard]] int nextMhlGeneration(const std::filesystem::path& history_root);

// Writes ascmhl/NNNN_<root folder name>_<UTC date>Z.mhl and appends it to ascmhl_chain.xml, each
// through a temporary name and a rename. Returns the manifest's path. Throws Error(Io).
std::filesystem::path writeMhlGeneration(const std::filesystem::path& history_root,
                                         const std::vector<MhlEntry>& entries, const MhlGenerationInfo& info);

// Text safe inside an XML element or a double-quoted attribute: markup characters escaped, UTF-8
// kept as is, and bytes XML 1.0 cannot carry (invalid UTF-8, C0 controls) replaced by U+FFFD.
[[nodiscard]] std::string escapeXml(std::string_view text);

// xs:dateTime in local time with its UTC offset, e.g. 2024-05-01T14:03:07+02:00.
[[nodiscard]] std::string isoDateTime(std::chrono::system_clock::time_point time);

}  // namespace rushes::ingest
