// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/consistency.h"

#include <fmt/format.h>

#include "catalog/database.h"
#include "catalog/search_documents.h"
#include "catalog/tag_store.h"

namespace rushes::catalog {

namespace {

// A child table's reference to its parent; `live_child` is the SQL condition for a live child row.
struct Reference {
    const char* child;
    const char* column;
    const char* parent;
    const char* live_child;
};

constexpr Reference kReferences[] = {
    {"asset", "project_id", "project", "deleted = 0"},
    {"asset", "volume_id", "volume", "deleted = 0"},
    {"analysis_run", "asset_id", "asset", "deleted = 0"},
    {"shot", "asset_id", "asset", "deleted = 0"},
    {"shot", "analysis_run_id", "analysis_run", "deleted = 0"},
    {"segment", "asset_id", "asset", "deleted = 0"},
    {"segment", "analysis_run_id", "analysis_run", "deleted = 0"},
    {"analysis_series", "analysis_run_id", "analysis_run", "analysis_run_id IS NOT NULL"},
    {"tag", "project_id", "project", "deleted = 0"},
    {"segment_tag", "segment_id", "segment", "present = 1"},
    {"segment_tag", "tag_id", "tag", "present = 1"},
    {"marker", "asset_id", "asset", "deleted = 0"},
    {"reel", "project_id", "project", "deleted = 0"},
    {"reel_item", "reel_id", "reel", "deleted = 0"},
    {"reel_item", "segment_id", "segment", "deleted = 0"},
    {"saved_search", "project_id", "project", "deleted = 0"},
};

// What the full-text index must hold: one document per live source row with text, carrying that text.
constexpr const char* kExpectedSearchDocs =
    "SELECT 'asset', id, substr(rel_path, length(rtrim(rel_path, replace(rel_path, '/', ''))) + 1) FROM asset"
    " WHERE deleted = 0"
    " UNION ALL SELECT 'segment', id, note FROM segment WHERE deleted = 0 AND note IS NOT NULL"
    " UNION ALL SELECT 'tag', id, name FROM tag WHERE deleted = 0";
constexpr const char* kIndexedSearchDocs =
    "SELECT d.kind, d.row_id, t.body FROM search_doc d LEFT JOIN search_text t ON t.rowid = d.doc";

class Checker {
public:
    explicit Checker(Database& db) : db_(db) {}

    void add(std::string rule, std::string detail) { found_.push_back({std::move(rule), std::move(detail)}); }

    // Each row the query returns is one violation; its columns, joined by spaces, are the detail.
    void rows(const std::string& rule, const std::string& sql) {
        Statement stmt = db_.prepare(sql);
        while (stmt.step()) {
            std::string detail;
            for (int i = 0; i < stmt.columnCount(); ++i) {
                if (i > 0) detail += ' ';
                detail += stmt.isNull(i) ? "NULL" : stmt.textAt(i);
            }
            add(rule, std::move(detail));
        }
    }

