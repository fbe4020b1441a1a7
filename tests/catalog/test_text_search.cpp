// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"
#include "catalog/text_search.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {
bool contains(const std::vector<TextHit>& hits, const std::string& kind, const std::string& id) {
    for (const auto& hit : hits) {
        if (hit.kind == kind && hit.row_id == id) return true;
    }
    return false;
}

Segment noted(const std::string& asset_id, std::string note) {
    Segment segment;
    segment.asset_id = asset_id;
    segment.out_ticks = 10;
    segment.time_base = Rational{1, 25};
    segment.note = std::move(note);
    return segment;
}
}  // namespace

TEST_CASE("full-text search finds a word of a segment note and a tag name", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);
    const Segment save = segments.add(noted(catalog.asset.id, "Keeper dives left, spectacular save"));
    const Tag interview = tags.tagSegment(save.id, "Interview Coach");
    REQUIRE_CONSISTENT(catalog.db);

    const auto by_note = searchText(catalog.db, "spectacular");
    REQUIRE(by_note.size() == 1);
    CHECK(by_note[0].kind == "segment");
    CHECK(by_note[0].row_id == save.id);
    CHECK(contains(searchText(catalog.db, "coach"), "tag", interview.id));
    CHECK(contains(searchText(catalog.db, "inter"), "tag", interview.id));  // prefix
    CHECK(contains(searchText(catalog.db, "MVI_0001"), "asset", catalog.asset.id));
    CHECK(searchText(catalog.db, "DCIM").empty());  // folders are not part of the file name
}

TEST_CASE("full-text search follows edits and tombstones", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(noted(catalog.asset.id, "crowd invasion"));
    segments.setNote(segment.id, "pitch invasion");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(searchText(catalog.db, "crowd").empty());
    CHECK(contains(searchText(catalog.db, "pitch"), "segment", segment.id));
    segments.remove(segment.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(searchText(catalog.db, "invasion").empty());
}

TEST_CASE("full-text search ignores case and diacritics and needs every word", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(noted(catalog.asset.id, "Élan vital über alles"));
    CHECK(contains(searchText(catalog.db, "elan UBER"), "segment", segment.id));
    CHECK(searchText(catalog.db, "elan missing").empty());
}

TEST_CASE("full-text search treats FTS syntax in a query as plain text", "[catalog]") {
    test::SeededCatalog catalog;
    (void)SegmentStore(catalog.db).add(noted(catalog.asset.id, "offside"));
    for (const char* query :
         {"\"", "\"\"", "NEAR(", "off* OR", "-offside", "a:b", "*", "'; DROP TABLE segment; --", "", "   "}) {
        INFO(query);
        CHECK_NOTHROW(searchText(catalog.db, query));
    }
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment") == 1);
}
