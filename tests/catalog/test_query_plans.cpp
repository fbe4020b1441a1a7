// SPDX-License-Identifier: GPL-3.0-or-later
// Every plan the search planner can choose must return the page a brute-force reference computes: the same
// segments in the same order, for random queries on a random catalog, pages at several offsets, with and
// without a project, before and after edits. A wrong plan (a missed membership, a union cut too early, a
// tie ordered differently, a stale derived row) fails here.
#include <map>

#include "catalog/query/plan_runner.h"
#include "catalog/query/query_parser.h"
#include "catalog/query/search_estimates.h"
#include "catalog/query/search_planner.h"
#include "catalog/query/segment_search.h"
#include "catalog/query/term_hits.h"
#include "catalog/search_model.h"

using namespace rushes;
using namespace rushes::catalog;
using namespace rushes::catalog::query;

namespace {

std::vector<std::string> idsOf(const std::vector<SearchResult>& rows) {
    std::vector<std::string> ids;
    for (const auto& row : rows) ids.push_back(row.segment_id);
    return ids;
}

std::vector<std::string> pageOf(const std::vector<std::string>& all, int limit, int offset) {
    const auto first = all.begin() + std::min<ptrdiff_t>(offset, ptrdiff_t(all.size()));
    return {first, first + std::min<ptrdiff_t>(limit, all.end() - first)};
}

// How often each kind of plan ran with rows to find, so the test cannot pass by never trying one.
struct Coverage {
    std::map<Source, int> branches;
    int unions = 0;
    int text_unions = 0;  // queries whose OR of words was also planned as one text term
    int empty_plans = 0;
    int set_driven = 0;
};

struct Page {
    int limit;
    int offset;
};

void checkEveryPlan(test::RandomSearchCatalog& random_catalog, const test::GeneratedQuery& query, Page page,
                    std::optional<int> project, Coverage& coverage) {
    Database& db = random_catalog.catalog.db;
    SearchOptions options;
    options.limit = page.limit;
    options.offset = page.offset;
    if (project) options.project_id = random_catalog.projects[size_t(*project)];
    const std::vector<std::string> expected = pageOf(random_catalog.expected(query, project), page.limit, page.offset);
    INFO("query: " << query.text << "  limit " << page.limit << " offset " << page.offset
                   << (project ? "  project " + std::to_string(*project) : std::string()));

    const Node root = parseQuery(query.text);
    db.execute("BEGIN");
    const ResolvedTerms hits = resolveTerms(db, root);
    const auto plans = candidatePlans(root, hits, readEstimates(db, root), page.limit + page.offset);
    if (!hits.text_unions.empty() && !expected.empty()) ++coverage.text_unions;
    std::vector<SearchResult> reference;
    for (const SearchPlan& plan : plans) {
        INFO("plan: " << plan.describe());
        auto rows = runPlan(db, plan, root, hits, options, std::nullopt);
        REQUIRE(rows.has_value());
        REQUIRE(idsOf(*rows) == expected);
        if (plan.set_driven) reference = std::move(*rows);
        if (expected.empty()) continue;
        if (plan.set_driven) ++coverage.set_driven;
        if (plan.branches.empty()) ++coverage.empty_plans;
        if (plan.branches.size() > 1) ++coverage.unions;
        for (const Branch& branch : plan.branches) ++coverage.branches[branch.source];
    }
    db.execute("COMMIT");

    // What searchSegments chooses itself, with its walk budget, and every field of every row.
    auto chosen = searchSegments(db, root, options);
    REQUIRE(idsOf(chosen) == expected);
    attachTags(db, reference);
    for (size_t i = 0; i < chosen.size(); ++i) {
        CHECK(chosen[i].asset_path == reference[i].asset_path);
        CHECK(chosen[i].in_ticks == reference[i].in_ticks);
        CHECK(chosen[i].out_ticks == reference[i].out_ticks);
        CHECK(chosen[i].time_base == reference[i].time_base);
        CHECK(chosen[i].rating == reference[i].rating);
        CHECK(chosen[i].note == reference[i].note);
        CHECK(chosen[i].tags == reference[i].tags);
    }
}

}  // namespace

TEST_CASE("every search plan returns the brute-force page, in order", "[catalog][query]") {
    test::RandomSearchCatalog random_catalog(20260725, 600, 2);
    REQUIRE_CONSISTENT(random_catalog.catalog.db);
    std::mt19937 random(11);
    test::QueryGenerator generator(random);
    Coverage coverage;
    const std::vector<Page> pages = {{1, 0}, {6, 0}, {7, 5}, {40, 12}};
    for (int round = 0; round < 2; ++round) {
        if (round == 1) {
            random_catalog.edit(150);  // the derived tables must follow every kind of edit
            REQUIRE_CONSISTENT(random_catalog.catalog.db);
        }
        for (int q = 0; q < 60; ++q) {
            const test::GeneratedQuery query = q % 5 == 4 ? generator.textOr() : generator.tree(q % 4);
            const Page page = pages[size_t(q) % pages.size()];
            checkEveryPlan(random_catalog, query, page, std::nullopt, coverage);
            checkEveryPlan(random_catalog, query, page, 1, coverage);
        }
    }
    INFO("walk " << coverage.branches[Source::Walk] << ", tag " << coverage.branches[Source::Tag] << ", noted "
                  << coverage.branches[Source::NotedWalk] << ", notes " << coverage.branches[Source::Notes]
                  << ", assets " << coverage.branches[Source::Assets] << ", unions " << coverage.unions
                  << ", text unions " << coverage.text_unions << ", set-driven " << coverage.set_driven);
    CHECK(coverage.branches[Source::Walk] > 200);
    CHECK(coverage.branches[Source::Tag] > 100);
    CHECK(coverage.branches[Source::NotedWalk] > 60);
    CHECK(coverage.branches[Source::Notes] > 60);
    CHECK(coverage.branches[Source::Assets] > 50);
    CHECK(coverage.unions > 100);
    CHECK(coverage.text_unions > 20);
    CHECK(coverage.set_driven > 100);
}