    std::vector<ConsistencyViolation> take() { return std::move(found_); }

private:
    Database& db_;
    std::vector<ConsistencyViolation> found_;
};

void checkIntegrity(Database& db, Checker& check) {
    Statement stmt = db.prepare("PRAGMA integrity_check");
    while (stmt.step()) {
        if (stmt.textAt(0) != "ok") check.add("integrity_check", stmt.textAt(0));
    }
    // FTS5's own check compares its index with its stored content; it answers with an error, not rows.
    try {
        db.execute("INSERT INTO search_text(search_text) VALUES ('integrity-check')");
    } catch (const Error& error) {
        check.add("fts_integrity", error.reason());
    }
}

void checkReferences(Checker& check) {
    check.rows("foreign_key", "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
    // Orphans are caught above only while foreign keys are enforced; rows written with them off (a sync
    // batch, a hand edit) are caught here.
    for (const auto& ref : kReferences) {
        const std::string child = ref.child, column = ref.column, parent = ref.parent;
        // Rows are named by their key; the two keyed by pairs spell both parts.
        const std::string id = child == "segment_tag"       ? "c.segment_id || ':' || c.tag_id"
                               : child == "analysis_series" ? "c.analysis_run_id || ':' || c.name"
                                                            : "c.id";
        check.rows("orphan_reference", "SELECT '" + child + "', " + id + ", '" + column + "', c." + column + " FROM " +
                                           child + " c WHERE c." + column +
                                           " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + parent +
                                           " p WHERE p.id = c." + column + ")");
        check.rows("live_child_of_tombstone", "SELECT '" + child + "', " + id + ", '" + column + "', c." + column +
                                                  " FROM " + child + " c JOIN " + parent + " p ON p.id = c." + column +
                                                  " WHERE c." + ref.live_child + " AND p.deleted = 1");
    }
}

void checkValues(Checker& check) {
    check.rows("segment_range",
               "SELECT 'segment', id, in_ticks, out_ticks FROM segment WHERE in_ticks < 0 OR out_ticks <= in_ticks");
    check.rows("segment_range",
               "SELECT 'shot', id, in_ticks, out_ticks FROM shot WHERE in_ticks < 0 OR out_ticks <= in_ticks");
    check.rows("time_base", "SELECT 'segment', id FROM segment WHERE time_base_num <= 0 OR time_base_den <= 0");
    check.rows("rating", "SELECT id, rating FROM segment WHERE rating IS NOT NULL AND (rating < 0 OR rating > 5)");
    check.rows("tag_unique",
               "SELECT project_id, name_key, count(*) FROM tag WHERE deleted = 0"
               " GROUP BY project_id, name_key HAVING count(*) > 1");
    check.rows("tag_project",
               "SELECT st.segment_id, st.tag_id FROM segment_tag st"
               " JOIN segment s ON s.id = st.segment_id JOIN asset a ON a.id = s.asset_id"
               " JOIN tag t ON t.id = st.tag_id WHERE st.present = 1 AND t.project_id <> a.project_id");
    check.rows("updated_hlc",
               "SELECT 'segment', id FROM segment WHERE length(updated_hlc) <> 34"
               " UNION ALL SELECT 'asset', id FROM asset WHERE length(updated_hlc) <> 34"
               " UNION ALL SELECT 'tag', id FROM tag WHERE length(updated_hlc) <> 34"
               " UNION ALL SELECT 'reel', id FROM reel WHERE length(updated_hlc) <> 34"
               " UNION ALL SELECT 'reel_item', id FROM reel_item WHERE length(updated_hlc) <> 34");
    // A reel item's own in/out (schema v5) must still leave a range once the segment's points fill the
    // unset sides; moving the segment alone can break that, and export refuses such an item.
    check.rows("reel_item_range",
               "SELECT ri.id, coalesce(ri.trim_in_ticks, s.in_ticks), coalesce(ri.trim_out_ticks, s.out_ticks)"
               " FROM reel_item ri JOIN segment s ON s.id = ri.segment_id WHERE ri.deleted = 0"
               " AND coalesce(ri.trim_out_ticks, s.out_ticks) <= coalesce(ri.trim_in_ticks, s.in_ticks)");
    check.rows("reel_project",
               "SELECT ri.id, r.project_id, a.project_id FROM reel_item ri JOIN reel r ON r.id = ri.reel_id"
               " JOIN segment s ON s.id = ri.segment_id JOIN asset a ON a.id = s.asset_id"
               " WHERE ri.deleted = 0 AND r.project_id <> a.project_id");
}

void checkTagKeys(Database& db, Checker& check) {
    // The key is computed in C++ (SQLite's NOCASE folds ASCII only), so only C++ can verify it.
    Statement stmt = db.prepare("SELECT id, name, name_key FROM tag");
    while (stmt.step()) {
        const auto key = tagNameKey(stmt.textAt(1));
        if (!key || *key != stmt.textAt(2)) check.add("tag_name_key", stmt.textAt(0) + " " + stmt.textAt(1));
    }
}

void checkSearchIndex(Checker& check) {
    // Wrapped, because EXCEPT and UNION ALL are evaluated left to right in one compound select.
    const std::string expected = std::string("SELECT * FROM (") + kExpectedSearchDocs + ")";
    const std::string indexed = std::string("SELECT * FROM (") + kIndexedSearchDocs + ")";
    check.rows("fts_missing", "SELECT * FROM (" + expected + " EXCEPT " + indexed + ")");
    check.rows("fts_stale", "SELECT * FROM (" + indexed + " EXCEPT " + expected + ")");
    check.rows("fts_stray", "SELECT rowid FROM search_text WHERE rowid NOT IN (SELECT doc FROM search_doc)");
}

// segment_tag_walk and tag_segment_count (schema v6) are derived from segment_tag and segment by triggers,
// and full-text documents are numbered by kind; search results depend on both being exact.
constexpr const char* kExpectedTagWalk =
    "SELECT st.tag_id, s.score IS NULL, coalesce(s.score, 0), s.id, s.score, s.rating, s.kind, s.asset_id,"
    " s.in_ticks, s.out_ticks, s.time_base_num, s.time_base_den, s.note IS NOT NULL"
    " FROM segment_tag st JOIN segment s ON s.id = st.segment_id WHERE st.present = 1 AND s.deleted = 0";
constexpr const char* kStoredTagWalk =
    "SELECT tag_id, unscored, score_rank, segment_id, score, rating, kind, asset_id, in_ticks, out_ticks,"
    " time_base_num, time_base_den, noted FROM segment_tag_walk";
constexpr const char* kExpectedTagCounts = "SELECT tag_id, count(*) FROM segment_tag_walk GROUP BY tag_id";
constexpr const char* kStoredTagCounts = "SELECT tag_id, segments FROM tag_segment_count";

void checkSearchPlannerData(Database& db, Checker& check) {
    if (db.queryInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'segment_tag_walk'").value_or(0) == 0) return;
    const auto except = [](const char* a, const char* b) {
        return std::string("SELECT * FROM (SELECT * FROM (") + a + ") EXCEPT SELECT * FROM (" + b + "))";
    };
    check.rows("tag_walk_missing", except(kExpectedTagWalk, kStoredTagWalk));
    check.rows("tag_walk_stale", except(kStoredTagWalk, kExpectedTagWalk));
    check.rows("tag_count", except(kStoredTagCounts, kExpectedTagCounts));
    check.rows("tag_count", except(kExpectedTagCounts, kStoredTagCounts));
    // Search reads one kind's documents by rowid range (catalog/search_documents.h).
    for (const DocumentRange& range : {kAssetDocuments, kTagDocuments, kNoteDocuments}) {
        check.rows("fts_doc_range", fmt::format("SELECT doc, kind, row_id FROM search_doc WHERE kind = '{}'"
                                                " AND (doc < {} OR doc >= {})",
                                                range.kind, range.first, range.end));
    }
}

}  // namespace

std::vector<ConsistencyViolation> checkConsistency(Database& db) {
    Checker check(db);
    checkIntegrity(db, check);
    checkReferences(check);
    checkValues(check);
    checkTagKeys(db, check);
    checkSearchIndex(check);
    checkSearchPlannerData(db, check);
    return check.take();
}

std::string describe(const std::vector<ConsistencyViolation>& violations) {
    std::string text;
    for (const auto& violation : violations) text += violation.rule + ": " + violation.detail + "\n";
    return text;
}

}  // namespace rushes::catalog
