// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/query/segment_search.h"
#include "catalog/saved_search_store.h"
#include "catalog/segment_store.h"

using namespace rushes;
using namespace rushes::catalog;
using Catch::Matchers::Contains;

TEST_CASE("a saved search stores its query text and runs like the query", "[catalog][query]") {
    test::SeededCatalog catalog;
    SavedSearchStore searches(catalog.db);
    Segment segment;
    segment.asset_id = catalog.asset.id;
    segment.out_ticks = 25;
    segment.time_base = Rational{1, 25};
    segment.rating = 5;
    const Segment best = SegmentStore(catalog.db).add(segment);

    const SavedSearch saved = searches.create(catalog.project.id, "Best", "rating>=4");
    REQUIRE_CONSISTENT(catalog.db);
    const auto found = searches.findByName(catalog.project.id, "Best");
    REQUIRE(found);
    CHECK(found->id == saved.id);
    CHECK(found->query == "rating>=4");
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM saved_search WHERE json_extract(query_json, '$.query') "
                                      "= 'rating>=4'") == 1);
    const auto rows = searchSegments(catalog.db, found->query);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].segment_id == best.id);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE table_name = 'saved_search'") > 0);
}

TEST_CASE("a saved search refuses a query that does not parse, naming the column", "[catalog][query]") {
    test::SeededCatalog catalog;
    SavedSearchStore searches(catalog.db);
    try {
        (void)searches.create(catalog.project.id, "Broken", "rating>=x");
        FAIL("expected an error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK_THAT(error.reason(), Contains("column 9"));
    }
    const SavedSearch saved = searches.create(catalog.project.id, "Goals", "tag:goal");
    CHECK_THROWS_AS(searches.updateQuery(saved.id, "(tag:goal"), Error);
    CHECK(searches.find(saved.id)->query == "tag:goal");
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM saved_search") == 1);
}

TEST_CASE("saved searches are renamed, updated, listed and tombstoned", "[catalog][query]") {
    test::SeededCatalog catalog;
    SavedSearchStore searches(catalog.db);
    const SavedSearch goals = searches.create(catalog.project.id, "Goals", "tag:goal");
    const SavedSearch fouls = searches.create(catalog.project.id, "Fouls", "tag:foul");
    CHECK_THROWS_AS(searches.create(catalog.project.id, "Goals", "x"), Error);
    CHECK_THROWS_AS(searches.rename(fouls.id, "Goals"), Error);
    CHECK_THROWS_AS(searches.create(catalog.project.id, "  ", "x"), Error);

    searches.rename(goals.id, "All goals");
    searches.updateQuery(goals.id, "tag:goal rating>=3");
    REQUIRE_CONSISTENT(catalog.db);
    auto list = searches.list(catalog.project.id);
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == "All goals");
    CHECK(list[0].query == "tag:goal rating>=3");
    CHECK(list[1].name == "Fouls");

    searches.remove(fouls.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(searches.list(catalog.project.id).size() == 1);
    CHECK(searches.find(fouls.id)->deleted);
    CHECK_FALSE(searches.findByName(catalog.project.id, "Fouls"));
    CHECK_NOTHROW(searches.create(catalog.project.id, "Fouls", "tag:foul"));  // the name is free again
    CHECK_THROWS_AS(searches.remove(fouls.id), Error);
}
