// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/plan_runner.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <iterator>

#include "catalog/query/query_compiler.h"

namespace rushes::catalog::query {

namespace {

constexpr const char* kResultColumns =
    "SELECT s.id, s.asset_id, a.rel_path, s.kind, s.in_ticks, s.out_ticks, s.time_base_num,"
    " s.time_base_den, s.score, s.rating, s.note FROM ";
constexpr const char* kProjectFilter = " AND s.asset_id IN (SELECT id FROM asset WHERE project_id = ? AND deleted = 0)";

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

void bindValue(Statement& stmt, int index, const SqlValue& value) {
    std::visit([&](const auto& v) { stmt.bind(index, v); }, value);
}

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

// A walk whose filter is rarer than estimated would read the whole index. The budget, in SQLite VM steps
// (a progress handler), stops it at a bounded multiple of its estimate; the caller then lets SQLite plan.
class VmStepBudget {
public:
    VmStepBudget(sqlite3* db, int64_t steps) : db_(db), units_left_(steps / kStepsPerUnit) {
        sqlite3_progress_handler(db_, kStepsPerUnit, &VmStepBudget::tick, this);
    }
    VmStepBudget(const VmStepBudget&) = delete;
    VmStepBudget& operator=(const VmStepBudget&) = delete;
    ~VmStepBudget() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }
    [[nodiscard]] bool exhausted() const noexcept { return units_left_ < 0; }

private:
    static constexpr int kStepsPerUnit = 1000;
    static int tick(void* self) { return --static_cast<VmStepBudget*>(self)->units_left_ < 0 ? 1 : 0; }
    sqlite3* db_;
    int64_t units_left_;
};

// About 30 VM steps per walked index row with its column tests.
int64_t budgetSteps(const Branch& branch, const WalkBudget& budget) {
    constexpr double kStepsPerRow = 30;
    return std::max(budget.minimum_vm_steps, int64_t(branch.rows_estimate * kStepsPerRow * budget.slack));
}

// How the residual sees the source's row: segment_tag_walk names the segment id segment_id and knows
// whether it has a note; a segment table row (Assets) has the note itself; the walk indexes have neither.
CompileOptions residualOptions(Source source, const ResolvedTerms& hits) {
    switch (source) {
        case Source::Tag: return {FilterStyle::Probe, &hits, "s.segment_id", "s.noted"};
        case Source::Notes:
        case Source::Assets: return {FilterStyle::Probe, &hits, "s.id", "s.note IS NOT NULL"};
        case Source::Walk:
        case Source::NotedWalk: break;
    }
    return {FilterStyle::Probe, &hits, "s.id", {}};
}

SqlFilter residualFilter(const Branch& branch, const ResolvedTerms& hits) {
    SqlFilter out{"1", {}};
    const CompileOptions options = residualOptions(branch.source, hits);
    for (const Node* node : branch.residual) {
        SqlFilter part = compileFilter(*node, options);
        out.sql += fmt::format(" AND {}", part.sql);
        out.params.insert(out.params.end(), part.params.begin(), part.params.end());
    }
    return out;
}

// One row of a branch's page: enough to merge pages; the rows of the final page are read afterwards.
struct PageKey {
    std::string segment_id;
    std::optional<double> score;
};

// The branch's page as (segment id, score), best first; `?` in order: the source's ids, the project, the
// residual's values, limit, offset. Walk, Tag and NotedWalk read only their index, not the segment rows.
std::string pageSql(const Branch& branch, const SqlFilter& residual, bool by_project) {
    const std::string_view project = by_project ? kProjectFilter : "";
    switch (branch.source) {
        case Source::Walk:
            return fmt::format(
                "SELECT s.id, s.score FROM segment s INDEXED BY segment_live_walk WHERE s.deleted = 0{} AND {}"
                " ORDER BY s.score DESC, s.id LIMIT ? OFFSET ?",
                project, residual.sql);
        case Source::Tag:
            // segment_tag_walk holds live segments only, and its key is the result order.
            return fmt::format(
                "SELECT s.segment_id, s.score FROM segment_tag_walk s WHERE s.tag_id = ?{} AND {}"
                " ORDER BY s.unscored, s.score_rank DESC, s.segment_id LIMIT ? OFFSET ?",
                project, residual.sql);
        case Source::NotedWalk:
            return fmt::format(
                "SELECT s.id, s.score FROM segment s INDEXED BY segment_note_walk"
                " WHERE s.deleted = 0 AND s.note IS NOT NULL AND EXISTS (SELECT 1 FROM search_doc d"
                " WHERE d.kind = 'segment' AND d.row_id = s.id AND rushes_in_sorted(?, d.doc)){} AND {}"
                " ORDER BY s.score DESC, s.id LIMIT ? OFFSET ?",
                project, residual.sql);
        case Source::Notes:
            // CROSS JOIN keeps the document set outside: SQLite would otherwise walk the result order instead.
            return fmt::format(
                "SELECT s.id, s.score FROM json_each(?) AS h CROSS JOIN search_doc d ON d.doc = h.value"
                " CROSS JOIN segment s ON s.id = d.row_id WHERE d.kind = 'segment' AND s.deleted = 0{} AND {}"
                " ORDER BY s.score DESC, s.id LIMIT ? OFFSET ?",
                project, residual.sql);
        case Source::Assets:
            return fmt::format(
                "SELECT s.id, s.score FROM json_each(?) AS h CROSS JOIN segment s INDEXED BY segment_asset"
                " ON s.asset_id = h.value WHERE s.deleted = 0{} AND {} ORDER BY s.score DESC, s.id LIMIT ? OFFSET ?",
                project, residual.sql);
    }
    return {};
}

std::vector<PageKey> readKeys(Statement& stmt) {
    std::vector<PageKey> keys;
    while (stmt.step()) keys.push_back({stmt.textAt(0), stmt.optionalDoubleAt(1)});
    return keys;
}

std::optional<std::vector<PageKey>> runBranch(Database& db, const Branch& branch, const ResolvedTerms& hits,
                                              const SearchOptions& options, int64_t limit, int64_t offset,
                                              const std::optional<WalkBudget>& budget) {
    const SqlFilter residual = residualFilter(branch, hits);
    Statement stmt = db.prepare(pageSql(branch, residual, options.project_id.has_value()));
    int index = 0;
    if (branch.source != Source::Walk) stmt.bind(++index, branch.ids);
    if (options.project_id) stmt.bind(++index, *options.project_id);
    for (const auto& value : residual.params) bindValue(stmt, ++index, value);
    stmt.bind(++index, limit);
    stmt.bind(++index, offset);

    // Notes and Assets read a bounded set; the others walk an index that may be far longer than the page needs.
    const bool walks =
        branch.source == Source::Walk || branch.source == Source::Tag || branch.source == Source::NotedWalk;
    if (!budget || !walks) return readKeys(stmt);
    VmStepBudget steps(db.handle(), budgetSteps(branch, *budget));
    try {
        return readKeys(stmt);
    } catch (const Error&) {
        if (steps.exhausted()) return std::nullopt;
        throw;
    }
}

// Best score first, unscored last, ties by id: SQLite's "ORDER BY score DESC, id" (REAL compares
// numerically, TEXT bytewise).
bool before(const PageKey& a, const PageKey& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    if (a.score && *a.score != *b.score) return *a.score > *b.score;
    return a.segment_id < b.segment_id;
}

// The ids as a JSON array of strings.
std::string jsonArray(const std::vector<PageKey>& keys) {
    std::string json = "[";
    for (const PageKey& key : keys) {
        if (json.size() > 1) json += ',';
        json += '"';
        for (char c : key.segment_id) {
            if (c == '"' || c == '\\') json += '\\';
            if (static_cast<unsigned char>(c) < 0x20) {
                json += fmt::format("\\u{:04x}", int(c));
                continue;
            }
            json += c;
        }
        json += '"';
    }
    return json + "]";
}

// The page's rows, in the page's order.
std::vector<SearchResult> readPage(Database& db, const std::vector<PageKey>& keys) {
    if (keys.empty()) return {};
    Statement stmt = db.prepare(std::string(kResultColumns) +
                                "json_each(?1) AS h CROSS JOIN segment s ON s.id = h.value"
                                " JOIN asset a ON a.id = s.asset_id ORDER BY h.key");
    stmt.bindAll(jsonArray(keys));
    return readResults(db, stmt);
}

std::vector<SearchResult> runSetDriven(Database& db, const Node& root, const SearchOptions& options) {
    const SqlFilter filter = compileFilter(root);
    // The filter and the page are found on segment alone: a live segment never hangs off a tombstoned asset
    // (the stores cascade; checkConsistency checks it), so the asset is joined only for the rows returned —
    // one lookup per result instead of one per match. Ordering by asset path needs the asset up front.
    const bool by_asset = options.order == SearchOrder::Asset;
    std::string sql = kResultColumns;
    sql += by_asset ? "segment s JOIN asset a ON a.id = s.asset_id WHERE a.deleted = 0 AND "
                    : "(SELECT * FROM segment s WHERE ";
    sql += "s.deleted = 0";
    if (options.project_id) sql += kProjectFilter;
    sql += fmt::format(" AND {}{} LIMIT ? OFFSET ?", filter.sql, orderBy(options.order));
    if (!by_asset) sql += fmt::format(") AS s JOIN asset a ON a.id = s.asset_id{}", orderBy(options.order));

    // The SQL text depends only on the query's shape, so the statement cache holds one entry per shape.
    Statement stmt = db.prepare(sql);
    int index = 0;
    if (options.project_id) stmt.bind(++index, *options.project_id);
    for (const auto& value : filter.params) bindValue(stmt, ++index, value);
    stmt.bind(++index, options.limit < 0 ? int64_t(-1) : int64_t(options.limit));
    stmt.bind(++index, std::max(0, options.offset));
    return readResults(db, stmt);
}

}  // namespace

