// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/core.h>

#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "cli/probe_table.h"
#include "media/probe_json.h"

namespace rushes::cli {

CommandRunner addProbeCommand(CLI::App& app) {
    struct Options {
        std::vector<std::filesystem::path> files;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("probe", "Show container, streams, timecode and metadata of media files");
    cmd->add_option("FILE", options->files, "Media files to probe")->required();
    cmd->add_flag("--json", options->json, "Print one JSON document (an array, one object per file)");
    cmd->footer("Exit status: 0 when every file was read, 1 when any failed (each failure is reported).");

    return [options](const CommandContext& context) {
        const std::stop_token& stop = context.stop;
        nlohmann::json all = nlohmann::json::array();
        int failures = 0;
        for (const auto& file : options->files) {
            try {
                const media::ProbeResult result = media::probe(file, stop);
                if (options->json) {
                    all.push_back(media::toJson(result));
                } else {
                    fmt::print("{}", formatProbeTable(result));
                }
            } catch (const Error& error) {
                if (error.kind() == ErrorKind::Cancelled) return 130;
                ++failures;
                fmt::print(stderr, "rushes probe: {} [{}]\n", error.what(), toString(error.kind()));
                if (options->json) {
                    all.push_back({{"file", file.string()},
                                   {"error", {{"kind", toString(error.kind())}, {"reason", error.reason()}}}});
                }
            }
        }
        if (options->json) std::cout << all.dump(2) << "\n";
        return failures == 0 ? 0 : 1;
    };
}

}  // namespace rushes::cli
