// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/segment_search.h"

#include <sqlite3.h>

#include "catalog/query/plan_runner.h"
#include "catalog/query/query_parser.h"
#include "catalog/query/search_estimates.h"
#include "catalog/query/search_planner.h"
#include "catalog/query/term_hits.h"

namespace rushes::catalog {

namespace {

// The term sets, the estimates and the page are read in one read transaction, so the sets a plan tests
// rows against are those of the rows' own snapshot. Inside a caller's transaction there is nothing to add.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& db) : db_(db), own_(!db.inTransaction()) {
        if (own_) db_.execute("BEGIN");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    // Nothing was written, so ending the transaction cannot fail in a way worth reporting.
    ~ReadSnapshot() {
        if (own_) sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
    }

private:
    Database& db_;
    bool own_;
};

query::SearchPlan setDrivenPlan() {
    query::SearchPlan plan;
    plan.set_driven = true;
    return plan;
}

bool plannable(const SearchOptions& options) {
    return options.order == SearchOrder::Score && options.limit > 0;
}

}  // namespace

std::optional<SearchOrder> parseSearchOrder(std::string_view text) noexcept {
    if (text == "score") return SearchOrder::Score;
    if (text == "newest") return SearchOrder::Newest;
    if (text == "asset") return SearchOrder::Asset;
    if (text == "rating") return SearchOrder::Rating;
    return std::nullopt;
}

std::vector<SearchResult> searchSegments(Database& db, std::string_view query, const SearchOptions& options) {
    return searchSegments(db, query::parseQuery(query), options);
}

std::vector<SearchResult> searchSegments(Database& db, const query::Node& query, const SearchOptions& options) {
    using namespace query;
    ReadSnapshot snapshot(db);
    std::vector<SearchResult> rows;
    if (plannable(options)) {
        const ResolvedTerms hits = resolveTerms(db, query);
        const CatalogEstimates estimates = readEstimates(db, query);
        const SearchPlan best = candidatePlans(query, hits, estimates, int64_t(options.limit) + options.offset).front();
        auto planned = runPlan(db, best, query, hits, options, WalkBudget{});
        rows = planned ? std::move(*planned) : *runPlan(db, setDrivenPlan(), query, hits, options, std::nullopt);
    } else {
        rows = *runPlan(db, setDrivenPlan(), query, {}, options, std::nullopt);
    }
    attachTags(db, rows);
    return rows;
}

std::string describeSearchPlan(Database& db, std::string_view query, const SearchOptions& options) {
    using namespace query;
    if (!plannable(options)) return setDrivenPlan().describe();
    const Node root = parseQuery(query);
    ReadSnapshot snapshot(db);
    const ResolvedTerms hits = resolveTerms(db, root);
    return candidatePlans(root, hits, readEstimates(db, root), int64_t(options.limit) + options.offset)
        .front()
        .describe();
}

}  // namespace rushes::catalog
