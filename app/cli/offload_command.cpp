// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes offload`: copy a camera card to several destinations at once, verify every copy,
// write ASC MHL manifests, then ingest the verified copies of the first destination.
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "catalog/database.h"
#include "catalog/migrations.h"
#include "cli/commands.h"
#include "ingest/ingest.h"
#include "ingest/offload.h"

namespace rushes::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string humanBytes(double bytes) {
    static constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024 && unit < 4) bytes /= 1024, ++unit;
    return fmt::format("{:.1f} {}", bytes, units[unit]);
}

std::string clockText(double seconds) {
    const auto total = static_cast<long>(seconds + 0.5);
    return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
}

// One status line, rewritten in place at most a few times a second: a terminal is not a log.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled) : enabled_(enabled) {}
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void show(const std::string& text) {
        if (!enabled_) return;
        const auto now = Clock::now();
        if (now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        fmt::print(stderr, "\r\033[K{}", text.substr(0, 150));
        std::fflush(stderr);
        shown_ = true;
    }
    void clear() {
        if (shown_) fmt::print(stderr, "\r\033[K");
        shown_ = false;
    }

private:
    bool enabled_;
    bool shown_ = false;
    Clock::time_point last_{};
};

std::string offloadStatus(const ingest::OffloadProgress& state, Clock::time_point started) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const double done = static_cast<double>(state.bytes_read + state.bytes_verified);
    const double total = static_cast<double>(state.bytes_total + state.bytes_verify_total);
    const double rate = elapsed > 0 ? done / elapsed : 0;
    const std::string eta = rate > 0 && total > done ? clockText((total - done) / rate) : "-";
    return fmt::format("[{}/{}] {} / {} read, {} verified · {}/s · ETA {} · {}", state.files_done, state.files_total,
                       humanBytes(static_cast<double>(state.bytes_read)),
                       humanBytes(static_cast<double>(state.bytes_total)),
                       humanBytes(static_cast<double>(state.bytes_verified)), humanBytes(rate), eta,
                       state.current.string());
}

nlohmann::json toJson(const ingest::OffloadReport& report) {
    nlohmann::json json = {{"source", report.source.string()},
                           {"hash", ingest::toString(report.hash)},
                           {"ok", report.ok()},
                           {"bytes_read", report.bytes_read},
                           {"bytes_written", report.bytes_written},
                           {"bytes_verified", report.bytes_verified},
                           {"copy_seconds", report.copy_seconds},
                           {"verify_seconds", report.verify_seconds},
                           {"total_seconds", report.total_seconds},
                           {"problems", report.problems()}};
    for (const auto& destination : report.destinations) {
        json["destinations"].push_back({{"root", destination.root.string()},
                                        {"error", destination.error},
                                        {"manifest", destination.manifest.string()},
                                        {"good", destination.good},
                                        {"bad", destination.bad}});
    }
    json["files"] = nlohmann::json::array();
    for (const auto& file : report.files) {
        nlohmann::json entry = {{"path", file.relative.generic_string()},
                                {"size", file.size_bytes},
                                {"hash", file.source_hash}};
        if (!file.source_error.empty()) entry["source_error"] = file.source_error;
        for (const auto& at : file.destinations) {
            entry["destinations"].push_back({{"outcome", ingest::toString(at.outcome)}, {"reason", at.reason}});
        }
        json["files"].push_back(std::move(entry));
    }
    for (const auto& skipped : report.skipped) {
        json["skipped"].push_back({{"path", skipped.relative.generic_string()}, {"reason", skipped.reason}});
    }
    return json;
}

void printSummary(const ingest::OffloadReport& report) {
    const double mib_s = report.copy_seconds > 0 ? static_cast<double>(report.bytes_read) / report.copy_seconds : 0;
    fmt::print("offload {} ({}): {} files, {} read in {:.1f} s ({}/s), verified in {:.1f} s, total {:.1f} s\n",
               report.source.string(), ingest::toString(report.hash), report.files.size(),
               humanBytes(static_cast<double>(report.bytes_read)), report.copy_seconds, humanBytes(mib_s),
               report.verify_seconds, report.total_seconds);
    for (const auto& destination : report.destinations) {
        if (!destination.error.empty()) {
            fmt::print("  {}: FAILED: {}\n", destination.root.string(), destination.error);
        } else {
            fmt::print("  {}: {} good, {} bad; manifest {}\n", destination.root.string(), destination.good,
                       destination.bad, destination.manifest.filename().string());
        }
    }
    if (!report.skipped.empty()) fmt::print("  skipped {} OS junk / non-file entries\n", report.skipped.size());
    // Every problem is named on its own line: a logger must be able to act on each one.
    for (const std::string& problem : report.problems()) fmt::print(stderr, "rushes offload: {}\n", problem);
}

}  // namespace

