// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"

#include <unistd.h>

#include <atomic>
#include <random>

#include "catalog/query/segment_search.h"

namespace rushes::test {

using namespace catalog;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("rushes-catalog-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;  // a failed clean-up must not turn into a failed (or aborted) test
    std::filesystem::remove_all(path_, ignored);
}

Asset sampleAsset(const std::string& project_id, const std::string& volume_id, const std::string& rel_path) {
    Asset asset;
    asset.project_id = project_id;
    asset.volume_id = volume_id;
    asset.rel_path = rel_path;
    asset.size_bytes = 123456789;
    asset.mtime_ns = 1'700'000'000'123'456'789;
    asset.content_hash = "0123456789abcdef0123456789abcdef";
    asset.fingerprint = "123456789-00112233aabbccdd-44556677eeff0011";
    asset.probe_json = R"({"streams":[{"codec":"h264"}]})";
    asset.duration = TickDuration{900900, Rational{1, 90000}};
    return asset;
}

SeededCatalog::SeededCatalog() {
    project = ProjectStore(db).create("Match day");
    Volume card;
    card.label = "CARD_A";
    card.fs_uuid = "4A3B-1C2D";
    card.last_mount_path = "/media/editor/CARD_A";
    volume = VolumeStore(db).create(card);
    asset = AssetStore(db).insert(sampleAsset(project.id, volume.id, "DCIM/100CANON/MVI_0001.MP4"));
}

int64_t countRows(Database& db, const std::string& sql) {
    return db.queryInt64(sql).value_or(-1);
}

namespace {
// Fixed ids and clocks so the survival check can look rows up by value.
constexpr const char* kSeedV1 = R"sql(
INSERT INTO project VALUES ('01900000-0000-7000-8000-000000000001', 'Seed project', 1700000000000,
  '018bcfe56800-0000-00000000000000aa', 0);
INSERT INTO volume VALUES ('01900000-0000-7000-8000-000000000002', 'SEED', '/media/seed', 'uuid-1', NULL,
  '018bcfe56800-0001-00000000000000aa', 0);
INSERT INTO asset VALUES ('01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000001',
  '01900000-0000-7000-8000-000000000002', 'clips/Goal celebration.mov', 1000, 5, NULL, NULL, '{}', 'ok', NULL,
  250, 1, 25, 1700000000000, '018bcfe56800-0002-00000000000000aa', 0);
INSERT INTO analysis_run VALUES ('01900000-0000-7000-8000-000000000004', '01900000-0000-7000-8000-000000000003',
  '{"cuts":"1"}', '{}', 1700000000000, 1700000001000, 'done', NULL, '018bcfe56800-0003-00000000000000aa', 0);
INSERT INTO shot VALUES ('01900000-0000-7000-8000-000000000005', '01900000-0000-7000-8000-000000000003',
  '01900000-0000-7000-8000-000000000004', 0, 100, 1, 25, 'cut', '018bcfe56800-0004-00000000000000aa', 0);
INSERT INTO segment VALUES ('01900000-0000-7000-8000-000000000006', '01900000-0000-7000-8000-000000000003',
  NULL, 'highlight', 100, 200, 1, 25, 0.9, 4, 'penalty save', 1700000000000,
  '018bcfe56800-0005-00000000000000aa', 0);
INSERT INTO tag VALUES ('01900000-0000-7000-8000-000000000007', '01900000-0000-7000-8000-000000000001',
  'Goal', 'goal', 1700000000000, '018bcfe56800-0006-00000000000000aa', 0);
INSERT INTO segment_tag VALUES ('01900000-0000-7000-8000-000000000006', '01900000-0000-7000-8000-000000000007',
  1, '018bcfe56800-0007-00000000000000aa');
INSERT INTO marker VALUES ('01900000-0000-7000-8000-000000000008', '01900000-0000-7000-8000-000000000003',
  120, 1, 25, 'whistle', NULL, '018bcfe56800-0008-00000000000000aa', 0);
INSERT INTO reel VALUES ('01900000-0000-7000-8000-000000000009', '01900000-0000-7000-8000-000000000001',
  'Selects', 1700000000000, '018bcfe56800-0009-00000000000000aa', 0);
INSERT INTO saved_search VALUES ('01900000-0000-7000-8000-00000000000b', '01900000-0000-7000-8000-000000000001',
  'Best', '{"rating_min":4}', '018bcfe56800-000b-00000000000000aa', 0);
INSERT INTO job(id, kind, payload_json, created_at_ms, updated_at_ms) VALUES
  ('01900000-0000-7000-8000-00000000000c', 'analyse', '{}', 1700000000000, 1700000000000);
)sql";
// Version 4 added analysis series: one per-second curve of the seeded run (two float32 samples).
constexpr const char* kSeedV4 = R"sql(
INSERT INTO analysis_series VALUES ('01900000-0000-7000-8000-000000000004', 'excitement', 1, 1, 2,
  X'0000803F00000040');
)sql";

