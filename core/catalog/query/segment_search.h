// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/query/query_ast.h"
#include "catalog/rows.h"

namespace rushes::catalog {

enum class SearchOrder {
    Score,   // best score first, unscored last (the default: triage wants the strongest moments)
    Newest,  // most recently created first (UUIDv7 ids sort by creation time)
    Asset,   // by asset path, then in point
    Rating,  // highest rating first, then score
};
[[nodiscard]] std::optional<SearchOrder> parseSearchOrder(std::string_view text) noexcept;

struct SearchOptions {
    std::optional<std::string> project_id;  // only this project's segments
    int limit = 100;                        // negative: no limit
    int offset = 0;
    SearchOrder order = SearchOrder::Score;
};

// One live segment that matched, with what a results list shows.
struct SearchResult {
    std::string segment_id;
    std::string asset_id;
    std::string asset_path;  // rel_path on its volume
    SegmentKind kind = SegmentKind::Manual;
    int64_t in_ticks = 0;
    int64_t out_ticks = 0;
    Rational time_base{1, 1};
    std::optional<double> score;
    std::optional<int> rating;
    std::optional<std::string> note;
    std::vector<std::string> tags;  // live tag names, by key
};

// Live segments of live assets matching `query` (docs/search.md). Throws the column-pointing
// InvalidArgument error of query::parseQuery for a malformed query; SQL only ever sees bound values.
[[nodiscard]] std::vector<SearchResult> searchSegments(Database& db, std::string_view query,
                                                       const SearchOptions& options = {});
[[nodiscard]] std::vector<SearchResult> searchSegments(Database& db, const query::Node& query,
                                                       const SearchOptions& options = {});

// The plan searchSegments would choose for this query and these options, in words (for benchmarks and
// logs): its sources, the estimated rows each reads.
[[nodiscard]] std::string describeSearchPlan(Database& db, std::string_view query, const SearchOptions& options = {});

}  // namespace rushes::catalog
