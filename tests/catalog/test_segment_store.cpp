// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {
Segment highlight(const std::string& asset_id, int64_t in_ticks, int64_t out_ticks) {
    Segment segment;
    segment.asset_id = asset_id;
    segment.kind = SegmentKind::Highlight;
    segment.in_ticks = in_ticks;
    segment.out_ticks = out_ticks;
    segment.time_base = Rational{1001, 30000};
    segment.score = 0.82;
    return segment;
}
}  // namespace

TEST_CASE("segments are listed by in point with their exact time base", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment late = segments.add(highlight(catalog.asset.id, 300, 450));
    REQUIRE_CONSISTENT(catalog.db);
    const Segment early = segments.add(highlight(catalog.asset.id, 10, 20));
    REQUIRE_CONSISTENT(catalog.db);
    const auto list = segments.listForAsset(catalog.asset.id);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == early.id);
    CHECK(list[1].id == late.id);
    CHECK(list[1].time_base.num == 1001);
    CHECK(list[1].time_base.den == 30000);
    CHECK(list[1].kind == SegmentKind::Highlight);
    CHECK(list[1].score == Approx(0.82));
    CHECK_FALSE(list[1].rating.has_value());
}

TEST_CASE("a segment's rating, note and in/out are edited one field at a time", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(highlight(catalog.asset.id, 100, 200));
    segments.setRating(segment.id, 5);
    REQUIRE_CONSISTENT(catalog.db);
    segments.setNote(segment.id, "keeper dives left");
    REQUIRE_CONSISTENT(catalog.db);
    segments.setRange(segment.id, 90, 240);
    REQUIRE_CONSISTENT(catalog.db);
    const auto found = segments.find(segment.id);
    REQUIRE(found.has_value());
    CHECK(found->rating == 5);
    CHECK(found->note == "keeper dives left");
    CHECK(found->in_ticks == 90);
    CHECK(found->out_ticks == 240);
    segments.setRating(segment.id, std::nullopt);
    segments.setNote(segment.id, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK_FALSE(segments.find(segment.id)->rating.has_value());
    CHECK_FALSE(segments.find(segment.id)->note.has_value());
}

TEST_CASE("a segment refuses out <= in, a negative in, a bad time base and ratings outside 0..5", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    CHECK_THROWS_AS(segments.add(highlight(catalog.asset.id, 100, 100)), Error);
    CHECK_THROWS_AS(segments.add(highlight(catalog.asset.id, -1, 100)), Error);
    auto bad_base = highlight(catalog.asset.id, 0, 1);
    bad_base.time_base = Rational{0, 1};
    CHECK_THROWS_AS(segments.add(bad_base), Error);
    const Segment segment = segments.add(highlight(catalog.asset.id, 0, 10));
    for (int rating : {-1, 6}) {
        try {
            segments.setRating(segment.id, rating);
            FAIL("rating accepted");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::InvalidArgument);
            CHECK_THAT(error.subject(), Catch::Matchers::Contains(segment.id));
        }
    }
    CHECK_THROWS_AS(segments.setRange(segment.id, 10, 5), Error);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(segments.find(segment.id)->out_ticks == 10);
}

TEST_CASE("a tombstoned segment disappears from lists but remains for sync", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(highlight(catalog.asset.id, 0, 10));
    segments.remove(segment.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(segments.listForAsset(catalog.asset.id).empty());
    const auto row = segments.find(segment.id);
    REQUIRE(row.has_value());
    CHECK(row->deleted);
    CHECK(row->updated_hlc > segment.updated_hlc);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE table_name = 'segment' AND row_id = '" +
                                          segment.id + "' AND column_name = 'deleted' AND value_json = '1'") == 1);
    try {
        segments.setRating(segment.id, 3);
        FAIL("a tombstone must not be edited");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::NotFound);
    }
}

TEST_CASE("a segment can only be added to a live asset", "[catalog]") {
    test::SeededCatalog catalog;
    AssetStore(catalog.db).remove(catalog.asset.id);
    SegmentStore segments(catalog.db);
    CHECK_THROWS_AS(segments.add(highlight(catalog.asset.id, 0, 10)), Error);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("changing a rating writes one outbox row and raises that field's clock only", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(highlight(catalog.asset.id, 0, 10));
    const auto before = test::countRows(catalog.db, "SELECT max(op_id) FROM outbox");
    segments.setRating(segment.id, 4);
    const auto after = segments.find(segment.id);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE op_id > " + std::to_string(before)) == 1);
    Statement op = catalog.db.prepare(
        "SELECT table_name, row_id, column_name, value_json, hlc FROM outbox "
        "ORDER BY op_id DESC LIMIT 1");
    REQUIRE(op.step());
    CHECK(op.textAt(0) == "segment");
    CHECK(op.textAt(1) == segment.id);
    CHECK(op.textAt(2) == "rating");
    CHECK(op.textAt(3) == "4");
    CHECK(op.textAt(4) == after->updated_hlc);
    Statement clocks = catalog.db.prepare(
        "SELECT column_name, hlc FROM field_clock WHERE table_name = 'segment' AND row_id = ?1 ORDER BY column_name");
    clocks.bindAll(segment.id);
    int raised = 0;
    while (clocks.step()) {
        if (clocks.textAt(1) == after->updated_hlc) {
            ++raised;
            CHECK(clocks.textAt(0) == "rating");
        }
    }
    CHECK(raised == 1);
}

TEST_CASE("the catalog refuses a local change without a newer clock and a hard delete", "[catalog]") {
    test::SeededCatalog catalog;
    const Segment segment = SegmentStore(catalog.db).add(highlight(catalog.asset.id, 0, 10));
    CHECK_THROWS_AS(catalog.db.execute("UPDATE segment SET rating = 1 WHERE id = '" + segment.id + "'"), Error);
    CHECK_THROWS_AS(catalog.db.execute("DELETE FROM segment WHERE id = '" + segment.id + "'"), Error);
    REQUIRE_CONSISTENT(catalog.db);
}
