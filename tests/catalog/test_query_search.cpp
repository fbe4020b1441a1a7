// SPDX-License-Identifier: GPL-3.0-or-later
// searchSegments against a small hand-made catalog: each field, Unicode tags, and hostile input.
#include <algorithm>
#include <set>

#include "catalog/catalog_test_support.h"
#include "catalog/query/segment_search.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;
using Catch::Matchers::Contains;

namespace {

// One asset (MVI_0001.MP4 from SeededCatalog) plus a second one, and five segments with known fields.
struct SearchCatalog : test::SeededCatalog {
    Asset interview;
    Segment save, goal, foul, chat, gone;

    SearchCatalog() {
        Asset second = test::sampleAsset(project.id, volume.id, "interviews/Coach Talk.mov");
        second.probe_json = R"({"creation_time":"2026-07-24T18:30:00.000000Z"})";
        interview = AssetStore(db).insert(second);
        SegmentStore segments(db);
        TagStore tags(db);
        save = segments.add(make(asset.id, SegmentKind::Highlight, 0, 100, {1, 25}, 0.95, 5, "keeper dives left"));
        goal = segments.add(make(asset.id, SegmentKind::Highlight, 900000, 1800000, {1, 90000}, 0.85, 4,
                                 "header into the top corner"));
        foul = segments.add(make(asset.id, SegmentKind::Shot, 30, 60, {1001, 30000}, 0.4, {}, {}));
        chat = segments.add(make(interview.id, SegmentKind::Interview, 0, 90000, {1, 1000}, {}, 2, "coach on tactics"));
        gone = segments.add(make(asset.id, SegmentKind::Highlight, 0, 10, {1, 25}, 0.99, 5, "deleted keeper"));
        (void)tags.tagSegment(save.id, "Jubel");
        (void)tags.tagSegment(save.id, "été");
        (void)tags.tagSegment(goal.id, "Goal");
        (void)tags.tagSegment(goal.id, "Penalty Kick");
        (void)tags.tagSegment(goal.id, "🎉");
        (void)tags.tagSegment(foul.id, "Foul");
        (void)tags.tagSegment(gone.id, "Goal");
        segments.remove(gone.id);
    }

    static Segment make(const std::string& asset_id, SegmentKind kind, int64_t in, int64_t out, Rational base,
                        std::optional<double> score, std::optional<int> rating, std::optional<std::string> note) {
        Segment segment;
        segment.asset_id = asset_id;
        segment.kind = kind;
        segment.in_ticks = in;
        segment.out_ticks = out;
        segment.time_base = base;
        segment.score = score;
        segment.rating = rating;
        segment.note = std::move(note);
        return segment;
    }

    std::set<std::string> ids(const std::string& query) {
        SearchOptions options;
        options.limit = -1;
        std::set<std::string> found;
        for (const auto& row : searchSegments(db, query, options)) found.insert(row.segment_id);
        return found;
    }
};

}  // namespace

TEST_CASE("each field filters segments", "[catalog][query]") {
    SearchCatalog c;
    using Ids = std::set<std::string>;
    CHECK(c.ids("") == Ids{c.save.id, c.goal.id, c.foul.id, c.chat.id});  // live segments only
    CHECK(c.ids("keeper") == Ids{c.save.id});
    CHECK(c.ids("kee") == Ids{c.save.id});                          // words match as prefixes
    CHECK(c.ids("\"top corner\"") == Ids{c.goal.id});
    CHECK(c.ids("\"corner top\"").empty());                         // phrases keep word order
    CHECK(c.ids("mvi_0001") == Ids{c.save.id, c.goal.id, c.foul.id});  // asset file name
    CHECK(c.ids("penalty") == Ids{c.goal.id});                      // tag name
    CHECK(c.ids("tag:goal") == Ids{c.goal.id});
    CHECK(c.ids("tag:\"penalty kick\"") == Ids{c.goal.id});
    CHECK(c.ids("kind:highlight") == Ids{c.save.id, c.goal.id});
    CHECK(c.ids("rating>=4") == Ids{c.save.id, c.goal.id});
    CHECK(c.ids("rating:2") == Ids{c.chat.id});
    CHECK(c.ids("score>0.8") == Ids{c.save.id, c.goal.id});
    CHECK(c.ids("score<0.5") == Ids{c.foul.id});
    CHECK(c.ids("asset:coach") == Ids{c.chat.id});
    CHECK(c.ids("asset:\"*.mov\"") == Ids{c.chat.id});
    CHECK(c.ids("asset:MVI_000?.MP4") == Ids{c.save.id, c.goal.id, c.foul.id});
    CHECK(c.ids("asset:100CANON").empty());  // file name only, not folders
    CHECK(c.ids("date:2026-07-24") == Ids{c.chat.id});
    CHECK(c.ids("date<2026-07-24").empty());
}

TEST_CASE("durations compare exactly in each segment's own time base", "[catalog][query]") {
    SearchCatalog c;
    using Ids = std::set<std::string>;
    // save: 100/25 = 4 s; goal: 900000/90000 = 10 s; foul: 30 frames of 1001/30000 = 1.001 s; chat: 90 s.
    CHECK(c.ids("duration=4s") == Ids{c.save.id});
    CHECK(c.ids("duration>4s") == Ids{c.goal.id, c.chat.id});
    CHECK(c.ids("duration>1s duration<2s") == Ids{c.foul.id});
    CHECK(c.ids("duration=1.001s") == Ids{c.foul.id});  // exact: no rounding of 1001/1000
    CHECK(c.ids("duration>1001ms") == Ids{c.save.id, c.goal.id, c.chat.id});
    CHECK(c.ids("duration<1001ms").empty());
    CHECK(c.ids("duration>=1:30") == Ids{c.chat.id});
    CHECK(c.ids("duration>1m") == Ids{c.chat.id});
}

