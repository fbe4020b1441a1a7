// SPDX-License-Identifier: GPL-3.0-or-later
// searchSegments must agree with a brute-force filter written independently in C++ (search_model.h): a
// seeded random catalog of a few hundred segments, and random query trees over every field, AND/OR/NOT and
// '-'. Every row, in any order the SQL chooses (no limit: SQLite's own plan).
#include <set>

#include "catalog/query/segment_search.h"
#include "catalog/search_model.h"

using namespace rushes;
using namespace rushes::catalog;

TEST_CASE("search results equal a brute-force filter on a random catalog", "[catalog][query]") {
    test::RandomSearchCatalog random_catalog(20260724, 300, 1);
    random_catalog.edit(60);
    REQUIRE_CONSISTENT(random_catalog.catalog.db);

    std::mt19937 random(7);
    test::QueryGenerator generator(random);
    SearchOptions options;
    options.limit = -1;
    int non_trivial = 0;
    for (int q = 0; q < 400; ++q) {
        const test::GeneratedQuery query = generator.tree(q % 4);
        const auto ids = random_catalog.expected(query);
        const std::set<std::string> expected(ids.begin(), ids.end());
        std::set<std::string> found;
        for (const auto& row : searchSegments(random_catalog.catalog.db, query.text, options))
            found.insert(row.segment_id);
        INFO("query: " << query.text);
        REQUIRE(found == expected);
        if (!expected.empty() && expected.size() < random_catalog.liveSegments()) ++non_trivial;
    }
    CHECK(non_trivial > 200);  // the generator must not degenerate into all-or-nothing queries
}
