// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Chooses how to find a best-score-first page before running anything (docs/search.md, "How it runs"). A
// plan is a union of branches; each branch reads candidate segments from one source and tests the rest
// of the query on each. The planner weighs every way to split the query with the sizes resolveTerms read
// and the estimates of readEstimates. It is pure: no catalog access, so tests can run every candidate.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/query/query_ast.h"
#include "catalog/query/search_estimates.h"
#include "catalog/query/term_hits.h"

namespace rushes::catalog::query {

enum class Source {
    Walk,       // every live segment, best score first (index segment_live_walk)
    Tag,        // one tag's live segments, best score first (table segment_tag_walk)
    NotedWalk,  // the live segments with a note, best score first (index segment_note_walk), each tested
                // against a text term's note hits — for a word found in many notes
    Notes,      // a text term's note hits, looked up by id and sorted afterwards — for a rare word
    Assets,     // the live segments of a set of assets (index segment_asset), sorted afterwards
};

[[nodiscard]] std::string_view toString(Source source) noexcept;

struct Branch {
    Source source = Source::Walk;
    std::string_view ids;               // Tag: the tag id; NotedWalk, Notes, Assets: a JSON array of ids; Walk: empty
    double source_rows = 0;             // rows the source holds (an estimate for Walk and NotedWalk)
    std::vector<const Node*> residual;  // ANDed and tested on every row the source yields; empty: none
    double rows_estimate = 0;           // rows the branch is expected to read
    double cost_estimate = 0;           // roughly µs
};

struct SearchPlan {
    // A union: each branch yields its best offset + limit rows, and the page is cut from their merge. No
    // branch: no segment can match (e.g. tag:NAME of a tag that does not exist).
    std::vector<Branch> branches;
    // Instead of branches: one statement over the Drive-style filter, ordered and cut by SQLite (its own
    // plan; also what a branch falls back to when it reads far more rows than estimated).
    bool set_driven = false;
    double cost_estimate = 0;

    [[nodiscard]] std::string describe() const;
};

// Every distinct plan for the `wanted` best rows (offset + limit) of `root`, cheapest first; the
// set-driven plan is always among them. `root` and `hits` must outlive the plans (they point into both).
[[nodiscard]] std::vector<SearchPlan> candidatePlans(const Node& root, const ResolvedTerms& hits,
                                                     const CatalogEstimates& estimates, int64_t wanted);

}  // namespace rushes::catalog::query
