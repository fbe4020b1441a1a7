// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/search_estimates.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/database.h"
#include "catalog/query/query_compiler.h"
#include "catalog/query/term_hits.h"
#include "catalog/search_documents.h"

namespace rushes::catalog::query {

namespace {

// The largest column-only subtrees: the ones whose parent is not column-only.
void collectColumnOnly(const Node& node, std::vector<const Node*>& out) {
    if (node.type == NodeType::MatchAll) return;
    if (isColumnOnly(node)) {
        out.push_back(&node);
        return;
    }
    for (const Node& child : node.children) collectColumnOnly(child, out);
}

// A term a plan could read from: a tag, asset, date or text term that is not negated.
bool hasSetToReadFrom(const Node& node, bool negated = false) {
    if (node.type == NodeType::Term) {
        const bool not_equal = node.term.op == Comparison::NotEqual && node.term.field != Field::Date;
        return isResolvedField(node.term.field) && negated == not_equal;
    }
    const bool flip = node.type == NodeType::Not;
    return std::any_of(node.children.begin(), node.children.end(),
                       [&](const Node& child) { return hasSetToReadFrom(child, negated != flip); });
}

void bindValue(Statement& stmt, int index, const SqlValue& value) {
    std::visit([&](const auto& v) { stmt.bind(index, v); }, value);
}

}  // namespace

bool isColumnOnly(const Node& node) noexcept {
    if (node.type == NodeType::Term) return !isResolvedField(node.term.field);
    return std::all_of(node.children.begin(), node.children.end(),
                       [](const Node& child) { return isColumnOnly(child); });
}

CatalogEstimates readEstimates(Database& db, const Node& root) {
    CatalogEstimates estimates;
    {
        // max(rowid) is one step down each B-tree; counting a million rows would cost more than a search.
        Statement sizes = db.prepare(
            "SELECT (SELECT max(rowid) FROM segment), (SELECT max(rowid) FROM asset),"
            " (SELECT doc FROM search_doc WHERE doc >= ?1 AND doc < ?2 ORDER BY doc DESC LIMIT 1)");
        sizes.bindAll(kNoteDocuments.first, kNoteDocuments.end);
        sizes.step();
        estimates.segments = double(std::max<int64_t>(1, sizes.optionalInt64At(0).value_or(1)));
        estimates.assets = double(std::max<int64_t>(1, sizes.optionalInt64At(1).value_or(1)));
        // Note documents are numbered from the start of their range; a note edited N times used N numbers,
        // which only makes the walk of noted segments look dearer than it is.
        const auto last_note = sizes.optionalInt64At(2);
        estimates.noted_segments =
            last_note ? std::clamp(double(*last_note - kNoteDocuments.first + 1), 1.0, estimates.segments) : 1.0;
    }
    // Without a set to read from there is one walk to choose (the set-driven plan is its fallback), so the
    // sample would change nothing but the walk's budget; it is read only when it weighs sources.
    std::vector<const Node*> subtrees;
    collectColumnOnly(root, subtrees);
    if (subtrees.empty() || !hasSetToReadFrom(root)) return estimates;

    // One pass over the first rows of the walk index (covering: no table row is read) for all subtrees.
    std::string sql = "SELECT count(*)";
    std::vector<SqlValue> params;
    for (const Node* subtree : subtrees) {
        SqlFilter filter = compileFilter(*subtree);
        sql += fmt::format(", total({})", filter.sql);
        params.insert(params.end(), filter.params.begin(), filter.params.end());
    }
    sql +=
        " FROM (SELECT score, id, rating, kind, asset_id, in_ticks, out_ticks, time_base_num, time_base_den"
        " FROM segment INDEXED BY segment_live_walk WHERE deleted = 0 ORDER BY score DESC, id LIMIT ?) AS s";
    Statement sample = db.prepare(sql);
    int index = 0;
    for (const auto& value : params) bindValue(sample, ++index, value);
    sample.bind(++index, kColumnSampleRows);
    sample.step();
    const double read = double(sample.int64At(0));
    for (size_t i = 0; i < subtrees.size(); ++i) {
        const double passed = sample.doubleAt(int(i) + 1);
        // Nothing passed in a full sample: rarer than one in the sample, not impossible. A sample that read
        // the whole catalog is exact.
        const bool whole_catalog = read < kColumnSampleRows;
        estimates.column_share[subtrees[i]] =
            read == 0 ? 0.0 : (passed == 0 && !whole_catalog ? 0.5 / read : passed / read);
    }
    if (read < kColumnSampleRows) estimates.segments = std::max(1.0, read);
    return estimates;
}

}  // namespace rushes::catalog::query
