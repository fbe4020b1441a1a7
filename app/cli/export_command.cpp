// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes export`: everything that leaves the catalog as a file. Each kind of export is its own subcommand,
// registered here and implemented in its own file (export_clip_command.cpp: clips and catalog segments;
// export_list_command.cpp: interchange lists).
#include "cli/commands.h"

namespace rushes::cli {

CommandRunner addExportCommand(CLI::App& app) {
    CLI::App* cmd =
        app.add_subcommand("export", "Export clips, reels and edit lists (EDL, FCP XML, FCPXML, OTIO, CSV)");
    cmd->require_subcommand(1);
    std::vector<ExportSubcommand> subcommands = {addExportClipCommand(*cmd), addExportSegmentCommand(*cmd),
                                                addExportListCommand(*cmd)};
    return [subcommands](const CommandContext& context) {
        for (const auto& subcommand : subcommands) {
            if (subcommand.command->parsed()) return subcommand.run(context);
        }
        return 2;
    };
}

}  // namespace rushes::cli
