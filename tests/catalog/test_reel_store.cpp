// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/reel_store.h"
#include "catalog/segment_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {
struct ReelCatalog : test::SeededCatalog {
    SegmentStore segments{db};
    ReelStore reels{db};
    std::vector<std::string> segment_ids;
    ReelCatalog() {
        for (int64_t i = 0; i < 5; ++i) {
            Segment s;
            s.asset_id = asset.id;
            s.in_ticks = i * 100;
            s.out_ticks = i * 100 + 50;
            s.time_base = Rational{1, 25};
            segment_ids.push_back(segments.add(s).id);
        }
    }
    std::vector<std::string> order(const std::string& reel_id) {
        std::vector<std::string> ids;
        for (const auto& item : reels.items(reel_id)) ids.push_back(item.segment_id);
        return ids;
    }
    std::vector<std::string> segmentsAt(std::initializer_list<size_t> indices) const {
        std::vector<std::string> ids;
        for (size_t i : indices) ids.push_back(segment_ids[i]);
        return ids;
    }
};

ErrorKind kindOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("expected an error");
    return ErrorKind::Internal;
}
}  // namespace

TEST_CASE("a reel is created, renamed and listed; names are unique among live reels of a project", "[catalog]") {
    ReelCatalog catalog;
    const Reel selects = catalog.reels.create(catalog.project.id, "  Selects ");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(selects.name == "Selects");
    const Reel goals = catalog.reels.create(catalog.project.id, "Goals");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(kindOf([&] { (void)catalog.reels.create(catalog.project.id, "Goals"); }) == ErrorKind::Conflict);
    CHECK(kindOf([&] { catalog.reels.rename(selects.id, "Goals"); }) == ErrorKind::Conflict);
    CHECK(kindOf([&] { (void)catalog.reels.create(catalog.project.id, " \t"); }) == ErrorKind::InvalidArgument);
    catalog.reels.rename(selects.id, "Best of");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.reels.findByName(catalog.project.id, "Best of")->id == selects.id);
    CHECK_FALSE(catalog.reels.findByName(catalog.project.id, "Selects").has_value());
    const auto listed = catalog.reels.list(catalog.project.id);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].name == "Best of");
    CHECK(listed[1].id == goals.id);
}

TEST_CASE("segments added to a reel keep the order given, appended or inserted after an item", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto first = catalog.reels.addSegments(reel.id, catalog.segmentsAt({2, 0}));
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({2, 0}));
    (void)catalog.reels.addSegments(reel.id, catalog.segmentsAt({4}));
    REQUIRE_CONSISTENT(catalog.db);
    const auto inserted = catalog.reels.addSegments(reel.id, catalog.segmentsAt({1, 3}), first[0].id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({2, 1, 3, 0, 4}));
    REQUIRE(inserted.size() == 2);
    CHECK(inserted[0].position < inserted[1].position);
    // The same segment may appear twice (a replay).
    (void)catalog.reels.addSegments(reel.id, catalog.segmentsAt({2}));
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({2, 1, 3, 0, 4, 2}));
    // Each new item is one row: one outbox entry per synced column, nothing for its neighbours.
    CHECK(test::countRows(catalog.db, "SELECT count(DISTINCT row_id) FROM outbox WHERE table_name = 'reel_item'") == 6);
}

TEST_CASE("moving an item writes its position only and lands it at the index asked for", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto items = catalog.reels.addSegments(reel.id, catalog.segment_ids);
    const auto outbox = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    catalog.reels.move(items[4].id, 0);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({4, 0, 1, 2, 3}));
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == outbox + 1);
    catalog.reels.move(items[0].id, 4);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({4, 1, 2, 3, 0}));
    catalog.reels.move(items[2].id, 1);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({4, 2, 1, 3, 0}));
    const auto before_noop = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    catalog.reels.move(items[2].id, 1);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == before_noop);
    CHECK(kindOf([&] { catalog.reels.move(items[2].id, 5); }) == ErrorKind::InvalidArgument);
}

TEST_CASE("equal positions left by concurrent inserts are spread out before an insert between them", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto items = catalog.reels.addSegments(reel.id, catalog.segmentsAt({0, 1, 2}));
    // Two replicas inserted at the same place offline: after sync both items hold one position.
    catalog.db.execute("INSERT INTO sync_state(key, value) VALUES ('applying_remote', '1')");
    catalog.db.execute("UPDATE reel_item SET position = 'W' WHERE id IN ('" + items[1].id + "', '" + items[2].id +
                       "')");
    catalog.db.execute("DELETE FROM sync_state WHERE key = 'applying_remote'");
    const auto tied = catalog.order(reel.id);
    catalog.reels.move(items[0].id, 1);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == std::vector<std::string>{tied[1], catalog.segment_ids[0], tied[2]});
    const auto positions = catalog.reels.items(reel.id);
    CHECK(positions[0].position < positions[1].position);
    CHECK(positions[1].position < positions[2].position);
}

