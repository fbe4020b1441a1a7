// SPDX-License-Identifier: GPL-3.0-or-later
// Schema v6's search planner tables are derived by triggers: segment_tag_walk (each tag's live segments in
// result order), tag_segment_count, and full-text documents numbered by kind. They must follow every edit
// the stores make and every order a sync batch may apply rows in, and never reach the outbox.
#include "catalog/catalog_test_support.h"
#include "catalog/hlc.h"
#include "catalog/query/query_compiler.h"
#include "catalog/query/query_parser.h"
#include "catalog/query/segment_search.h"
#include "catalog/search_documents.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {

Segment sample(const std::string& asset_id, std::optional<double> score, std::optional<std::string> note) {
    Segment segment;
    segment.asset_id = asset_id;
    segment.kind = SegmentKind::Highlight;
    segment.out_ticks = 50;
    segment.time_base = Rational{1, 25};
    segment.score = score;
    segment.note = std::move(note);
    return segment;
}

int64_t walkRows(Database& db, const std::string& tag_id) {
    return test::countRows(db, "SELECT count(*) FROM segment_tag_walk WHERE tag_id = '" + tag_id + "'");
}

int64_t counted(Database& db, const std::string& tag_id) {
    return db.queryInt64("SELECT segments FROM tag_segment_count WHERE tag_id = '" + tag_id + "'").value_or(0);
}

// Writes as the sync layer applies a remote batch: sync triggers silent, foreign keys deferred.
void applyRemote(Database& db, const std::string& sql) {
    Transaction transaction(db);
    db.execute("PRAGMA defer_foreign_keys = ON; INSERT INTO sync_state VALUES ('applying_remote', '1');");
    db.execute(sql);
    db.execute("DELETE FROM sync_state WHERE key = 'applying_remote'");
    transaction.commit();
}

}  // namespace

