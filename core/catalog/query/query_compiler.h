// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/query/query_ast.h"
#include "catalog/query/term_hits.h"

namespace rushes::catalog::query {

using SqlValue = std::variant<int64_t, double, std::string>;

// A boolean SQL expression over one segment row `s`, with one `?` per value in `params`, in order. The SQL
// text depends only on the shape of the query (and, for Probe, on which resolved sets are empty), never on
// a value: every value is bound, column names come from the compiler's own fixed strings, and free text
// reaches FTS5 only as one quoted string literal. Every predicate is two-valued (never NULL), so NOT is
// exact: an unrated segment fails "rating>=4" and passes "NOT rating>=4".
struct SqlFilter {
    std::string sql;
    std::vector<SqlValue> params;
};

// How tag, text, asset and date terms are written.
// Drive: as id sets computed inside the statement (`s.id IN (…)`) that SQLite can start a search from —
// SQLite's own plan, used for every order but best-score-first.
// Probe: as tests of one row against the sets resolveTerms read beforehand (bound JSON arrays): a tag is an
// EXISTS on segment_tag's primary key, text is three small tests (note hit, asset hit, tag hit) instead of
// one set of every segment the text reaches — for walking segments in result order.
enum class FilterStyle { Drive, Probe };

struct CompileOptions {
    FilterStyle style = FilterStyle::Drive;
    const ResolvedTerms* resolved = nullptr;  // Probe: holds every tag, text, asset and date term
    std::string_view segment_id = "s.id";     // the row's segment id (segment_tag_walk calls it s.segment_id)
    // Probe: a test of the row that is false when the segment has no note, if the row can tell cheaply
    // (segment_tag_walk's s.noted); a word's note hits are then only looked up for segments with a note.
    std::string_view has_note;
};

[[nodiscard]] SqlFilter compileFilter(const Node& root, const CompileOptions& options = {});

// The condition on an asset row `x` that an asset: (as if its operator were ':') or date: term tests.
[[nodiscard]] SqlFilter assetCondition(const Term& term);

// The FTS5 query for one word or phrase: a single "…" string (inner quotes doubled), followed by '*' for
// a prefix match. Nothing the editor types can become an FTS5 operator.
[[nodiscard]] std::string ftsLiteral(std::string_view text, bool prefix);

// The LIKE pattern (escape character '\') for an asset: term: a pattern with '*' or '?' is a glob over the
// whole file name, anything else a substring. '%', '_' and '\' typed by the editor are literal.
[[nodiscard]] std::string assetLikePattern(std::string_view pattern);

}  // namespace rushes::catalog::query