TEST_CASE("a walk over its budget falls back to SQLite's plan with the same page", "[catalog][query]") {
    test::RandomSearchCatalog random_catalog(20260726, 400, 1);
    Database& db = random_catalog.catalog.db;
    std::mt19937 random(5);
    test::QueryGenerator generator(random);
    const WalkBudget tiny{0, 1000};  // a few rows of walking
    int gave_up = 0;
    for (int q = 0; q < 150; ++q) {
        const test::GeneratedQuery query = generator.tree(q % 3);
        INFO("query: " << query.text);
        SearchOptions options;
        options.limit = 20;
        const Node root = parseQuery(query.text);
        db.execute("BEGIN");
        const ResolvedTerms hits = resolveTerms(db, root);
        for (const SearchPlan& plan : candidatePlans(root, hits, readEstimates(db, root), options.limit)) {
            INFO("plan: " << plan.describe());
            const auto rows = runPlan(db, plan, root, hits, options, tiny);
            if (!rows) {
                ++gave_up;
                continue;
            }
            CHECK(idsOf(*rows) == pageOf(random_catalog.expected(query), options.limit, 0));
        }
        db.execute("COMMIT");
        CHECK(idsOf(searchSegments(db, root, options)) == pageOf(random_catalog.expected(query), options.limit, 0));
    }
    CHECK(gave_up > 20);
    CHECK_FALSE(db.inTransaction());
    REQUIRE_CONSISTENT(db);
}

namespace {

// The planner alone, on the figures of the bench catalog (1,000,000 segments, 10,000 assets, 50,000 notes),
// with the term sets made up: each shape of query goes where docs/search.md says it goes.
struct PlannerCase {
    Node root;
    ResolvedTerms hits;
    CatalogEstimates estimates{1'000'000, 10'000, 50'000, {}};

    explicit PlannerCase(std::string_view query) : root(parseQuery(query)) {}
    const Term& term(size_t index) const {
        return root.type == NodeType::Term ? root.term : root.children.at(index).term;
    }
    void tag(size_t index, int64_t segments) {
        TermHits& h = hits.terms[&term(index)];
        h.tags = {"[\"t\"]", 1};
        h.tag_list = {{"t", segments}};
    }
    Source best() const { return candidatePlans(root, hits, estimates, 100).front().branches.at(0).source; }
    SearchPlan bestPlan() const { return candidatePlans(root, hits, estimates, 100).front(); }
};

}  // namespace

TEST_CASE("the planner reads a tag's own walk, a rare word's notes, a file's segments", "[catalog][query]") {
    {
        PlannerCase c("tag:goal rating>=4");
        c.tag(0, 40'000);
        c.estimates.column_share[&c.root.children[1]] = 0.033;
        CHECK(c.best() == Source::Tag);
    }
    {
        PlannerCase c("rating>=4");
        c.estimates.column_share[&c.root] = 0.033;
        CHECK(c.best() == Source::Walk);
    }
    {
        PlannerCase c("keeper");  // in 7,000 of 50,000 notes: walk the noted segments
        c.hits.terms[&c.term(0)].notes = {"[]", 7'000};
        CHECK(c.best() == Source::NotedWalk);
    }
    {
        PlannerCase c("\"penalty kick\"");  // 276 notes and one tag name: look the notes up, walk the tag
        TermHits& h = c.hits.terms[&c.term(0)];
        h.notes = {"[]", 276};
        h.tags = {"[\"t\"]", 1};
        h.tag_list = {{"t", 26'000}};
        const SearchPlan plan = c.bestPlan();
        REQUIRE(plan.branches.size() == 2);
        CHECK(plan.branches[0].source == Source::Tag);
        CHECK(plan.branches[1].source == Source::Notes);
    }
    {
        PlannerCase c("asset:CLIP_00042");
        c.hits.terms[&c.term(0)].assets = {"[\"a\"]", 1};
        CHECK(c.best() == Source::Assets);
    }
    {
        PlannerCase c("date:2026-07-14");  // a thirtieth of the assets: walking finds a page sooner
        c.hits.terms[&c.term(0)].assets = {"[]", 333};
        CHECK(c.best() == Source::Walk);
    }
    {
        PlannerCase c("tag:goal OR tag:save");
        c.tag(0, 40'000);
        c.tag(1, 34'000);
        const SearchPlan plan = c.bestPlan();
        REQUIRE(plan.branches.size() == 2);
        CHECK(plan.branches[0].source == Source::Tag);
        CHECK(plan.branches[1].source == Source::Tag);
    }
    {
        PlannerCase c("tag:nothing rating>=4");  // no such tag: nothing to read at all
        c.hits.terms[&c.term(0)] = {};
        c.estimates.column_share[&c.root.children[1]] = 0.033;
        CHECK(c.bestPlan().branches.empty());
        CHECK_FALSE(c.bestPlan().set_driven);
    }
}
