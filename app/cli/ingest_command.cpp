// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/database.h"
#include "catalog/migrations.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "ingest/ingest.h"

namespace rushes::cli {

nlohmann::json toJson(const ingest::IngestReport& report) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& failure : report.failures) {
        failures.push_back({{"file", failure.path.string()}, {"kind", failure.kind}, {"reason", failure.reason}});
    }
    return {{"added", report.added},       {"relinked", report.relinked},   {"updated", report.updated},
            {"unchanged", report.unchanged}, {"missing", report.missing},   {"errors", report.errors},
            {"skipped", report.skipped},   {"duplicates", report.duplicates}, {"cancelled", report.cancelled},
            {"failures", failures}};
}

int runIngest(const CommandContext& context, const std::vector<std::filesystem::path>& paths,
              const std::string& project, int threads, bool json) {
    catalog::Database db(context.catalogPath());
    catalog::migrate(db);
    ProgressLine line;
    const ingest::IngestReport report = ingest::ingestPaths(
        db, paths, {project, threads}, context.stop, [&](const ingest::IngestProgress& p) {
            line.update(p.files_done, p.files_found, p.bytes_done, p.bytes_total, p.current.filename().string());
        });
    line.finish();
    if (json) {
        std::cout << toJson(report).dump(2) << "\n";
    } else {
        fmt::print("{} added, {} relinked, {} updated, {} unchanged, {} missing, {} duplicates, {} errors, {} skipped\n",
                   report.added, report.relinked, report.updated, report.unchanged, report.missing,
                   report.duplicates, report.errors, report.skipped);
    }
    for (const auto& failure : report.failures) {
        fmt::print(stderr, "rushes ingest: {}: {} [{}]\n", failure.path.string(), failure.reason, failure.kind);
    }
    if (report.cancelled) return 130;
    return report.errors == 0 ? 0 : 1;
}

CommandRunner addIngestCommand(CLI::App& app) {
    struct Options {
        std::vector<std::filesystem::path> paths;
        std::string project = "Default";
        int threads = 0;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("ingest", "Scan folders and files into the catalog (probe, hash, dedup)");
    cmd->add_option("PATH", options->paths, "Files or folders, scanned recursively")->required();
    cmd->add_option("-p,--project", options->project, "Project to ingest into (created if missing)");
    cmd->add_option("-j,--jobs", options->threads, "Probe/hash workers (0: one per core)")->check(CLI::Range(0, 64));
    cmd->add_flag("--json", options->json, "Print the report as JSON");
    cmd->footer("Exit status: 0 when every media file was read, 1 when some failed (listed), 130 when interrupted.");
    return [options](const CommandContext& context) {
        return runIngest(context, options->paths, options->project, options->threads, options->json);
    };
}

}  // namespace rushes::cli
