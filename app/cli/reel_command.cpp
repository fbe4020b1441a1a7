// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes reel create|add|ls`: reels of selected segments, for scripts (the GUI's reel builder does more).
#include <fmt/core.h>

#include <iostream>

#include "catalog/project_store.h"
#include "catalog/reel_store.h"
#include "catalog/segment_store.h"
#include "cli/catalog_session.h"
#include "cli/reel_lookup.h"

namespace rushes::cli {

namespace {
nlohmann::json reelJson(const catalog::Reel& reel, size_t items) {
    return {{"id", reel.id}, {"name", reel.name}, {"project_id", reel.project_id}, {"items", items}};
}

// The reel with its items in order: each item's id, its trims and its segment as `segment ls` shows it.
void printReel(catalog::Database& db, const catalog::Reel& reel, bool json) {
    catalog::ReelStore reels(db);
    catalog::SegmentStore segments(db);
    SegmentPrinter printer(db);
    const auto items = reels.items(reel.id);
    if (json) {
        nlohmann::json out = reelJson(reel, items.size());
        out["items"] = nlohmann::json::array();
        for (const auto& item : items) {
            out["items"].push_back(
                {{"item_id", item.id},
                 {"position", item.position},
                 {"trim_in_ticks", item.trim_in_ticks ? nlohmann::json(*item.trim_in_ticks) : nlohmann::json()},
                 {"trim_out_ticks", item.trim_out_ticks ? nlohmann::json(*item.trim_out_ticks) : nlohmann::json()},
                 {"segment", printer.toJson(printer.describe(*segments.find(item.segment_id)))}});
        }
        std::cout << out.dump(2) << "\n";
        return;
    }
    fmt::print("{}  {}  ({} item{})\n", reel.id, reel.name, items.size(), items.size() == 1 ? "" : "s");
    std::vector<catalog::SearchResult> rows;
    for (const auto& item : items) rows.push_back(printer.describe(*segments.find(item.segment_id)));
    fmt::print("{}", printer.table(rows));
}
}  // namespace

CommandRunner addReelCommand(CLI::App& app) {
    struct Options {
        std::string reel;
        std::string name;
        std::vector<std::string> segments;
        std::string project;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("reel", "Create reels of segments, add to them and list them");
    cmd->require_subcommand(1);
    CLI::App* create = cmd->add_subcommand("create", "Create an empty reel");
    create->add_option("NAME", options->name, "Reel name, unique in its project")->required();
    create->add_flag("--json", options->json, "Print the new reel as JSON");
    create->add_option("--project", options->project, "The project (name or id); needed when there are several");
    CLI::App* add = cmd->add_subcommand("add", "Append segments to a reel, in the order given");
    add->add_option("REEL", options->reel, "Reel name or id")->required();
    add->add_option("SEGMENT", options->segments, "Segment ids or unique prefixes (8+ characters)")->required();
    add->add_flag("--json", options->json, "Print the reel as JSON afterwards");
    add->add_option("--project", options->project, "The reel's project (name or id), when reel names repeat");
    CLI::App* ls = cmd->add_subcommand("ls", "List the reels, or one reel's items in order");
    ls->add_option("REEL", options->reel, "Reel name or id");
    ls->add_flag("--json", options->json, "Print JSON");
    ls->add_option("--project", options->project, "Only this project (name or id)");

    return [options, create, add](const CommandContext& context) {
        auto db = openCatalog(context);
        catalog::ReelStore reels(*db);
        if (create->parsed()) {
            const catalog::Project project = requireProject(*db, options->project);
            const catalog::Reel reel = reels.create(project.id, options->name);
            if (options->json)
                std::cout << reelJson(reel, 0).dump(2) << "\n";
            else
                fmt::print("{}  {}\n", reel.id, reel.name);
            return 0;
        }
        if (add->parsed()) {
            const catalog::Reel reel = resolveReel(*db, options->reel, options->project);
            std::vector<std::string> ids;
            for (const auto& text : options->segments) ids.push_back(resolveSegment(*db, text).id);
            (void)reels.addSegments(reel.id, ids);
            printReel(*db, reel, options->json);
            return 0;
        }
        if (!options->reel.empty()) {
            printReel(*db, resolveReel(*db, options->reel, options->project), options->json);
            return 0;
        }
        std::vector<catalog::Project> projects;
        if (auto project = findProject(*db, options->project))
            projects.push_back(*project);
        else
            projects = catalog::ProjectStore(*db).list();
        nlohmann::json all = nlohmann::json::array();
        for (const auto& project : projects) {
            for (const auto& reel : reels.list(project.id)) {
                const size_t count = reels.items(reel.id).size();
                if (options->json)
                    all.push_back(reelJson(reel, count));
                else
                    fmt::print("{}  {}  {} item{}  ({})\n", reel.id, reel.name, count, count == 1 ? "" : "s",
                               project.name);
            }
        }
        if (options->json) std::cout << all.dump(2) << "\n";
        return 0;
    };
}

}  // namespace rushes::cli
