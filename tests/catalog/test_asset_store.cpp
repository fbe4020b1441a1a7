// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

TEST_CASE("an inserted asset reads back field for field", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    const auto found = assets.find(catalog.asset.id);
    REQUIRE(found.has_value());
    CHECK(found->rel_path == "DCIM/100CANON/MVI_0001.MP4");
    CHECK(found->size_bytes == 123456789);
    CHECK(found->mtime_ns == 1'700'000'000'123'456'789);
    CHECK(found->content_hash == catalog.asset.content_hash);
    CHECK(found->probe_json == catalog.asset.probe_json);
    CHECK(found->status == AssetStatus::Ok);
    REQUIRE(found->duration.has_value());
    CHECK(found->duration->ticks == 900900);
    CHECK(found->duration->time_base == Rational{1, 90000});
    CHECK(found->updated_hlc == catalog.asset.updated_hlc);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("assets are found by content hash, fingerprint and path", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    auto copy = test::sampleAsset(catalog.project.id, catalog.volume.id, "backup/MVI_0001.MP4");
    const Asset second = assets.insert(copy);
    REQUIRE_CONSISTENT(catalog.db);

    const auto by_hash = assets.findByHash("0123456789abcdef0123456789abcdef");
    REQUIRE(by_hash.size() == 2);
    CHECK(by_hash[0].id == catalog.asset.id);  // oldest first
    CHECK(assets.findByFingerprint(*copy.fingerprint).size() == 2);
    CHECK(assets.findByHash("ffffffffffffffffffffffffffffffff").empty());
    const auto by_path = assets.findByPath(catalog.project.id, catalog.volume.id, "backup/MVI_0001.MP4");
    REQUIRE(by_path.has_value());
    CHECK(by_path->id == second.id);
    CHECK_FALSE(assets.findByPath(catalog.project.id, catalog.volume.id, "backup/other.MP4").has_value());
}

TEST_CASE("an asset update rewrites its mutable fields and a missing file keeps its asset", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    Asset changed = catalog.asset;
    changed.status = AssetStatus::Error;
    changed.error_reason = "truncated: moov atom missing";
    changed.duration.reset();
    assets.update(changed);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(assets.find(changed.id)->error_reason == "truncated: moov atom missing");
    CHECK_FALSE(assets.find(changed.id)->duration.has_value());

    const Asset other = assets.insert(test::sampleAsset(catalog.project.id, catalog.volume.id, "b.mov"));
    assets.markMissing(other.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(assets.list(catalog.project.id).size() == 2);
    const auto missing = assets.list(catalog.project.id, AssetStatus::Missing);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].id == other.id);
    CHECK(assets.list(catalog.project.id, AssetStatus::Error).size() == 1);
    CHECK(assets.list(catalog.project.id, AssetStatus::Ok).empty());
}

TEST_CASE("an asset path must be clean, relative and unused in its project", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    for (const char* bad : {"/etc/passwd", "../outside.mov", "a/../b.mov", "a//b.mov", "a\\b.mov", "", "./a.mov"}) {
        INFO(bad);
        try {
            (void)assets.insert(test::sampleAsset(catalog.project.id, catalog.volume.id, bad));
            FAIL("path accepted");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::InvalidArgument);
        }
    }
    try {
        (void)assets.insert(test::sampleAsset(catalog.project.id, catalog.volume.id, catalog.asset.rel_path));
        FAIL("duplicate path accepted");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Conflict);
    }
    auto bad_hash = test::sampleAsset(catalog.project.id, catalog.volume.id, "c.mov");
    bad_hash.content_hash = "XYZ";
    CHECK_THROWS_AS(assets.insert(bad_hash), Error);
    auto error_without_reason = test::sampleAsset(catalog.project.id, catalog.volume.id, "d.mov");
    error_without_reason.status = AssetStatus::Error;
    CHECK_THROWS_AS(assets.insert(error_without_reason), Error);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(assets.list(catalog.project.id).size() == 1);
}

TEST_CASE("removing an asset tombstones it with its segments and their tags in one go", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    SegmentStore segments(catalog.db);
    Segment segment;
    segment.asset_id = catalog.asset.id;
    segment.out_ticks = 50;
    segment.time_base = Rational{1, 25};
    const Segment stored = segments.add(segment);
    TagStore(catalog.db).tagSegment(stored.id, "goal");
    assets.remove(catalog.asset.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(assets.list(catalog.project.id).empty());
    CHECK(assets.find(catalog.asset.id)->deleted);
    CHECK(segments.find(stored.id)->deleted);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment_tag WHERE present = 1") == 0);
    // The path is free again for a re-import.
    (void)assets.insert(test::sampleAsset(catalog.project.id, catalog.volume.id, catalog.asset.rel_path));
    REQUIRE_CONSISTENT(catalog.db);
}
