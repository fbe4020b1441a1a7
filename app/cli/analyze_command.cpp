// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes analyze FILE...|--all`: one decode pass per file, several files at once, results into the catalog.
#include <fmt/core.h>

#include <fstream>
#include <iostream>

#include "analysis/analysis_batch.h"
#include "analysis/analysis_json.h"
#include "analysis/analysis_targets.h"
#include "base/error.h"
#include "cli/catalog_session.h"
#include "cli/commands.h"
#include "cli/progress_line.h"

namespace rushes::cli {

namespace {

struct AnalyzeOptions {
    std::vector<std::filesystem::path> files;
    bool all = false;
    bool force = false;
    int jobs = 2;
    std::filesystem::path json_out;
    std::string highlights = "auto";
};

// Files named on the command line: stored when the catalog knows them, printed either way.
std::vector<analysis::AnalysisTarget> targetsForFiles(catalog::Database* db,
                                                      const std::vector<std::filesystem::path>& files) {
    std::vector<analysis::AnalysisTarget> targets;
    for (const auto& file : files) {
        analysis::AnalysisTarget target{file, {}};
        std::error_code ec;
        const auto canonical = std::filesystem::canonical(file, ec);
        if (db && !ec) {
            try {
                target.asset_id = resolveAsset(*db, canonical.string()).id;
            } catch (const Error& error) {
                if (error.kind() != ErrorKind::NotFound) throw;
            }
        }
        if (db && target.asset_id.empty()) {
            fmt::print(stderr, "rushes analyze: {} is not in the catalog; results are not stored (rushes ingest it first)\n",
                       file.string());
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

void writeJson(const std::filesystem::path& out, const nlohmann::json& document) {
    if (out == "-") {
        std::cout << document.dump(2) << "\n";
        return;
    }
    // Written beside the target and renamed, so a reader never sees half a document.
    const std::filesystem::path partial = out.string() + ".partial";
    {
        std::ofstream stream(partial);
        stream << document.dump(2) << "\n";
        if (!stream.flush()) throw Error(ErrorKind::Io, partial.string(), "cannot write the JSON result");
    }
    std::filesystem::rename(partial, out);
}

std::string summary(const analysis::FileAnalysis& result) {
    const analysis::VideoAnalysis& video = result.video;
    std::string audio = ", no sound";
    if (result.audio) {
        const auto& loudness = result.audio->loudness;
        audio = fmt::format(", {} silent, {} clipped, {}", result.audio->silences.size(), result.audio->clipping.size(),
                            loudness.integrated_lufs ? fmt::format("{:.1f} LUFS", *loudness.integrated_lufs)
                                                     : std::string("no loudness"));
    }
    return fmt::format("{} frames, {} cuts, {} gradual transitions, {} flashes ignored, {} black, {} frozen{}, {} highlights, {} interviews{}",
                       video.frames, video.cuts.size(), video.transitions.size(), video.flashes.size(), video.black.size(), video.freezes.size(), audio,
                       result.highlights.size(), result.interviews.size(),
                       video.partial ? fmt::format(" (partial: damaged stream{}, {} damaged packets, {} damaged frames)",
                                                   video.stopped_early ? ", stopped early" : "", video.damaged_packets,
                                                   video.damaged_frames)
                                     : "");
}

}  // namespace

CommandRunner addAnalyzeCommand(CLI::App& app) {
    auto options = std::make_shared<AnalyzeOptions>();
    CLI::App* cmd = app.add_subcommand("analyze", "Find shots, QC problems, loudness and highlights (one decode pass per file)");
    cmd->add_option("FILE", options->files, "Video files (stored in the catalog when it knows them)");
    cmd->add_flag("--all", options->all, "Every catalogued asset not yet analysed by these detector versions");
    cmd->add_flag("--force", options->force, "With --all: analyse every asset again");
    cmd->add_option("--jobs,-j", options->jobs, "Files analysed at once")->check(CLI::Range(1, 64));
    cmd->add_option("--json", options->json_out, "Write the results as JSON to this file ('-' for stdout)");
    cmd->add_option("--highlights", options->highlights,
                    "auto (every peak over the threshold), top:K (the K best) or budget:SECONDS (best until filled)");
    return [options](const CommandContext& context) {
        if (options->all == !options->files.empty()) {
            throw Error(ErrorKind::InvalidArgument, "analyze", "give files or --all, not both and not neither");
        }
        std::unique_ptr<catalog::Database> db;
        if (options->all || std::filesystem::exists(context.catalogPath())) db = openCatalog(context);
        const std::vector<analysis::AnalysisTarget> targets =
            options->all ? analysis::pendingTargets(*db, options->force) : targetsForFiles(db.get(), options->files);
        if (targets.empty()) {
            fmt::print(stderr, "rushes analyze: nothing to analyse\n");
            return 0;
        }

        analysis::BatchOptions batch;
        batch.jobs = options->jobs;
        batch.analysis.highlights = analysis::parseHighlightSelection(options->highlights);
        ProgressLine line;
        nlohmann::json all = nlohmann::json::array();
        const analysis::BatchReport report = analysis::analyzeBatch(
            db.get(), targets, batch, context.stop,
            [&](const analysis::BatchProgress& p) {
                line.update(static_cast<std::int64_t>(p.files_done), static_cast<std::int64_t>(p.files_total),
                            static_cast<std::int64_t>(p.fraction * 1000), 1000, p.current.filename().string());
            },
            [&](const analysis::AnalysisOutcome& outcome) {
                line.finish();
                if (outcome.analysis) {
                    all.push_back(analysis::toJson(*outcome.analysis));
                    fmt::print(stderr, "{}: {}{}\n", outcome.target.path.string(), summary(*outcome.analysis),
                               outcome.run_id ? fmt::format(" → run {}", *outcome.run_id) : "");
                } else if (outcome.error && outcome.error->kind() != ErrorKind::Cancelled) {
                    fmt::print(stderr, "rushes analyze: {} [{}]\n", outcome.error->what(),
                               toString(outcome.error->kind()));
                }
            });
        line.finish();
        if (report.cancelled) return 130;
        // One file gives one object, as other tools expect; several give an array.
        if (!options->json_out.empty()) writeJson(options->json_out, all.size() == 1 ? all.front() : all);
        return report.failed == 0 ? 0 : 1;
    };
}

}  // namespace rushes::cli
