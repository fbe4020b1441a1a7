// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/offload.h"

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>

#include "base/error.h"
#include "ingest/copy_pipeline.h"
#include "ingest/mhl_writer.h"
#include "ingest/posix_file.h"

namespace rushes::ingest {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kPartialSuffix = ".rushes-partial";

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Every temporary copy in flight, removed on any exit that did not rename it into place: a cancel,
// an exception or a failed verification leaves no partial file.
class PartialFiles {
public:
    PartialFiles() = default;
    PartialFiles(const PartialFiles&) = delete;
    PartialFiles& operator=(const PartialFiles&) = delete;
    ~PartialFiles() {
        for (const fs::path& path : paths_) ::unlink(path.c_str());
    }
    void add(const fs::path& path) { paths_.insert(path); }
    void forget(const fs::path& path) { paths_.erase(path); }
    void remove(const fs::path& path) {
        ::unlink(path.c_str());
        paths_.erase(path);
    }

private:
    std::set<fs::path> paths_;
};

// What to do with one file at one destination.
enum class Plan { Copy, CheckExisting, Nothing };

struct Destination {
    fs::path root;
    bool usable = true;
};

bool isInside(const fs::path& inner, const fs::path& outer) {
    const auto [outer_end, inner_it] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return outer_end == outer.end();
}

// Creates the card's folder tree and proves it writable with a real file: access(2) says yes to
// root even on a read-only mount, and a full disk shows only when writing.
std::string prepareDestination(const fs::path& root, const SourceTree& tree) {
    std::error_code error;
    fs::create_directories(root, error);
    if (error) return fmt::format("cannot create folder {}: {}", root.string(), error.message());
    if (!fs::is_directory(root, error)) return fmt::format("{} is not a folder", root.string());
    const fs::path probe = root / fmt::format(".rushes-write-check-{}", ::getpid());
    try {
        UniqueFd fd = openForWriting(probe);
        fd.close(probe);
        ::unlink(probe.c_str());
    } catch (const Error& failure) {
        return fmt::format("cannot write to folder {}: {}", root.string(), failure.reason());
    }
    for (const fs::path& folder : tree.folders) {
        fs::create_directories(root / folder, error);
        if (error) return fmt::format("cannot create folder {}: {}", (root / folder).string(), error.message());
    }
    return {};
}

Plan planFor(const fs::path& target, const SourceFile& file, FileAtDestination& at) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0) {
        if (errno == ENOENT) return Plan::Copy;
        at = {DestinationOutcome::Failed, "cannot inspect the destination: " + errnoText(errno), {}};
        return Plan::Nothing;
    }
    if (!S_ISREG(st.st_mode)) {
        at = {DestinationOutcome::Conflict, "exists and is not a regular file; not overwritten", {}};
        return Plan::Nothing;
    }
    if (static_cast<std::uint64_t>(st.st_size) != file.size_bytes) {
        at = {DestinationOutcome::Conflict,
              fmt::format("a different file already exists ({} bytes, source {} bytes); not overwritten",
                          st.st_size, file.size_bytes),
              {}};
        return Plan::Nothing;
    }
    return Plan::CheckExisting;
}

[[noreturn]] void throwCancelled(const fs::path& source) {
    throw Error(ErrorKind::Cancelled, source.string(), "offload cancelled");
}

}  // namespace

