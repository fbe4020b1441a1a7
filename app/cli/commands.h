// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace rushes::cli {

// What every command may use, built once by main(): the stop token (Ctrl-C)
// and where the catalog lives (--catalog, RUSHES_CATALOG or the XDG default).
struct CommandContext {
    std::stop_token stop;
    std::optional<std::filesystem::path> catalog_flag;
    [[nodiscard]] std::filesystem::path catalogPath() const;
};

// Each subcommand registers its options and returns the function that runs
// it; main() owns the context and the exit code.
using CommandRunner = std::function<int(const CommandContext&)>;

CommandRunner addProbeCommand(CLI::App& app);
CommandRunner addThumbnailsCommand(CLI::App& app);
CommandRunner addIngestCommand(CLI::App& app);
CommandRunner addOffloadCommand(CLI::App& app);
CommandRunner addAnalyzeCommand(CLI::App& app);

// Shared by `ingest` and `offload` (which ingests what it verified).
int runIngest(const CommandContext& context, const std::vector<std::filesystem::path>& paths,
              const std::string& project, int threads, bool json);
// Catalog commands (search_command.cpp, ls_command.cpp, edit_commands.cpp, segment_command.cpp).
CommandRunner addSearchCommand(CLI::App& app);
CommandRunner addLsCommand(CLI::App& app);
CommandRunner addTagCommand(CLI::App& app);
CommandRunner addRateCommand(CLI::App& app);
CommandRunner addNoteCommand(CLI::App& app);
CommandRunner addSegmentCommand(CLI::App& app);
CommandRunner addReelCommand(CLI::App& app);  // reel_command.cpp

// `rushes export` (export_command.cpp) holds one subcommand per kind of export; each adder registers its
// subcommand under the parent and returns it with its runner.
struct ExportSubcommand {
    CLI::App* command;
    CommandRunner run;
};
CommandRunner addExportCommand(CLI::App& app);
ExportSubcommand addExportListCommand(CLI::App& export_command);  // export_list_command.cpp
ExportSubcommand addExportClipCommand(CLI::App& export_command);     // export_clip_command.cpp
ExportSubcommand addExportSegmentCommand(CLI::App& export_command);  // export_clip_command.cpp

}  // namespace rushes::cli
