// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/segment_search.h"

#include <sqlite3.h>

#include "catalog/query/query_compiler.h"
#include "catalog/query/query_parser.h"

namespace rushes::catalog {

namespace {

// The only ORDER BY clauses a search can use; chosen by enum, never from text.
std::string_view orderBy(SearchOrder order) {
    switch (order) {
        case SearchOrder::Score: return " ORDER BY s.score DESC, s.id";  // NULL sorts lowest, so last
        case SearchOrder::Newest: return " ORDER BY s.id DESC";
        case SearchOrder::Asset: return " ORDER BY a.rel_path, s.in_ticks, s.id";
        case SearchOrder::Rating: return " ORDER BY s.rating DESC, s.score DESC, s.id";
    }
    return " ORDER BY s.id";
}

void bindValue(Statement& stmt, int index, const query::SqlValue& value) {
    std::visit([&](const auto& v) { stmt.bind(index, v); }, value);
}

std::vector<std::string> tagNames(Database& db, const std::string& segment_id) {
    Statement stmt = db.prepare(
        "SELECT t.name FROM segment_tag st JOIN tag t ON t.id = st.tag_id"
        " WHERE st.segment_id = ?1 AND st.present = 1 AND t.deleted = 0 ORDER BY t.name_key, t.id");
    stmt.bindAll(segment_id);
    std::vector<std::string> names;
    while (stmt.step()) names.push_back(stmt.textAt(0));
    return names;
}

constexpr const char* kResultColumns =
    "SELECT s.id, s.asset_id, a.rel_path, s.kind, s.in_ticks, s.out_ticks, s.time_base_num,"
    " s.time_base_den, s.score, s.rating, s.note FROM ";

std::vector<SearchResult> readResults(Database& db, Statement& stmt) {
    std::vector<SearchResult> results;
    while (stmt.step()) {
        SearchResult row;
        row.segment_id = stmt.textAt(0);
        row.asset_id = stmt.textAt(1);
        row.asset_path = stmt.textAt(2);
        const auto kind = parseSegmentKind(stmt.textAt(3));
        if (!kind) throw db.rowError(ErrorKind::Corrupt, "segment", row.segment_id, "unknown kind " + stmt.textAt(3));
        row.kind = *kind;
        row.in_ticks = stmt.int64At(4);
        row.out_ticks = stmt.int64At(5);
        row.time_base = Rational{stmt.int64At(6), stmt.int64At(7)};
        row.score = stmt.optionalDoubleAt(8);
        if (const auto rating = stmt.optionalInt64At(9)) row.rating = int(*rating);
        row.note = stmt.optionalTextAt(10);
        results.push_back(std::move(row));
    }
    return results;
}

// Best-score-first pages of a broad filter: walk the live segments in result order through
// segment_live_walk (covering every column a filter tests) and test each one until the page is full — a few thousand rows for a common tag
// among a million segments. A rare filter would walk the whole index, so the walk has a budget of
// SQLite VM steps (a progress handler); over budget, the caller uses the set-driven plan instead.
class WalkBudget {
public:
    WalkBudget(sqlite3* db, int units) : db_(db), units_left_(units) {
        sqlite3_progress_handler(db_, kOpsPerUnit, &WalkBudget::tick, this);
    }
    WalkBudget(const WalkBudget&) = delete;
    WalkBudget& operator=(const WalkBudget&) = delete;
    ~WalkBudget() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }
    [[nodiscard]] bool exhausted() const noexcept { return units_left_ < 0; }

private:
    static constexpr int kOpsPerUnit = 1000;
    static int tick(void* self) { return --static_cast<WalkBudget*>(self)->units_left_ < 0 ? 1 : 0; }
    sqlite3* db_;
    int units_left_;
};

std::optional<std::vector<SearchResult>> searchByScoreWalk(Database& db, const query::Node& query,
                                                           const SearchOptions& options) {
    const query::SqlFilter filter = query::compileFilter(query, query::FilterStyle::Probe);
    std::string sql = kResultColumns;
    sql += "(SELECT * FROM segment s INDEXED BY segment_live_walk WHERE s.deleted = 0";
    if (options.project_id) sql += " AND s.asset_id IN (SELECT id FROM asset WHERE project_id = ? AND deleted = 0)";
    sql += " AND " + filter.sql;
    sql += " ORDER BY s.score DESC, s.id LIMIT ? OFFSET ?) AS s JOIN asset a ON a.id = s.asset_id";
    sql += orderBy(SearchOrder::Score);
    Statement stmt = db.prepare(sql);
    int index = 0;
    if (options.project_id) stmt.bind(++index, *options.project_id);
    for (const auto& value : filter.params) bindValue(stmt, ++index, value);
    stmt.bind(++index, int64_t(options.limit));
    stmt.bind(++index, std::max(0, options.offset));
    // 400 units of 1,000 VM steps: a few milliseconds of walking.
    WalkBudget budget(db.handle(), 400);
    try {
        return readResults(db, stmt);
    } catch (const Error&) {
        if (budget.exhausted()) return std::nullopt;
        throw;
    }
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
    if (options.order == SearchOrder::Score && options.limit > 0) {
        if (auto page = searchByScoreWalk(db, query, options)) {
            for (auto& row : *page) row.tags = tagNames(db, row.segment_id);
            return std::move(*page);
        }
    }
    const query::SqlFilter filter = query::compileFilter(query);
    // The filter and the page are found on segment alone: a live segment never hangs off a tombstoned asset
    // (the stores cascade; checkConsistency checks it), so the asset is joined only for the rows returned —
    // one lookup per result instead of one per match. Ordering by asset path needs the asset up front.
    const bool by_asset = options.order == SearchOrder::Asset;
    std::string sql = kResultColumns;
    sql += by_asset ? "segment s JOIN asset a ON a.id = s.asset_id WHERE a.deleted = 0 AND "
                    : "(SELECT * FROM segment s WHERE ";
    sql += "s.deleted = 0";
    if (options.project_id) sql += " AND s.asset_id IN (SELECT id FROM asset WHERE project_id = ? AND deleted = 0)";
    sql += " AND " + filter.sql;
    sql += orderBy(options.order);
    sql += " LIMIT ? OFFSET ?";
    if (!by_asset) {
        sql += ") AS s JOIN asset a ON a.id = s.asset_id";
        sql += orderBy(options.order);
    }

    // The SQL text depends only on the query's shape, so the statement cache holds one entry per shape.
    Statement stmt = db.prepare(sql);
    int index = 0;
    if (options.project_id) stmt.bind(++index, *options.project_id);
    for (const auto& value : filter.params) bindValue(stmt, ++index, value);
    stmt.bind(++index, options.limit < 0 ? int64_t(-1) : int64_t(options.limit));
    stmt.bind(++index, std::max(0, options.offset));

    std::vector<SearchResult> results = readResults(db, stmt);
    for (auto& row : results) row.tags = tagNames(db, row.segment_id);
    return results;
}

}  // namespace rushes::catalog
