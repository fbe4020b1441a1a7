// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes search`: run a query (docs/search.md), save it as a smart collection, or run a saved one.
#include <fmt/core.h>

#include <iostream>

#include "catalog/saved_search_store.h"
#include "cli/catalog_session.h"

namespace rushes::cli {

CommandRunner addSearchCommand(CLI::App& app) {
    struct Options {
        std::vector<std::string> query;
        bool json = false;
        int limit = 100;
        int offset = 0;
        std::string order = "score";
        std::string project;
        std::string save;
        std::string saved;
        bool list_saved = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("search", "Find segments: tag:goal rating>=4 -foul \"penalty kick\" …");
    cmd->add_option("QUERY", options->query, "The query (quote it as one argument; see docs/search.md)");
    cmd->add_flag("--json", options->json, "Print a JSON array of segments");
    cmd->add_option("--limit", options->limit, "At most this many results (default 100; -1 for all)");
    cmd->add_option("--offset", options->offset, "Skip this many results first")->check(CLI::NonNegativeNumber);
    cmd->add_option("--order", options->order, "score (default), newest, asset or rating")
        ->check(CLI::IsMember({"score", "newest", "asset", "rating"}));
    cmd->add_option("--project", options->project, "Only this project (name or id)");
    cmd->add_option("--save", options->save, "Save QUERY under this name (a smart collection), then run it");
    cmd->add_option("--saved", options->saved, "Run the saved search of this name instead of QUERY");
    cmd->add_flag("--list-saved", options->list_saved, "List the saved searches");
    cmd->footer("Exit status: 0 on success (also with no results), 1 for a malformed query or catalog error.");

    return [options](const CommandContext& context) {
        auto db = openCatalog(context);
        std::string query_text;
        for (const auto& part : options->query) query_text += (query_text.empty() ? "" : " ") + part;

        catalog::SearchOptions search;
        search.limit = options->limit;
        search.offset = options->offset;
        search.order = *catalog::parseSearchOrder(options->order);
        if (const auto project = findProject(*db, options->project)) search.project_id = project->id;

        catalog::SavedSearchStore saved_searches(*db);
        if (options->list_saved) {
            const catalog::Project project = requireProject(*db, options->project);
            nlohmann::json all = nlohmann::json::array();
            for (const auto& saved : saved_searches.list(project.id)) {
                if (options->json) all.push_back({{"id", saved.id}, {"name", saved.name}, {"query", saved.query}});
                else fmt::print("{}\t{}\n", saved.name, saved.query);
            }
            if (options->json) std::cout << all.dump(2) << "\n";
            return 0;
        }
        if (!options->save.empty() && !options->saved.empty()) {
            throw Error(ErrorKind::InvalidArgument, "search", "--save and --saved cannot be combined");
        }
        if (!options->save.empty()) {
            const catalog::Project project = requireProject(*db, options->project);
            const auto existing = saved_searches.findByName(project.id, options->save);
            if (existing) saved_searches.updateQuery(existing->id, query_text);
            else (void)saved_searches.create(project.id, options->save, query_text);
            fmt::print(stderr, "rushes search: {} saved search \"{}\"\n", existing ? "updated" : "created", options->save);
            search.project_id = project.id;
        } else if (!options->saved.empty()) {
            if (!query_text.empty()) throw Error(ErrorKind::InvalidArgument, "search", "give either QUERY or --saved, not both");
            const catalog::Project project = requireProject(*db, options->project);
            const auto saved = saved_searches.findByName(project.id, options->saved);
            if (!saved) throw Error(ErrorKind::NotFound, "saved search " + options->saved, "project " + project.name + " has none by this name");
            query_text = saved->query;
            search.project_id = project.id;
        }

        const auto rows = catalog::searchSegments(*db, query_text, search);
        SegmentPrinter(*db).print(rows, options->json);
        return 0;
    };
}

}  // namespace rushes::cli