// reel_item as versions 1-4 hold it, and as version 5 does (with its own in point for the reel).
constexpr const char* kSeedV1ReelItem = R"sql(
INSERT INTO reel_item VALUES ('01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-000000000009',
  '01900000-0000-7000-8000-000000000006', 'a0', '018bcfe56800-000a-00000000000000aa', 0);
)sql";
constexpr const char* kSeedV5ReelItem = R"sql(
INSERT INTO reel_item(id, reel_id, segment_id, position, trim_in_ticks, trim_out_ticks, updated_hlc, deleted)
  VALUES ('01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-000000000009',
  '01900000-0000-7000-8000-000000000006', 'a0', 110, NULL, '018bcfe56800-000a-00000000000000aa', 0);
)sql";
}  // namespace

void seedAtVersion(Database& db, int version) {
    // Versions 2 and 3 only added indexes: the version 1 rows are exactly what they hold. Version 5 added
    // the reel item's trims; version 6 only derived search tables (filled by triggers).
    if (version < 1) return;
    db.execute(kSeedV1);
    db.execute(version >= 5 ? kSeedV5ReelItem : kSeedV1ReelItem);
    if (version >= 4) db.execute(kSeedV4);
}

void requireSeedSurvived(Database& db, int seeded_version) {
    if (seeded_version < 1) return;
    CHECK(countRows(db, "SELECT count(*) FROM project WHERE name = 'Seed project'") == 1);
    CHECK(countRows(db,
                    "SELECT count(*) FROM asset WHERE rel_path = 'clips/Goal celebration.mov' AND "
                    "duration_ticks = 250 AND time_base_den = 25") == 1);
    CHECK(countRows(db, "SELECT count(*) FROM segment WHERE note = 'penalty save' AND rating = 4") == 1);
    CHECK(countRows(db, "SELECT count(*) FROM segment_tag WHERE present = 1") == 1);
    for (const char* table :
         {"volume", "analysis_run", "shot", "tag", "marker", "reel", "reel_item", "saved_search", "job"}) {
        INFO(table);
        CHECK(countRows(db, std::string("SELECT count(*) FROM ") + table) == 1);
    }
    if (seeded_version >= 4) {
        CHECK(countRows(db, "SELECT count(*) FROM analysis_series WHERE name = 'excitement' AND sample_count = 2 "
                            "AND samples = X'0000803F00000040'") == 1);
    }
    // Items from before version 5 have no trims: they play their segment's own range.
    CHECK(countRows(db, seeded_version >= 5 ? "SELECT count(*) FROM reel_item WHERE trim_in_ticks = 110"
                                            : "SELECT count(*) FROM reel_item WHERE trim_in_ticks IS NULL") == 1);
    // Version 6 derived the search planner's rows from them (checkConsistency compares every row).
    CHECK(countRows(db, "SELECT count(*) FROM segment_tag_walk") == 1);
    CHECK(countRows(db, "SELECT segments FROM tag_segment_count") == 1);
    CHECK(countRows(db, "SELECT count(*) FROM search_doc") == 3);  // file name, note, tag name
    const std::string seeded_segment = "01900000-0000-7000-8000-000000000006";
    for (const char* query : {"tag:goal", "penalty", "celebration", "goal rating>=4", "tag:goal penalty"}) {
        INFO(query);
        const auto rows = searchSegments(db, query);
        REQUIRE(rows.size() == 1);
        CHECK(rows.front().segment_id == seeded_segment);
    }
}

}  // namespace rushes::test
