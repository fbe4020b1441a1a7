// SPDX-License-Identifier: GPL-3.0-or-later
// Each case breaks one rule behind the stores' backs (as a bad sync batch or a hand edit would) and
// expects checkConsistency() to name it.
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {
bool reports(Database& db, const std::string& rule) {
    for (const auto& violation : checkConsistency(db)) {
        if (violation.rule == rule) return true;
    }
    return false;
}

// Writes the way the sync layer applies remote rows: triggers silent, foreign keys deferred.
void rawWrite(Database& db, const std::string& sql) {
    Transaction transaction(db);
    db.execute("PRAGMA defer_foreign_keys = ON; INSERT INTO sync_state VALUES ('applying_remote', '1');");
    db.execute(sql);
    db.execute("DELETE FROM sync_state WHERE key = 'applying_remote'");
    transaction.commit();
}

struct BrokenCatalog : test::SeededCatalog {
    Segment segment;
    Tag tag;
    BrokenCatalog() {
        Segment s;
        s.asset_id = asset.id;
        s.out_ticks = 10;
        s.time_base = Rational{1, 25};
        s.note = "note";
        segment = SegmentStore(db).add(s);
        tag = TagStore(db).tagSegment(segment.id, "goal");
        db.execute("PRAGMA foreign_keys = OFF");  // so the breakages below can be committed
    }
};
}  // namespace

TEST_CASE("a catalog written only through the stores is consistent", "[catalog]") {
    BrokenCatalog catalog;
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("the consistency check reports a live segment under a tombstoned asset", "[catalog]") {
    BrokenCatalog catalog;
    rawWrite(catalog.db, "UPDATE asset SET deleted = 1 WHERE id = '" + catalog.asset.id + "'");
    CHECK(reports(catalog.db, "live_child_of_tombstone"));
}

TEST_CASE("the consistency check reports orphan memberships and foreign keys", "[catalog]") {
    BrokenCatalog catalog;
    rawWrite(catalog.db, "INSERT INTO segment_tag VALUES ('01900000-0000-7000-8000-0000000000ff', '" + catalog.tag.id +
                             "', 1, '018bcfe56800-0000-00000000000000aa')");
    CHECK(reports(catalog.db, "orphan_reference"));
    CHECK(reports(catalog.db, "foreign_key"));
}

TEST_CASE("the consistency check reports duplicate live tag names and stale name keys", "[catalog]") {
    BrokenCatalog catalog;
    // The unique index would refuse the duplicate; sync with a dropped index is the scenario.
    rawWrite(catalog.db, "DROP INDEX tag_live_name; INSERT INTO tag VALUES ('01900000-0000-7000-8000-0000000000fe', '" +
                             catalog.project.id + "', 'GOAL', 'goal', 0, '018bcfe56800-0000-00000000000000aa', 0)");
    CHECK(reports(catalog.db, "tag_unique"));
    rawWrite(catalog.db, "UPDATE tag SET name = 'Save' WHERE id = '" + catalog.tag.id + "'");
    CHECK(reports(catalog.db, "tag_name_key"));
}

TEST_CASE("the consistency check reports a full-text index that no longer matches its sources", "[catalog]") {
    BrokenCatalog catalog;
    rawWrite(catalog.db, "DELETE FROM search_text WHERE rowid = (SELECT doc FROM search_doc WHERE kind = 'segment')");
    CHECK(reports(catalog.db, "fts_missing"));
}

TEST_CASE("the consistency check reports ranges and ratings the schema was bypassed for", "[catalog]") {
    BrokenCatalog catalog;
    // CHECK constraints can be bypassed only with ignore_check_constraints, as a buggy import might.
    catalog.db.execute("PRAGMA ignore_check_constraints = ON");
    rawWrite(catalog.db, "UPDATE segment SET in_ticks = 20, rating = 9 WHERE id = '" + catalog.segment.id + "'");
    CHECK(reports(catalog.db, "segment_range"));
    CHECK(reports(catalog.db, "rating"));
}

TEST_CASE("the consistency check reports search planner rows that no longer match their sources", "[catalog]") {
    BrokenCatalog catalog;
    rawWrite(catalog.db, "UPDATE segment_tag_walk SET rating = 5");
    CHECK(reports(catalog.db, "tag_walk_missing"));
    CHECK(reports(catalog.db, "tag_walk_stale"));
    rawWrite(catalog.db, "UPDATE tag_segment_count SET segments = 7");
    CHECK(reports(catalog.db, "tag_count"));
    rawWrite(catalog.db, "UPDATE search_doc SET doc = 5 WHERE kind = 'segment'");
    CHECK(reports(catalog.db, "fts_doc_range"));
}