CommandRunner addOffloadCommand(CLI::App& app) {
    struct Options {
        std::filesystem::path source;
        std::vector<std::filesystem::path> destinations;
        std::string hash = "xxh64";
        bool no_ingest = false;
        std::string project = "Default";
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "offload", "Copy a card to one or more destinations at once, verify every copy, write ASC MHL, then ingest");
    cmd->add_option("SOURCE", options->source, "Camera card (folder) or a single file")->required();
    cmd->add_option("DEST", options->destinations, "Destination folders (the card lands in DEST/<card name>)")
        ->required();
    cmd->add_option("--hash", options->hash, "Hash for verification and the MHL manifest")
        ->check(CLI::IsMember({"xxh64", "xxh128", "md5", "sha1"}));
    cmd->add_flag("--no-ingest", options->no_ingest, "Do not add the verified copies to the catalog");
    cmd->add_option("--project", options->project, "Project the ingested copies belong to");
    cmd->add_flag("--json", options->json, "Print one JSON document instead of the summary");
    cmd->footer(
        "Exit status: 0 when every file is verified (or already present) at every destination; 1 otherwise, "
        "with every mismatch, conflict and failure named; 130 when interrupted (no partial file is left).");

    return [options](const CommandContext& context) {
        ingest::OffloadOptions offload_options;
        offload_options.hash = ingest::parseHashAlgorithm(options->hash).value_or(ingest::HashAlgorithm::Xxh64);
        offload_options.tool_version = RUSHES_VERSION;
        const bool interactive = !options->json && ::isatty(STDOUT_FILENO) == 1;
        const auto started = Clock::now();
        ingest::OffloadReport report;
        {
            ProgressLine line(interactive);
            report = ingest::offload(options->source, options->destinations, offload_options, context.stop,
                                     [&](const ingest::OffloadProgress& state) { line.show(offloadStatus(state, started)); });
        }
        nlohmann::json json = options->json ? toJson(report) : nlohmann::json();
        if (!options->json) printSummary(report);

        int code = report.ok() ? 0 : 1;
        const ingest::DestinationSummary& first = report.destinations.front();
        const std::vector<std::filesystem::path> copies = report.goodCopies(0);
        if (!options->no_ingest && first.error.empty() && !copies.empty()) {
            catalog::Database db(context.catalogPath());
            catalog::migrate(db);
            ingest::IngestOptions ingest_options;
            ingest_options.project = options->project;
            ingest::IngestReport ingested;
            {
                ProgressLine line(interactive);
                ingested = ingest::ingestPaths(db, copies, ingest_options, context.stop,
                                               [&](const ingest::IngestProgress& state) {
                                                   line.show(fmt::format("ingest [{}/{}] {}", state.files_done,
                                                                         state.files_found, state.current.string()));
                                               });
            }
            if (ingested.errors > 0) code = 1;
            if (options->json) {
                json["ingest"] = {{"project", options->project}, {"added", ingested.added},
                                  {"relinked", ingested.relinked}, {"updated", ingested.updated},
                                  {"unchanged", ingested.unchanged}, {"errors", ingested.errors},
                                  {"skipped", ingested.skipped}};
            } else {
                fmt::print("ingest into \"{}\": {} added, {} relinked, {} updated, {} unchanged, {} errors\n",
                           options->project, ingested.added, ingested.relinked, ingested.updated, ingested.unchanged,
                           ingested.errors);
            }
            for (const auto& failure : ingested.failures) {
                fmt::print(stderr, "rushes offload: ingest: {}: {} [{}]\n", failure.path.string(), failure.reason,
                           failure.kind);
            }
        } else if (!options->no_ingest && !options->json) {
            fmt::print("ingest skipped: no verified copies at {}\n", first.root.string());
        }
        if (options->json) std::cout << json.dump(2) << "\n";
        return code;
    };
}

}  // namespace rushes::cli
