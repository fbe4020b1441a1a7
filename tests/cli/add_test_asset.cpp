// SPDX-License-Identifier: GPL-3.0-or-later
// Test-only: records one media file as an asset (project "Default", its folder as the volume), so CLI tests
// can tag, rate and search before `rushes ingest` exists. Prints the asset id.
#include <cstdio>
#include <filesystem>

#include "catalog/asset_store.h"
#include "catalog/migrations.h"
#include "catalog/project_store.h"
#include "media/probe.h"
#include "media/probe_json.h"

using namespace rushes;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: add_test_asset CATALOG FILE\n");
        return 2;
    }
    try {
        const std::filesystem::path file = std::filesystem::absolute(argv[2]);
        catalog::Database db(argv[1]);
        catalog::migrate(db);
        catalog::ProjectStore projects(db);
        const auto existing = projects.list();
        const catalog::Project project = existing.empty() ? projects.create("Default") : existing.front();
        catalog::Volume volume;
        volume.label = "fixtures";
        volume.last_mount_path = file.parent_path().string();
        volume = catalog::VolumeStore(db).create(volume);

        const media::ProbeResult probe = media::probe(file);
        catalog::Asset asset;
        asset.project_id = project.id;
        asset.volume_id = volume.id;
        asset.rel_path = file.filename().string();
        asset.size_bytes = int64_t(std::filesystem::file_size(file));
        asset.mtime_ns = 0;
        asset.probe_json = media::toJson(probe).dump();
        if (probe.duration_us) asset.duration = catalog::TickDuration{*probe.duration_us, Rational{1, 1000000}};
        std::printf("%s\n", catalog::AssetStore(db).insert(asset).id.c_str());
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "add_test_asset: %s\n", error.what());
        return 1;
    }
}
