// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes`: the command-line tool and headless batch worker.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/interrupt.h"

extern "C" {
#include <libavutil/log.h>
}

int main(int argc, char** argv) {
    CLI::App app{"Rushes: find the moments worth showing in hours of footage.", "rushes"};
    app.set_version_flag("--version", std::string("rushes ") + RUSHES_VERSION);
    app.require_subcommand(1);
    bool verbose = false;
    app.add_flag("-v,--verbose", verbose, "Show FFmpeg's own warnings");

    std::vector<std::pair<CLI::App*, rushes::cli::CommandRunner>> commands;
    auto add = [&](auto adder) {
        const std::size_t before = app.get_subcommands({}).size();
        auto runner = adder(app);
        commands.emplace_back(app.get_subcommands({})[before], std::move(runner));
    };
    add(rushes::cli::addProbeCommand);
    add(rushes::cli::addThumbnailsCommand);

    CLI11_PARSE(app, argc, argv);
    av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_FATAL);

    rushes::cli::InterruptRelay interrupt;
    for (auto& [command, run] : commands) {
        if (command->parsed()) {
            const int code = run(interrupt.token());
            if (interrupt.interrupted()) {
                fmt::print(stderr, "rushes: interrupted\n");
                return 130;
            }
            return code;
        }
    }
    return 2;
}
