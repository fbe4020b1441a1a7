// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/core.h>

#include <fstream>
#include <iostream>

#include "analysis/analysis_json.h"
#include "base/error.h"
#include "cli/commands.h"
#include "cli/progress_line.h"

namespace rushes::cli {

CommandRunner addAnalyzeCommand(CLI::App& app) {
    struct Options {
        std::vector<std::filesystem::path> files;
        std::filesystem::path json_out;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("analyze", "Find shots, cuts, flashes, black and frozen picture (one decode pass)");
    cmd->add_option("FILE", options->files, "Video files")->required();
    cmd->add_option("--json", options->json_out, "Write the results as JSON to this file ('-' for stdout)");
    return [options](const CommandContext& context) {
        nlohmann::json all = nlohmann::json::array();
        int failures = 0;
        for (const auto& file : options->files) {
            try {
                ProgressLine line;
                const analysis::VideoAnalysis video = analysis::analyzeVideo(
                    file, {}, context.stop, [&](double f) { line.update(0, 1, static_cast<std::int64_t>(f * 1000), 1000, file.filename().string()); });
                line.finish();
                all.push_back(analysis::toJson(file, video));
                fmt::print(stderr, "{}: {} frames, {} cuts, {} flashes ignored, {} black, {} frozen{}\n", file.string(),
                           video.frames, video.cuts.size(), video.flashes.size(), video.black.size(),
                           video.freezes.size(), video.partial ? " (partial: damaged stream)" : "");
            } catch (const Error& error) {
                if (error.kind() == ErrorKind::Cancelled) return 130;
                ++failures;
                fmt::print(stderr, "rushes analyze: {} [{}]\n", error.what(), toString(error.kind()));
            }
        }
        // One file gives one object, as other tools expect; several give an array.
        const nlohmann::json document = all.size() == 1 ? all.front() : all;
        if (options->json_out == "-") {
            std::cout << document.dump(2) << "\n";
        } else if (!options->json_out.empty()) {
            const std::filesystem::path partial = options->json_out.string() + ".partial";
            std::ofstream(partial) << document.dump(2) << "\n";
            std::filesystem::rename(partial, options->json_out);
        }
        return failures == 0 ? 0 : 1;
    };
}

}  // namespace rushes::cli
