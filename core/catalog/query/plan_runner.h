// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a SearchPlan: one statement per branch, each cut to the best offset + limit rows, merged best
// score first; or the set-driven statement.
#include <optional>
#include <vector>

#include "catalog/database.h"
#include "catalog/query/search_planner.h"
#include "catalog/query/segment_search.h"
#include "catalog/query/term_hits.h"

namespace rushes::catalog::query {

// A walk whose filter is rarer than estimated (terms that are not independent, a skewed score order)
// would read far more of its index than planned. The budget, in SQLite VM steps, gives up a walking branch
// at `slack` times its estimate, never below `minimum_vm_steps` (a few milliseconds of walking).
struct WalkBudget {
    double slack = 8;
    int64_t minimum_vm_steps = 400'000;
};

// The page of `options` (order Score only; the set-driven plan serves every order). nullopt: a branch ran
// over its budget, so the caller should run the set-driven plan. Without a budget, every branch runs to
// its end. Rows carry no tags yet (see attachTags).
[[nodiscard]] std::optional<std::vector<SearchResult>> runPlan(Database& db, const SearchPlan& plan, const Node& root,
                                                               const ResolvedTerms& hits, const SearchOptions& options,
                                                               std::optional<WalkBudget> budget);

// Fills SearchResult::tags, the live tag names by key.
void attachTags(Database& db, std::vector<SearchResult>& rows);

}  // namespace rushes::catalog::query
