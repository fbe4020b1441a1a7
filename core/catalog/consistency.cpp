// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/consistency.h"

#include "catalog/database.h"
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
    // A reel item's own in/out (schema v4) must still leave a range once the segment's points fill the
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

}  // namespace

std::vector<ConsistencyViolation> checkConsistency(Database& db) {
    Checker check(db);
    checkIntegrity(db, check);
    checkReferences(check);
    checkValues(check);
    checkTagKeys(db, check);
    checkSearchIndex(check);
    return check.take();
}

std::string describe(const std::vector<ConsistencyViolation>& violations) {
    std::string text;
    for (const auto& violation : violations) text += violation.rule + ": " + violation.detail + "\n";
    return text;
}

}  // namespace rushes::catalog