TEST_CASE("NOT and != include segments that lack the field", "[catalog][query]") {
    SearchCatalog c;
    using Ids = std::set<std::string>;
    CHECK(c.ids("NOT rating>=4") == Ids{c.foul.id, c.chat.id});  // foul is unrated
    CHECK(c.ids("rating!=5") == Ids{c.goal.id, c.chat.id});     // a comparison needs a rating
    CHECK(c.ids("-tag:goal") == Ids{c.save.id, c.foul.id, c.chat.id});
    CHECK(c.ids("tag!=goal") == c.ids("-tag:goal"));
    // OR binds loosest: highlight OR (interview AND NOT keeper).
    CHECK(c.ids("kind:highlight OR kind:interview -keeper") == Ids{c.save.id, c.goal.id, c.chat.id});
    CHECK(c.ids("(kind:highlight OR kind:interview) -keeper") == Ids{c.goal.id, c.chat.id});
}

TEST_CASE("Unicode tags match case-insensitively, by tag: and by free text", "[catalog][query]") {
    SearchCatalog c;
    using Ids = std::set<std::string>;
    CHECK(c.ids("tag:Jubel") == Ids{c.save.id});
    CHECK(c.ids("tag:JUBEL") == Ids{c.save.id});
    CHECK(c.ids("tag:\"été\"") == Ids{c.save.id});
    CHECK(c.ids("tag:ÉTÉ") == Ids{c.save.id});
    CHECK(c.ids("tag:🎉") == Ids{c.goal.id});
    CHECK(c.ids("ete") == Ids{c.save.id});  // free text ignores diacritics
    CHECK(c.ids("tag:ete").empty());         // tag: compares the whole name
}

TEST_CASE("results carry the asset, range, fields and tags", "[catalog][query]") {
    SearchCatalog c;
    const auto rows = searchSegments(c.db, "tag:goal");
    REQUIRE(rows.size() == 1);
    const SearchResult& row = rows.front();
    CHECK(row.segment_id == c.goal.id);
    CHECK(row.asset_id == c.asset.id);
    CHECK(row.asset_path == "DCIM/100CANON/MVI_0001.MP4");
    CHECK(row.kind == SegmentKind::Highlight);
    CHECK(row.in_ticks == 900000);
    CHECK(row.out_ticks == 1800000);
    CHECK(row.time_base == Rational{1, 90000});
    CHECK(row.score == Approx(0.85));
    CHECK(row.rating == 4);
    CHECK(row.note == "header into the top corner");
    CHECK(row.tags == std::vector<std::string>{"Goal", "Penalty Kick", "🎉"});  // by key, bytewise
}

TEST_CASE("order, limit, offset and project narrow the results", "[catalog][query]") {
    SearchCatalog c;
    SearchOptions options;
    const auto by_score = searchSegments(c.db, "", options);
    REQUIRE(by_score.size() == 4);
    CHECK(by_score[0].segment_id == c.save.id);
    CHECK(by_score[3].segment_id == c.chat.id);  // unscored last
    options.order = SearchOrder::Asset;
    options.limit = 2;
    options.offset = 1;
    const auto page = searchSegments(c.db, "", options);
    REQUIRE(page.size() == 2);
    CHECK(page[0].asset_path == "DCIM/100CANON/MVI_0001.MP4");
    options = {};
    options.project_id = ProjectStore(c.db).create("Other").id;
    CHECK(searchSegments(c.db, "", options).empty());
    options.project_id = c.project.id;
    CHECK(searchSegments(c.db, "", options).size() == 4);
}

TEST_CASE("SQL and FTS5 syntax in a query is data: no rows or a clean error, catalog intact", "[catalog][query]") {
    SearchCatalog c;
    const auto segments_before = test::countRows(c.db, "SELECT count(*) FROM segment");
    const auto tables_before = test::countRows(c.db, "SELECT count(*) FROM sqlite_schema");
    for (const std::string query : {
             "'; DROP TABLE segment; --",
             "tag:\"x' OR 1=1 --\"",
             "asset:\"%' OR '1'='1\"",
             "asset:\"'); DELETE FROM segment; --\"",
             "\"keeper\" OR \"x\"\" OR 1=1\"",
             "NEAR(keeper dives)",
             "keeper NEAR/2 dives",
             "*",
             "\"*\"",
             "^keeper",
             "keeper + dives",
             "body:keeper",
             "\"",
             "NEAR(",
             "\"a\" \"",
             "\\\"; SELECT 1",
             "tag:\"\\\"\"",
             "kind:\"highlight' OR kind='shot\"",
         }) {
        INFO(query);
        try {
            const auto rows = searchSegments(c.db, query);
            // "keeper NEAR/2 dives" and friends are ordinary words here: at most the keeper segment matches.
            for (const auto& row : rows) CHECK(row.segment_id == c.save.id);
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::InvalidArgument);
            CHECK_THAT(error.reason(), Contains("column "));
        }
    }
    CHECK(test::countRows(c.db, "SELECT count(*) FROM segment") == segments_before);
    CHECK(test::countRows(c.db, "SELECT count(*) FROM sqlite_schema") == tables_before);
    REQUIRE_CONSISTENT(c.db);
}

TEST_CASE("a malformed query throws before touching the catalog", "[catalog][query]") {
    SearchCatalog c;
    try {
        (void)searchSegments(c.db, "rating>=x");
        FAIL("expected an error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK_THAT(error.what(), Contains("column 9: expected a number after 'rating>='"));
    }
}