std::optional<std::vector<SearchResult>> runPlan(Database& db, const SearchPlan& plan, const Node& root,
                                                 const ResolvedTerms& hits, const SearchOptions& options,
                                                 std::optional<WalkBudget> budget) {
    if (plan.set_driven) return runSetDriven(db, root, options);
    if (options.order != SearchOrder::Score || options.limit <= 0) {
        throw Error(ErrorKind::Internal, "search query", "a branch plan serves only best-score-first pages");
    }
    const int64_t limit = options.limit, offset = std::max(0, options.offset);
    if (plan.branches.size() == 1) {
        auto keys = runBranch(db, plan.branches.front(), hits, options, limit, offset, budget);
        if (!keys) return std::nullopt;
        return readPage(db, *keys);
    }

    // The best limit + offset rows of a union are among the best limit + offset rows of its parts.
    std::vector<PageKey> merged;
    for (const Branch& branch : plan.branches) {
        auto keys = runBranch(db, branch, hits, options, limit + offset, 0, budget);
        if (!keys) return std::nullopt;
        std::move(keys->begin(), keys->end(), std::back_inserter(merged));
    }
    std::sort(merged.begin(), merged.end(), before);
    // One segment reached by two branches (tag:a OR tag:b) is the same row twice, side by side after sorting.
    merged.erase(std::unique(merged.begin(), merged.end(),
                             [](const PageKey& a, const PageKey& b) { return a.segment_id == b.segment_id; }),
                 merged.end());
    merged.erase(merged.begin(), merged.begin() + std::min<int64_t>(offset, int64_t(merged.size())));
    if (int64_t(merged.size()) > limit) merged.resize(size_t(limit));
    return readPage(db, merged);
}

void attachTags(Database& db, std::vector<SearchResult>& rows) {
    if (rows.empty()) return;
    std::vector<PageKey> keys;
    for (const auto& row : rows) keys.push_back({row.segment_id, {}});
    // One statement for the page: h.key is the row's index in `rows`.
    Statement stmt = db.prepare(
        "SELECT h.key, t.name FROM json_each(?1) AS h CROSS JOIN segment_tag st ON st.segment_id = h.value"
        " JOIN tag t ON t.id = st.tag_id WHERE st.present = 1 AND t.deleted = 0 ORDER BY h.key, t.name_key, t.id");
    stmt.bindAll(jsonArray(keys));
    while (stmt.step()) rows.at(size_t(stmt.int64At(0))).tags.push_back(stmt.textAt(1));
}

}  // namespace rushes::catalog::query
