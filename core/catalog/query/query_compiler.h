// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/query/query_ast.h"

namespace rushes::catalog::query {

using SqlValue = std::variant<int64_t, double, std::string>;

// A boolean SQL expression over `segment AS s` joined with `asset AS a`, with one `?` per value in
// `params`, in order. The SQL text depends only on the shape of the query, never on a value: every value
// is bound, column names come from the compiler's own fixed strings, and free text reaches FTS5 only as
// one quoted string literal. Every predicate is two-valued (never NULL), so NOT is exact: an unrated
// segment fails "rating>=4" and passes "NOT rating>=4".
struct SqlFilter {
    std::string sql;
    std::vector<SqlValue> params;
};

// How membership tests are written. Drive: as id sets (`s.id IN (…)`) that SQLite can start a search
// from — best when matches are few. Probe: tags as a correlated EXISTS on segment_tag's primary key —
// best when walking segments in result order and testing each one (a broad tag on a million segments).
enum class FilterStyle { Drive, Probe };

[[nodiscard]] SqlFilter compileFilter(const Node& root, FilterStyle style = FilterStyle::Drive);

// The FTS5 query for one word or phrase: a single "…" string (inner quotes doubled), followed by '*' for
// a prefix match. Nothing the editor types can become an FTS5 operator.
[[nodiscard]] std::string ftsLiteral(std::string_view text, bool prefix);

// The LIKE pattern (escape character '\') for an asset: term: a pattern with '*' or '?' is a glob over the
// whole file name, anything else a substring. '%', '_' and '\' typed by the editor are literal.
[[nodiscard]] std::string assetLikePattern(std::string_view pattern);

}  // namespace rushes::catalog::query
