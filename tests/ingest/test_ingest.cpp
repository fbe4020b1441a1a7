// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "catalog/asset_store.h"
#include "catalog/consistency.h"
#include "catalog/migrations.h"
#include "catalog/project_store.h"
#include "catalog_test_support.h"
#include "ingest/ingest.h"
#include "ingest/ingest_test_support.h"
#include "support/fixtures.h"

using namespace rushes;
namespace fs = std::filesystem;

namespace {

void requireConsistent(catalog::Database& db) {
    const auto violations = catalog::checkConsistency(db);
    INFO(catalog::describe(violations));
    REQUIRE(violations.empty());
}

std::size_t goodFixtureCount() {
    std::size_t count = 0;
    for (const auto& truth : test::allTruths()) count += truth.value("expect_error", nlohmann::json()).is_null();
    return count;
}

}  // namespace

TEST_CASE("ingest records every media file, reports broken ones and skips sidecars", "[ingest]") {
    test::TempCatalog catalog;
    const fs::path card = catalog.dir.path() / "card";
    test::makeCard(card);
    const ingest::IngestReport report = ingest::ingestPaths(catalog.db, {card}, {});
    requireConsistent(catalog.db);
    CHECK(report.added == static_cast<int>(goodFixtureCount()));
    CHECK(report.errors == static_cast<int>(test::allTruths().size() - goodFixtureCount()));
    CHECK(report.skipped == 2);  // clip_notes.xml and .DS_Store
    for (const auto& failure : report.failures) {
        CHECK(failure.path.string().find(card.string()) == 0);
        CHECK_FALSE(failure.reason.empty());
    }
    // Broken clips are catalogued with their reason, so an editor sees them.
    catalog::AssetStore assets(catalog.db);
    const auto projects = catalog::ProjectStore(catalog.db).list();
    REQUIRE(projects.size() == 1);
    const auto broken = assets.list(projects.front().id, catalog::AssetStatus::Error);
    CHECK(broken.size() == static_cast<std::size_t>(report.errors));
    for (const auto& asset : broken) CHECK(asset.error_reason.has_value());
    for (const auto& asset : assets.list(projects.front().id, catalog::AssetStatus::Ok)) {
        CHECK(asset.content_hash->size() == 32);
        CHECK(asset.probe_json.has_value());
    }
}

TEST_CASE("a re-run reads nothing that did not change", "[ingest]") {
    test::TempCatalog catalog;
    const fs::path card = catalog.dir.path() / "card";
    test::makeCard(card);
    (void)ingest::ingestPaths(catalog.db, {card}, {});
    const auto before = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    const ingest::IngestReport again = ingest::ingestPaths(catalog.db, {card}, {});
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == static_cast<int>(test::allTruths().size()));
    // No row was written: nothing new to sync either.
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == before);
    requireConsistent(catalog.db);
}

TEST_CASE("the same footage at another path is not catalogued twice", "[ingest]") {
    test::TempCatalog catalog;
    const fs::path card = catalog.dir.path() / "card";
    test::makeCard(card, 2);
    const ingest::IngestReport report = ingest::ingestPaths(catalog.db, {card}, {});
    CHECK(report.added == static_cast<int>(goodFixtureCount()));
    CHECK(report.duplicates == static_cast<int>(goodFixtureCount()));
    requireConsistent(catalog.db);
}

TEST_CASE("moved files are relinked, deleted ones go missing and come back", "[ingest]") {
    test::TempCatalog catalog;
    const fs::path card = catalog.dir.path() / "card";
    test::makeCard(card);
    (void)ingest::ingestPaths(catalog.db, {card}, {});
    catalog::AssetStore assets(catalog.db);
    const fs::path clips = card / "DCIM_0" / "CLIPS";
    const auto project_id = catalog::ProjectStore(catalog.db).list().front().id;
    auto find = [&](const std::string& suffix) {
        for (const auto& asset : assets.list(project_id)) {
            if (asset.rel_path.size() >= suffix.size() &&
                asset.rel_path.compare(asset.rel_path.size() - suffix.size(), suffix.size(), suffix) == 0) {
                return asset;
            }
        }
        FAIL("no asset ending in " << suffix);
        return catalog::Asset{};
    };
    const catalog::Asset original = find("0_h264_longgop.mp4");

    SECTION("a rename keeps the asset, its id and everything tagged on it") {
        fs::create_directories(card / "renamed");
        fs::rename(clips / "0_h264_longgop.mp4", card / "renamed" / "goal_cam2.mp4");
        const ingest::IngestReport report = ingest::ingestPaths(catalog.db, {card}, {});
        CHECK(report.relinked == 1);
        CHECK(report.missing == 0);
        const catalog::Asset moved = find("renamed/goal_cam2.mp4");
        CHECK(moved.id == original.id);
        CHECK(moved.status == catalog::AssetStatus::Ok);
    }
    SECTION("a deleted file is missing until it is back") {
        const fs::path parked = catalog.dir.path() / "parked.mp4";
        fs::rename(clips / "0_h264_longgop.mp4", parked);
        CHECK(ingest::ingestPaths(catalog.db, {card}, {}).missing == 1);
        CHECK(find("0_h264_longgop.mp4").status == catalog::AssetStatus::Missing);
        requireConsistent(catalog.db);
        fs::rename(parked, clips / "0_h264_longgop.mp4");
        CHECK(ingest::ingestPaths(catalog.db, {card}, {}).relinked == 1);
        CHECK(find("0_h264_longgop.mp4").status == catalog::AssetStatus::Ok);
    }
    SECTION("changed content at the same path updates the asset") {
        fs::copy_file(test::fixturePath("hevc.mp4"), clips / "0_h264_longgop.mp4", fs::copy_options::overwrite_existing);
        const ingest::IngestReport report = ingest::ingestPaths(catalog.db, {card}, {});
        CHECK(report.updated == 1);
        CHECK(find("0_h264_longgop.mp4").content_hash != original.content_hash);
    }
    requireConsistent(catalog.db);
}

TEST_CASE("a stopped ingest returns at once and leaves a consistent catalog", "[ingest][cancel]") {
    test::TempCatalog catalog;
    const fs::path card = catalog.dir.path() / "card";
    test::makeCard(card);
    std::stop_source stop;
    int calls = 0;
    const ingest::IngestReport report = ingest::ingestPaths(catalog.db, {card}, {"Default", 1}, stop.get_token(),
                                                            [&](const ingest::IngestProgress& progress) {
                                                                if (++calls == 3) stop.request_stop();
                                                                CHECK(progress.files_done <= progress.files_found);
                                                            });
    CHECK(report.cancelled);
    CHECK(report.missing == 0);  // an incomplete pass proves nothing about missing files
    requireConsistent(catalog.db);
    // Finishing later gives the same result as one uninterrupted run.
    (void)ingest::ingestPaths(catalog.db, {card}, {});
    test::TempCatalog reference;
    (void)ingest::ingestPaths(reference.db, {card}, {});
    CHECK(test::assetFacts(catalog.db) == test::assetFacts(reference.db));
}
