// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes segment add|ls`: an editor's own time ranges on an asset, in frames, seconds or timecode.
#include <fmt/core.h>

#include <iostream>

#include "catalog/segment_store.h"
#include "cli/catalog_session.h"

namespace rushes::cli {

CommandRunner addSegmentCommand(CLI::App& app) {
    struct Options {
        std::string asset;
        std::string in;
        std::string out;
        std::string kind = "manual";
        std::string note;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("segment", "Add or list the segments of an asset");
    cmd->require_subcommand(1);
    CLI::App* add = cmd->add_subcommand("add", "Add a segment: --in/--out as frames (120), seconds (4.8s) or timecode");
    add->add_option("ASSET", options->asset, "Asset id, absolute path or a unique path ending")->required();
    add->add_option("--in", options->in, "In point (inclusive)")->required();
    add->add_option("--out", options->out, "Out point (exclusive)")->required();
    add->add_option("--kind", options->kind, "shot, highlight, interview, qc or manual (default)")
        ->check(CLI::IsMember({"shot", "highlight", "interview", "qc", "manual"}));
    add->add_option("--note", options->note, "A note");
    add->add_flag("--json", options->json, "Print the new segment as JSON");
    CLI::App* ls = cmd->add_subcommand("ls", "List the live segments of an asset, by in point");
    ls->add_option("ASSET", options->asset, "Asset id, absolute path or a unique path ending")->required();
    ls->add_flag("--json", options->json, "Print a JSON array");

    return [options, add](const CommandContext& context) {
        auto db = openCatalog(context);
        const catalog::Asset asset = resolveAsset(*db, options->asset);
        catalog::SegmentStore segments(*db);
        SegmentPrinter printer(*db);
        if (add->parsed()) {
            const AssetClock clock = assetClock(asset);
            catalog::Segment segment;
            segment.asset_id = asset.id;
            segment.kind = *catalog::parseSegmentKind(options->kind);
            segment.time_base = clock.time_base;
            segment.in_ticks = parseTimeInput(options->in, clock);
            segment.out_ticks = parseTimeInput(options->out, clock);
            if (!options->note.empty()) segment.note = options->note;
            printer.print(printer.describe(segments.add(segment)), options->json);
            return 0;
        }
        std::vector<catalog::SearchResult> rows;
        for (const auto& segment : segments.listForAsset(asset.id)) rows.push_back(printer.describe(segment));
        printer.print(rows, options->json);
        return 0;
    };
}

}  // namespace rushes::cli
