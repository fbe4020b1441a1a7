// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>

namespace rushes::ingest {

// xxh3-128 of the whole file as 32 lowercase hex digits: the catalog's content identity.
[[nodiscard]] std::string hashFileXxh3(const std::filesystem::path& path, std::stop_token stop = {},
                                       const std::function<void(std::int64_t bytes)>& on_bytes = {});

// "size-first-last": the size and the xxh3-64 of the first and last MiB, in
// hex. Reads at most 2 MiB, so a rename or move of a 100 GB file is found
// again without reading it all; equal fingerprints are confirmed by the full hash.
[[nodiscard]] std::string fingerprintFile(const std::filesystem::path& path);

}  // namespace rushes::ingest
