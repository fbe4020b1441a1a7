// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The figures the search planner weighs plans with, read in well under a millisecond: catalog sizes and,
// for the parts of a query that test only a segment's own columns (kind, rating, score, duration), how
// many of the first segments in result order pass them.
#include <unordered_map>

#include "catalog/query/query_ast.h"

namespace rushes::catalog {
class Database;
}

namespace rushes::catalog::query {

struct CatalogEstimates {
    double segments = 1;        // live segments, at most (from the largest rowid)
    double assets = 1;          // assets, at most
    double noted_segments = 1;  // live segments with a note, at most (from the note document ids)
    // Share of the first walk rows (best score first) that pass each column-only subtree of the query, by
    // node address. A share measured in walk order is what a walk will meet, including the correlation
    // of score filters with the order.
    std::unordered_map<const Node*, double> column_share;
};

// How many walk rows the column sample reads. Too few misjudges rare filters; each row costs ~0.2 µs.
inline constexpr int kColumnSampleRows = 1024;

// True when the subtree tests only the segment's own columns (no tag, text, asset or date term).
[[nodiscard]] bool isColumnOnly(const Node& node) noexcept;

[[nodiscard]] CatalogEstimates readEstimates(Database& db, const Node& root);

}  // namespace rushes::catalog::query
