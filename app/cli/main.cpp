// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes`: the command-line tool and headless batch worker.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "base/error.h"
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
    rushes::cli::CommandContext context;
    app.add_option("--catalog", context.catalog_flag,
                   "Catalog database (default: $RUSHES_CATALOG, else ~/.local/share/rushes/catalog.db)");

    // Each adder registers exactly one subcommand; pair it with its runner.
    std::vector<std::pair<CLI::App*, rushes::cli::CommandRunner>> commands;
    for (auto adder : {rushes::cli::addProbeCommand, rushes::cli::addThumbnailsCommand, rushes::cli::addOffloadCommand,
                       rushes::cli::addIngestCommand, rushes::cli::addLsCommand, rushes::cli::addSearchCommand,
                       rushes::cli::addTagCommand, rushes::cli::addRateCommand, rushes::cli::addNoteCommand,
                       rushes::cli::addSegmentCommand, rushes::cli::addAnalyzeCommand, rushes::cli::addExportCommand}) {
        auto runner = adder(app);
        commands.emplace_back(app.get_subcommands({}).back(), std::move(runner));
    }

    CLI11_PARSE(app, argc, argv);
    av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_FATAL);

    rushes::cli::InterruptRelay interrupt;
    context.stop = interrupt.token();
    for (auto& [command, run] : commands) {
        if (command->parsed()) {
            int code = 1;
            try {
                code = run(context);
            } catch (const rushes::Error& error) {
                fmt::print(stderr, "rushes: {} [{}]\n", error.what(), rushes::toString(error.kind()));
                code = error.kind() == rushes::ErrorKind::Cancelled ? 130 : 1;
            } catch (const std::exception& error) {
                fmt::print(stderr, "rushes: {}\n", error.what());
            }
            if (interrupt.interrupted()) {
                fmt::print(stderr, "rushes: interrupted\n");
                return 130;
            }
            return code;
        }
    }
    return 2;
}