TEST_CASE("trimming an item overrides its segment's in/out for that reel only", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto item = catalog.reels.addSegments(reel.id, catalog.segmentsAt({1})).front();  // segment [100, 150)
    catalog.reels.trim(item.id, 110, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);
    auto found = catalog.reels.findItem(item.id);
    CHECK(found->trim_in_ticks == 110);
    CHECK_FALSE(found->trim_out_ticks.has_value());
    CHECK(catalog.segments.find(catalog.segment_ids[1])->in_ticks == 100);
    catalog.reels.trim(item.id, 90, 180);  // handles beyond the segment are allowed
    REQUIRE_CONSISTENT(catalog.db);
    found = catalog.reels.findItem(item.id);
    CHECK(found->trim_in_ticks == 90);
    CHECK(found->trim_out_ticks == 180);
    CHECK(kindOf([&] { catalog.reels.trim(item.id, 150, std::nullopt); }) == ErrorKind::InvalidArgument);
    CHECK(kindOf([&] { catalog.reels.trim(item.id, std::nullopt, 100); }) == ErrorKind::InvalidArgument);
    CHECK(kindOf([&] { catalog.reels.trim(item.id, -1, std::nullopt); }) == ErrorKind::InvalidArgument);
    catalog.reels.trim(item.id, std::nullopt, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);
    found = catalog.reels.findItem(item.id);
    CHECK_FALSE(found->trim_in_ticks.has_value());
    CHECK_FALSE(found->trim_out_ticks.has_value());
    CHECK(test::countRows(
              catalog.db,
              "SELECT count(*) FROM outbox WHERE table_name = 'reel_item' AND column_name = 'trim_in_ticks'") ==
          4);  // the insert, then three changes of the in side; refused trims write nothing
}

TEST_CASE("removing items, segments and reels tombstones them and keeps the catalog consistent", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto items = catalog.reels.addSegments(reel.id, catalog.segment_ids);
    catalog.reels.removeItem(items[1].id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({0, 2, 3, 4}));
    CHECK(catalog.reels.findItem(items[1].id)->deleted);
    catalog.segments.remove(catalog.segment_ids[3]);  // the segment store tombstones its reel items
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.order(reel.id) == catalog.segmentsAt({0, 2, 4}));
    CHECK(kindOf([&] { catalog.reels.removeItem(items[1].id); }) == ErrorKind::NotFound);
    catalog.reels.remove(reel.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.reels.items(reel.id).empty());
    CHECK(catalog.reels.list(catalog.project.id).empty());
    CHECK(catalog.reels.find(reel.id)->deleted);
    // A removed reel's name is free again.
    (void)catalog.reels.create(catalog.project.id, "Selects");
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("a reel takes only live segments of its own project", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const Project other = ProjectStore(catalog.db).create("Other match");
    const Asset foreign = AssetStore(catalog.db).insert(test::sampleAsset(other.id, catalog.volume.id, "B/clip.mov"));
    Segment s;
    s.asset_id = foreign.id;
    s.out_ticks = 10;
    const Segment foreign_segment = catalog.segments.add(s);
    CHECK(kindOf([&] {
              (void)catalog.reels.addSegments(reel.id, {catalog.segment_ids[0], foreign_segment.id});
          }) == ErrorKind::InvalidArgument);
    CHECK(catalog.reels.items(reel.id).empty());  // all or nothing
    catalog.segments.remove(catalog.segment_ids[0]);
    CHECK(kindOf([&] { (void)catalog.reels.addSegments(reel.id, {catalog.segment_ids[0]}); }) == ErrorKind::NotFound);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("the consistency check reports a reel item whose trim no longer leaves a range", "[catalog]") {
    ReelCatalog catalog;
    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto item = catalog.reels.addSegments(reel.id, catalog.segmentsAt({0})).front();  // [0, 50)
    catalog.reels.trim(item.id, 40, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);
    catalog.segments.setRange(catalog.segment_ids[0], 0, 30);  // the segment's out moves before the item's in
    const auto violations = checkConsistency(catalog.db);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].rule == "reel_item_range");
}
