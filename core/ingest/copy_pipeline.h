// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The heart of offload: one read of the source feeds every destination at once. The calling thread
// reads and hashes into a ring of large buffers; one writer thread per destination writes them.
// A buffer is reused only after every writer has written it, so memory stays at
// buffer_count × buffer_bytes and the slowest destination sets the pace.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "ingest/hashing.h"

namespace rushes::ingest {

struct CopyOutcome {
    bool cancelled = false;
    std::string source_error;               // empty when the source was read to its end
    std::string source_hash;                // of every byte read; valid when source_error is empty
    std::uint64_t bytes_read = 0;
    std::vector<std::string> target_errors;  // one per target; empty when written, synced and dated
};

// Called on the caller's thread after each buffer, with the bytes it held.
using ChunkCallback = std::function<void(std::uint64_t bytes)>;

class CopyPipeline {
public:
    CopyPipeline(std::size_t buffer_bytes, std::size_t buffer_count);

    // Copies `source` to every path in `targets` (created or truncated), hashing what it reads.
    // Each target is synced and gets the source's modification time. With no targets it only
    // hashes. Never throws for an I/O failure: they are reported in the outcome.
    CopyOutcome copy(const std::filesystem::path& source, std::span<const std::filesystem::path> targets,
                     std::int64_t mtime_ns, HashAlgorithm algorithm, std::stop_token stop,
                     const ChunkCallback& on_chunk);

private:
    std::size_t buffer_bytes_;
    std::vector<std::vector<std::byte>> buffers_;
};

struct ReadBackOutcome {
    bool cancelled = false;
    std::string error;  // empty when read to the end
    std::string hash;
};

// Hashes each of `files` as it is on the device: each file's cached pages are dropped first (the
// copy was fsynced, so they are clean) and the files are read in parallel, one thread per file,
// the first on the calling thread, which alone calls `on_chunk` (with the bytes of all threads).
[[nodiscard]] std::vector<ReadBackOutcome> readBackHashes(std::span<const std::filesystem::path> files,
                                                          HashAlgorithm algorithm, std::size_t buffer_bytes,
                                                          std::stop_token stop, const ChunkCallback& on_chunk);

}  // namespace rushes::ingest