TEST_CASE("each tag's walk and count follow every edit the stores make", "[catalog][query]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);
    const Segment a = segments.add(sample(catalog.asset.id, 0.5, "keeper saves"));
    const Segment b = segments.add(sample(catalog.asset.id, {}, {}));
    const Tag goal = tags.tagSegment(a.id, "Goal");
    (void)tags.tagSegment(b.id, "Goal");
    const Tag save = tags.tagSegment(a.id, "Save");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(walkRows(catalog.db, goal.id) == 2);
    CHECK(counted(catalog.db, goal.id) == 2);
    CHECK(counted(catalog.db, save.id) == 1);

    segments.setRating(a.id, 4);
    REQUIRE_CONSISTENT(catalog.db);
    segments.setRange(b.id, 10, 500);
    REQUIRE_CONSISTENT(catalog.db);
    segments.setNote(b.id, "now it has a note");  // noted: NULL -> text
    REQUIRE_CONSISTENT(catalog.db);
    segments.setNote(a.id, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);
    {
        Transaction transaction(catalog.db);  // a new score, as a re-analysis writes it
        catalog.db.prepare("UPDATE segment SET score = 0.9, updated_hlc = ?2 WHERE id = ?1")
            .bindAll(b.id, LocalClock(catalog.db).tick())
            .run();
        transaction.commit();
    }
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(searchSegments(catalog.db, "tag:goal").front().segment_id == b.id);  // 0.9 now leads

    tags.removeFromSegment(a.id, goal.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(counted(catalog.db, goal.id) == 1);
    tags.addToSegment(a.id, goal.id);
    REQUIRE_CONSISTENT(catalog.db);
    tags.rename(save.id, "Parade");  // the walk holds ids: a rename changes nothing there, FTS follows
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(walkRows(catalog.db, save.id) == 1);
    tags.removeTag(save.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(walkRows(catalog.db, save.id) == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM tag_segment_count WHERE tag_id = '" + save.id + "'") == 0);
    segments.remove(a.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(counted(catalog.db, goal.id) == 1);
    AssetStore(catalog.db).remove(catalog.asset.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment_tag_walk") == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM tag_segment_count") == 0);
}

TEST_CASE("a sync batch may apply a membership before its segment, and delete in any order", "[catalog][query]") {
    test::SeededCatalog catalog;
    const Tag goal = TagStore(catalog.db).ensureTag(catalog.project.id, "Goal");
    const std::string segment_id = "01900000-0000-7000-8000-0000000000aa";
    const std::string hlc = "018bcfe56800-0000-00000000000000bb";
    applyRemote(catalog.db, "INSERT INTO segment_tag VALUES ('" + segment_id + "', '" + goal.id + "', 1, '" + hlc +
                                "');"
                                "INSERT INTO segment(id, asset_id, kind, in_ticks, out_ticks, time_base_num,"
                                " time_base_den, score, created_at_ms, updated_hlc) VALUES ('" +
                                segment_id + "', '" + catalog.asset.id + "', 'shot', 0, 10, 1, 25, 0.7, 0, '" + hlc +
                                "')");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(walkRows(catalog.db, goal.id) == 1);
    CHECK(searchSegments(catalog.db, "tag:goal").size() == 1);
    // A purge after both tombstones synced, the segment's row deleted before its membership's.
    applyRemote(catalog.db, "DELETE FROM segment WHERE id = '" + segment_id +
                                "';"
                                "DELETE FROM segment_tag WHERE segment_id = '" +
                                segment_id + "'");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(walkRows(catalog.db, goal.id) == 0);
    CHECK(counted(catalog.db, goal.id) == 0);
}

TEST_CASE("search planner tables never reach the outbox or the field clocks", "[catalog][query]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);
    const Segment segment = segments.add(sample(catalog.asset.id, 0.5, "a note"));
    const auto outbox_before = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    const Tag goal = tags.tagSegment(segment.id, "Goal");
    segments.setRating(segment.id, 3);
    tags.removeFromSegment(segment.id, goal.id);
    // tag: project_id, name, name_key, created_at_ms, deleted; membership: present (twice); rating.
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") - outbox_before == 5 + 2 + 1);
    const std::string synced =
        "('project', 'volume', 'asset', 'analysis_run', 'shot', 'segment', 'tag', 'segment_tag', 'marker', 'reel',"
        " 'reel_item', 'saved_search')";
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE table_name NOT IN " + synced) == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM field_clock WHERE table_name NOT IN " + synced) == 0);

    // A remote batch fills the derived rows and writes no outbox row at all.
    const auto outbox_remote = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    applyRemote(catalog.db, "UPDATE segment_tag SET present = 1, updated_hlc = '018bcfe56800-0000-00000000000000cc'");
    CHECK(walkRows(catalog.db, goal.id) == 1);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == outbox_remote);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("full-text documents are numbered within their kind's range", "[catalog][query]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const Segment segment = segments.add(sample(catalog.asset.id, 0.5, "first words"));
    (void)TagStore(catalog.db).tagSegment(segment.id, "Goal");
    segments.setNote(segment.id, "second words");  // a new document, numbered in the same range
    for (const DocumentRange& range : {kAssetDocuments, kTagDocuments, kNoteDocuments}) {
        INFO(range.kind);
        CHECK(test::countRows(catalog.db, "SELECT count(*) FROM search_doc WHERE kind = '" + std::string(range.kind) +
                                              "' AND doc >= " + std::to_string(range.first) + " AND doc < " +
                                              std::to_string(range.end)) == 1);
    }
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("date: reads the asset_shot_day index, not every asset's probe JSON", "[catalog][query]") {
    test::SeededCatalog catalog;
    // The compiler's own date condition: if it drifts from the indexed expression, this plan changes.
    const query::Node root = query::parseQuery("date>=2026-07-01");
    Statement plan =
        catalog.db.prepare("EXPLAIN QUERY PLAN SELECT x.id FROM asset x WHERE " + query::assetCondition(root.term).sql);
    plan.bind(1, "2026-07-01");
    std::string detail;
    while (plan.step()) detail += plan.textAt(3);
    CHECK(detail.find("asset_shot_day") != std::string::npos);
}
