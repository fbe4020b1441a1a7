// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Offload: what a DIT or a logger does first with a camera card. The card is read once and
// written to every destination at once, every copy is read back from its device and compared
// with the source hash, nothing that exists is ever overwritten, and each destination gets an
// ASC MHL manifest. Only verified copies carry their final name; everything else is removed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/hashing.h"
#include "ingest/source_tree.h"

namespace rushes::ingest {

struct OffloadOptions {
    HashAlgorithm hash = HashAlgorithm::Xxh64;
    bool verify = true;       // read every copy back and compare; off only for scratch copies
    bool write_mhl = true;    // ascmhl/ manifest generation + chain at each destination
    std::size_t buffer_bytes = 8 << 20;  // large reads keep card readers and HDDs streaming
    std::size_t buffer_count = 4;        // ring depth: how far the reader may run ahead of a writer
    std::string tool_version;           // recorded in the manifest's <tool version="…">
    // Test hook: called on the calling thread once a file is written and synced at a destination,
    // before it is read back. `written_file` is the temporary name that verification reads.
    std::function<void(const std::filesystem::path& relative, std::size_t destination_index,
                       const std::filesystem::path& written_file)>
        after_copy;
};

enum class OffloadPhase { Copying, Verifying, WritingManifests };

struct OffloadProgress {
    OffloadPhase phase = OffloadPhase::Copying;
    std::size_t files_total = 0;
    std::size_t files_done = 0;
    std::uint64_t bytes_total = 0;         // of the source
    std::uint64_t bytes_read = 0;          // from the source
    std::uint64_t bytes_verify_total = 0;  // expected read-back, all destinations
    std::uint64_t bytes_verified = 0;
    std::filesystem::path current;  // relative path of the file in work
};
using OffloadProgressCallback = std::function<void(const OffloadProgress&)>;

enum class DestinationOutcome {
    Verified,        // copied, read back from the device, hash equal to the source's
    Copied,          // copied and synced, not read back (verify off)
    AlreadyPresent,  // an existing file with the source's size and hash: left as it was
    Mismatch,        // the read-back hash differs from the source: the copy was removed
    Conflict,        // a different file already has the name: not overwritten
    Failed,          // an I/O error at the destination or the source: nothing left behind
};
[[nodiscard]] std::string_view toString(DestinationOutcome outcome) noexcept;
[[nodiscard]] bool isGood(DestinationOutcome outcome) noexcept;

struct FileAtDestination {
    DestinationOutcome outcome = DestinationOutcome::Failed;
    std::string reason;           // why, for anything but a good outcome
    std::string destination_hash;  // what was read back (for Verified, AlreadyPresent, Mismatch)
};

struct OffloadedFile {
    std::filesystem::path relative;  // to the card root
    std::uint64_t size_bytes = 0;
    std::string source_hash;   // empty when the source could not be read
    std::string source_error;  // why the source could not be read
    std::vector<FileAtDestination> destinations;  // one per destination, in the order given
};

struct DestinationSummary {
    std::filesystem::path root;      // where the card's files land (destination/<card folder>)
    std::string error;               // the destination as a whole failed (e.g. not writable)
    std::filesystem::path manifest;  // the ASC MHL generation written, if any
    int good = 0;                    // files verified, copied or already present
    int bad = 0;                     // mismatches, conflicts and failures
};

struct OffloadReport {
    HashAlgorithm hash = HashAlgorithm::Xxh64;
    std::filesystem::path source;
    std::vector<DestinationSummary> destinations;
    std::vector<OffloadedFile> files;
    std::vector<SkippedEntry> skipped;  // OS junk, links and special files not copied
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
    std::uint64_t bytes_verified = 0;
    double copy_seconds = 0;    // reading, writing and syncing
    double verify_seconds = 0;  // reading back
    double total_seconds = 0;

    // True when every file is good at every destination and no destination failed as a whole.
    [[nodiscard]] bool ok() const;
    // One line per problem, naming the destination file (or folder) and the reason.
    [[nodiscard]] std::vector<std::string> problems() const;
    // Absolute paths of the files that are good at destination `index`.
    [[nodiscard]] std::vector<std::filesystem::path> goodCopies(std::size_t index) const;
};

// Offloads `source` (a file or a folder tree) into each destination folder: a folder source
// lands in destination/<source folder name>/, a file in destination/. Per-file problems are
// reported and the offload goes on. Throws Error(InvalidArgument) for an unusable request
// (no destinations, a destination inside the source), Error(NotFound/Unreadable) for a missing
// source, and Error(Cancelled) when `stop` fires: files finished so far stay, the file in work
// leaves nothing behind, and no manifest is written.
OffloadReport offload(const std::filesystem::path& source, const std::vector<std::filesystem::path>& destinations,
                      const OffloadOptions& options, std::stop_token stop = {},
                      const OffloadProgressCallback& progress = {});

}  // namespace rushes::ingest
