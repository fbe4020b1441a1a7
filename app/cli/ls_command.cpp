// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes ls`: the assets of the catalog with their status, for scripts and a quick look.
#include <fmt/core.h>

#include <iostream>

#include "catalog/asset_store.h"
#include "catalog/project_store.h"
#include "cli/catalog_session.h"

namespace rushes::cli {

CommandRunner addLsCommand(CLI::App& app) {
    struct Options {
        bool json = false;
        std::string status;
        std::string project;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("ls", "List catalogued assets with their status (ok, error, missing)");
    cmd->add_flag("--json", options->json, "Print a JSON array of assets");
    cmd->add_option("--status", options->status, "Only assets with this status")
        ->check(CLI::IsMember({"ok", "error", "missing"}));
    cmd->add_option("--project", options->project, "Only this project (name or id)");

    return [options](const CommandContext& context) {
        auto db = openCatalog(context);
        std::vector<catalog::Project> projects;
        if (auto project = findProject(*db, options->project)) projects.push_back(*project);
        else projects = catalog::ProjectStore(*db).list();
        const auto status = catalog::parseAssetStatus(options->status);

        nlohmann::json all = nlohmann::json::array();
        catalog::AssetStore assets(*db);
        for (const auto& project : projects) {
            for (const auto& asset : assets.list(project.id, status)) {
                std::optional<double> seconds;
                if (asset.duration) {
                    seconds = double(rescale(asset.duration->ticks, asset.duration->time_base, Rational{1, 1000},
                                             Rounding::Nearest)) / 1000.0;
                }
                if (options->json) {
                    all.push_back({{"id", asset.id},
                                   {"project", project.name},
                                   {"path", asset.rel_path},
                                   {"volume_id", asset.volume_id},
                                   {"status", catalog::toString(asset.status)},
                                   {"error_reason", asset.error_reason ? nlohmann::json(*asset.error_reason) : nlohmann::json()},
                                   {"size_bytes", asset.size_bytes},
                                   {"duration_seconds", seconds ? nlohmann::json(*seconds) : nlohmann::json()}});
                } else {
                    fmt::print("{:<8} {:>10} {}  {}{}\n", catalog::toString(asset.status),
                               seconds ? fmt::format("{:.3f}s", *seconds) : "-", asset.id, asset.rel_path,
                               asset.error_reason ? "  (" + *asset.error_reason + ")" : "");
                }
            }
        }
        if (options->json) std::cout << all.dump(2) << "\n";
        return 0;
    };
}

}  // namespace rushes::cli