OffloadReport offload(const fs::path& source, const std::vector<fs::path>& destinations,
                      const OffloadOptions& options, std::stop_token stop, const OffloadProgressCallback& progress) {
    const auto started = Clock::now();
    if (destinations.empty()) throw Error(ErrorKind::InvalidArgument, source.string(), "no destination given");
    fs::path card = fs::absolute(source).lexically_normal();
    if (card.filename().empty()) card = card.parent_path();  // "CARD/" names the folder CARD

    OffloadReport report;
    report.hash = options.hash;
    report.source = card;
    SourceTree tree = scanSource(card);
    report.skipped = tree.skipped;
    const bool folder_source = tree.root == card;

    std::vector<Destination> targets;
    for (const fs::path& destination : destinations) {
        const fs::path root = fs::absolute(destination).lexically_normal() / (folder_source ? card.filename() : fs::path());
        const fs::path resolved = fs::weakly_canonical(root);
        if (folder_source && (isInside(resolved, fs::weakly_canonical(card)) || isInside(fs::weakly_canonical(card), resolved))) {
            throw Error(ErrorKind::InvalidArgument, destination.string(), "a destination cannot be inside the source or contain it");
        }
        for (const Destination& earlier : targets) {
            if (fs::weakly_canonical(earlier.root) == resolved) {
                throw Error(ErrorKind::InvalidArgument, destination.string(), "the same destination is given twice");
            }
        }
        targets.push_back({root.lexically_normal(), true});
    }
    for (const Destination& target : targets) {
        DestinationSummary summary;
        summary.root = target.root;
        summary.error = prepareDestination(target.root, tree);
        report.destinations.push_back(std::move(summary));
    }
    for (std::size_t d = 0; d < targets.size(); ++d) targets[d].usable = report.destinations[d].error.empty();

    OffloadProgress state;
    state.files_total = tree.files.size();
    state.bytes_total = tree.total_bytes;
    const auto usable_count = static_cast<std::uint64_t>(
        std::count_if(targets.begin(), targets.end(), [](const Destination& d) { return d.usable; }));
    state.bytes_verify_total = options.verify ? tree.total_bytes * usable_count : 0;
    const auto emit = [&] {
        if (progress) progress(state);
    };

    CopyPipeline pipeline(options.buffer_bytes, options.buffer_count);
    PartialFiles partials;
    std::vector<std::chrono::system_clock::time_point> hashed_at(tree.files.size());

    for (std::size_t f = 0; f < tree.files.size(); ++f) {
        if (stop.stop_requested()) throwCancelled(card);
        const SourceFile& file = tree.files[f];
        OffloadedFile result;
        result.relative = file.relative;
        result.size_bytes = file.size_bytes;
        result.destinations.resize(targets.size());
        state.current = file.relative;

        std::vector<Plan> plans(targets.size(), Plan::Nothing);
        std::vector<fs::path> copy_paths;
        std::vector<std::size_t> copy_destinations;
        for (std::size_t d = 0; d < targets.size(); ++d) {
            if (!targets[d].usable) {
                result.destinations[d] = {DestinationOutcome::Failed, "destination unavailable: " + report.destinations[d].error, {}};
                continue;
            }
            plans[d] = planFor(targets[d].root / file.relative, file, result.destinations[d]);
            if (plans[d] == Plan::Copy) {
                copy_paths.push_back(targets[d].root / (file.relative.string() + std::string(kPartialSuffix)));
                copy_destinations.push_back(d);
                partials.add(copy_paths.back());
            }
        }
        const bool any_work = std::any_of(plans.begin(), plans.end(), [](Plan p) { return p != Plan::Nothing; });
        if (!any_work) {
            state.bytes_read += file.size_bytes;  // nothing will read it; keep the totals honest
            ++state.files_done;
            report.files.push_back(std::move(result));
            emit();
            continue;
        }

        // Copy: one read of the source, every destination written at once.
        state.phase = OffloadPhase::Copying;
        const auto copy_started = Clock::now();
        const CopyOutcome copied = pipeline.copy(tree.root / file.relative, copy_paths, file.mtime_ns, options.hash,
                                                 stop, [&](std::uint64_t bytes) {
                                                     state.bytes_read += bytes;
                                                     emit();
                                                 });
        report.copy_seconds += secondsSince(copy_started);
        report.bytes_read += copied.bytes_read;
        if (copied.cancelled) throwCancelled(card);
        hashed_at[f] = std::chrono::system_clock::now();
        result.source_hash = copied.source_hash;
        result.source_error = copied.source_error;

        std::vector<fs::path> verify_paths;
        std::vector<std::size_t> verify_destinations;
        for (std::size_t i = 0; i < copy_paths.size(); ++i) {
            const std::size_t d = copy_destinations[i];
            if (!copied.source_error.empty() || !copied.target_errors[i].empty()) {
                partials.remove(copy_paths[i]);
                result.destinations[d] = {DestinationOutcome::Failed,
                                          copied.source_error.empty() ? copied.target_errors[i]
                                                                      : "cannot read the source: " + copied.source_error,
                                          {}};
                plans[d] = Plan::Nothing;
                continue;
            }
            report.bytes_written += copied.bytes_read;
            if (options.after_copy) options.after_copy(file.relative, d, copy_paths[i]);
            if (options.verify) {
                verify_paths.push_back(copy_paths[i]);
                verify_destinations.push_back(d);
            } else {
                result.destinations[d] = {DestinationOutcome::Copied, {}, {}};
            }
        }
        for (std::size_t d = 0; d < targets.size(); ++d) {
            if (plans[d] != Plan::CheckExisting) continue;
            if (!copied.source_error.empty()) {
                result.destinations[d] = {DestinationOutcome::Failed, "cannot read the source: " + copied.source_error, {}};
                continue;
            }
            verify_paths.push_back(targets[d].root / file.relative);
            verify_destinations.push_back(d);
        }

        // Verify: read each copy back from its device, all destinations in parallel.
        state.phase = OffloadPhase::Verifying;
        const auto verify_started = Clock::now();
        const std::vector<ReadBackOutcome> read_back =
            readBackHashes(verify_paths, options.hash, options.buffer_bytes, stop, [&](std::uint64_t bytes) {
                state.bytes_verified += bytes;
                emit();
            });
        report.verify_seconds += secondsSince(verify_started);
        for (const ReadBackOutcome& outcome : read_back) {
            if (outcome.cancelled) throwCancelled(card);
        }

        std::set<fs::path> folders_to_sync;
        for (std::size_t i = 0; i < verify_paths.size(); ++i) {
            const std::size_t d = verify_destinations[i];
            const ReadBackOutcome& outcome = read_back[i];
            FileAtDestination& at = result.destinations[d];
            report.bytes_verified += outcome.error.empty() ? file.size_bytes : 0;
            if (plans[d] == Plan::CheckExisting) {
                if (!outcome.error.empty()) {
                    at = {DestinationOutcome::Failed, "cannot read the existing file: " + outcome.error, {}};
                } else if (outcome.hash == copied.source_hash) {
                    at = {DestinationOutcome::AlreadyPresent, {}, outcome.hash};
                } else {
                    at = {DestinationOutcome::Conflict,
                          fmt::format("a different file of the same size already exists ({} {}, source {}); not overwritten",
                                      toString(options.hash), outcome.hash, copied.source_hash),
                          outcome.hash};
                }
                continue;
            }
            if (!outcome.error.empty()) {
                partials.remove(verify_paths[i]);
                at = {DestinationOutcome::Failed, "cannot read the copy back: " + outcome.error, {}};
            } else if (outcome.hash != copied.source_hash) {
                partials.remove(verify_paths[i]);
                at = {DestinationOutcome::Mismatch,
                      fmt::format("the copy reads back as {} {} but the source is {}; the copy was removed",
                                  toString(options.hash), outcome.hash, copied.source_hash),
                      outcome.hash};
            } else {
                at = {DestinationOutcome::Verified, {}, outcome.hash};
            }
        }

        // Only now does a copy get its real name.
        for (std::size_t i = 0; i < copy_paths.size(); ++i) {
            const std::size_t d = copy_destinations[i];
            FileAtDestination& at = result.destinations[d];
            if (at.outcome != DestinationOutcome::Verified && at.outcome != DestinationOutcome::Copied) continue;
            const fs::path final_path = targets[d].root / file.relative;
            try {
                renameNoReplace(copy_paths[i], final_path);
                partials.forget(copy_paths[i]);
                folders_to_sync.insert(final_path.parent_path());
            } catch (const Error& error) {
                partials.remove(copy_paths[i]);
                at = {error.kind() == ErrorKind::Conflict ? DestinationOutcome::Conflict : DestinationOutcome::Failed,
                      error.reason(), {}};
            }
        }
        for (const fs::path& folder : folders_to_sync) {
            try {
                syncFolder(folder);
            } catch (const Error&) {
                // The files are renamed and synced; a folder that refuses fsync only loses the
                // guarantee that the names survive a power cut, which no report line can fix.
            }
        }
        ++state.files_done;
        report.files.push_back(std::move(result));
        emit();
    }

    // Manifests: one ASC MHL generation per destination, listing the files that are good there.
    state.phase = OffloadPhase::WritingManifests;
    emit();
    for (std::size_t d = 0; d < targets.size(); ++d) {
        DestinationSummary& summary = report.destinations[d];
        for (const OffloadedFile& file : report.files) (isGood(file.destinations[d].outcome) ? summary.good : summary.bad)++;
        if (!targets[d].usable || !options.write_mhl) continue;
        const bool first_generation = nextMhlGeneration(targets[d].root) == 1;
        std::vector<MhlEntry> entries;
        for (std::size_t f = 0; f < report.files.size(); ++f) {
            const OffloadedFile& file = report.files[f];
            const FileAtDestination& at = file.destinations[d];
            if (!isGood(at.outcome)) continue;
            const bool seen_before = at.outcome == DestinationOutcome::AlreadyPresent && !first_generation;
            entries.push_back({file.relative, file.size_bytes, tree.files[f].mtime_ns, file.source_hash, hashed_at[f],
                               seen_before ? MhlAction::Verified : MhlAction::Original});
        }
        MhlGenerationInfo info;
        info.algorithm = options.hash;
        info.tool_version = options.tool_version.empty() ? "dev" : options.tool_version;
        for (std::string_view pattern : osJunkPatterns()) info.ignore_patterns.emplace_back(pattern);
        try {
            summary.manifest = writeMhlGeneration(targets[d].root, entries, info);
        } catch (const Error& error) {
            summary.error = "cannot write the ASC MHL manifest: " + std::string(error.what());
        }
    }
    report.total_seconds = secondsSince(started);
    return report;
}

}  // namespace rushes::ingest
