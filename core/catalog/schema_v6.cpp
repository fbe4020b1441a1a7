// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 6: what the search planner reads to pick a plan before it runs one (docs/search.md).
// Everything here is derived from synced rows and kept by triggers; none of it is synced, so none of it
// writes to the outbox or field_clock, whether the change is local or a remote apply. Full-text document
// ids move into one range per kind (catalog/search_documents.h).
#include <fmt/format.h>

#include <tuple>

#include "catalog/migration_steps.h"
#include "catalog/search_documents.h"

namespace rushes::catalog::steps {

namespace {

// One row per live membership (segment_tag.present = 1) of a live segment, carrying the segment's walk
// columns, keyed so that one tag's segments come best score first, ties by id — the result order of
// SearchOrder::Score. `tag:goal rating>=4` then reads goal's segments in result order and tests each from
// this row alone, instead of walking every segment and probing segment_tag for each one.
// A WITHOUT ROWID primary key cannot hold NULL, so the order is (unscored, score_rank DESC, segment_id):
// scored rows first by score, then unscored ones by id — exactly "score DESC (NULL last), id".
// The rank columns always follow the segment's current score, so a trigger finds a row again through
// the key from the segment's OLD values. `noted` (the segment has a note) lets a search skip the test of a
// word's note hits for the 95% of segments without a note.
constexpr const char* kTables = R"sql(
CREATE TABLE segment_tag_walk (
  tag_id        TEXT NOT NULL,
  unscored      INTEGER NOT NULL,
  score_rank    REAL NOT NULL,
  segment_id    TEXT NOT NULL,
  score         REAL,
  rating        INTEGER,
  kind          TEXT NOT NULL,
  asset_id      TEXT NOT NULL,
  in_ticks      INTEGER NOT NULL,
  out_ticks     INTEGER NOT NULL,
  time_base_num INTEGER NOT NULL,
  time_base_den INTEGER NOT NULL,
  noted         INTEGER NOT NULL,
  PRIMARY KEY (tag_id, unscored, score_rank DESC, segment_id)
) STRICT, WITHOUT ROWID;

-- The live segments that have a note, best score first, with every column a filter tests: the segments a
-- word can find by note, walked in result order (a word in 7,000 of 50,000 notes fills a page of 100
-- after ~700 rows, where the walk of every segment would read ~14,000).
CREATE INDEX segment_note_walk ON segment(score DESC, id, rating, kind, asset_id, in_ticks, out_ticks,
                                          time_base_num, time_base_den) WHERE deleted = 0 AND note IS NOT NULL;

-- How many rows segment_tag_walk holds per tag: the planner's selectivity of tag:NAME, read in O(1).
CREATE TABLE tag_segment_count (
  tag_id   TEXT PRIMARY KEY NOT NULL,
  segments INTEGER NOT NULL CHECK (segments > 0)
) STRICT, WITHOUT ROWID;

-- The day an asset was shot, as query_compiler's date: term computes it (same expression, so SQLite uses
-- this index for date:, date>=… instead of parsing every asset's probe JSON).
CREATE INDEX asset_shot_day ON asset(COALESCE(date(substr(json_extract(probe_json, '$.creation_time'), 1, 10)),
                                              date(created_at_ms / 1000, 'unixepoch')));
)sql";

// Trigger bodies never rely on a conflict clause: the outer statement's clause (an upsert, OR IGNORE)
// would override it. Each INSERT here cannot conflict, because the row it adds is the one the matching
// DELETE removed or never existed.
constexpr const char* kTriggers = R"sql(
CREATE TRIGGER segment_tag_walk_count_insert AFTER INSERT ON segment_tag_walk
BEGIN
  UPDATE tag_segment_count SET segments = segments + 1 WHERE tag_id = NEW.tag_id;
  INSERT INTO tag_segment_count(tag_id, segments) SELECT NEW.tag_id, 1
    WHERE NOT EXISTS (SELECT 1 FROM tag_segment_count WHERE tag_id = NEW.tag_id);
END;
CREATE TRIGGER segment_tag_walk_count_delete AFTER DELETE ON segment_tag_walk
BEGIN
  DELETE FROM tag_segment_count WHERE tag_id = OLD.tag_id AND segments = 1;
  UPDATE tag_segment_count SET segments = segments - 1 WHERE tag_id = OLD.tag_id AND segments > 1;
END;

CREATE TRIGGER segment_tag_walk_membership_insert AFTER INSERT ON segment_tag
WHEN NEW.present = 1
BEGIN
  INSERT INTO segment_tag_walk
    SELECT NEW.tag_id, s.score IS NULL, coalesce(s.score, 0), s.id, s.score, s.rating, s.kind, s.asset_id,
           s.in_ticks, s.out_ticks, s.time_base_num, s.time_base_den, s.note IS NOT NULL
    FROM segment s WHERE s.id = NEW.segment_id AND s.deleted = 0;
END;
CREATE TRIGGER segment_tag_walk_membership_update AFTER UPDATE OF segment_id, tag_id, present ON segment_tag
WHEN OLD.present IS NOT NEW.present OR OLD.segment_id IS NOT NEW.segment_id OR OLD.tag_id IS NOT NEW.tag_id
BEGIN
  DELETE FROM segment_tag_walk
    WHERE tag_id = OLD.tag_id AND segment_id = OLD.segment_id
      AND unscored = (SELECT s.score IS NULL FROM segment s WHERE s.id = OLD.segment_id)
      AND score_rank = (SELECT coalesce(s.score, 0) FROM segment s WHERE s.id = OLD.segment_id);
  INSERT INTO segment_tag_walk
    SELECT NEW.tag_id, s.score IS NULL, coalesce(s.score, 0), s.id, s.score, s.rating, s.kind, s.asset_id,
           s.in_ticks, s.out_ticks, s.time_base_num, s.time_base_den, s.note IS NOT NULL
    FROM segment s WHERE s.id = NEW.segment_id AND s.deleted = 0 AND NEW.present = 1;
END;
CREATE TRIGGER segment_tag_walk_membership_delete AFTER DELETE ON segment_tag
BEGIN
  DELETE FROM segment_tag_walk
    WHERE tag_id = OLD.tag_id AND segment_id = OLD.segment_id
      AND unscored = (SELECT s.score IS NULL FROM segment s WHERE s.id = OLD.segment_id)
      AND score_rank = (SELECT coalesce(s.score, 0) FROM segment s WHERE s.id = OLD.segment_id);
END;

-- A sync batch may bring a membership before its segment (foreign keys deferred): the segment's arrival
-- adds the rows its memberships could not.
CREATE TRIGGER segment_tag_walk_segment_insert AFTER INSERT ON segment
WHEN NEW.deleted = 0
BEGIN
  INSERT INTO segment_tag_walk
    SELECT st.tag_id, NEW.score IS NULL, coalesce(NEW.score, 0), NEW.id, NEW.score, NEW.rating, NEW.kind,
           NEW.asset_id, NEW.in_ticks, NEW.out_ticks, NEW.time_base_num, NEW.time_base_den, NEW.note IS NOT NULL
    FROM segment_tag st WHERE st.segment_id = NEW.id AND st.present = 1;
END;
CREATE TRIGGER segment_tag_walk_segment_update
AFTER UPDATE OF id, score, rating, kind, asset_id, in_ticks, out_ticks, time_base_num, time_base_den, note, deleted
ON segment
WHEN OLD.id IS NOT NEW.id OR OLD.score IS NOT NEW.score OR OLD.rating IS NOT NEW.rating
  OR OLD.kind IS NOT NEW.kind OR OLD.asset_id IS NOT NEW.asset_id OR OLD.in_ticks IS NOT NEW.in_ticks
  OR OLD.out_ticks IS NOT NEW.out_ticks OR OLD.time_base_num IS NOT NEW.time_base_num
  OR OLD.time_base_den IS NOT NEW.time_base_den OR OLD.deleted IS NOT NEW.deleted
  OR (OLD.note IS NULL) IS NOT (NEW.note IS NULL)
BEGIN
  DELETE FROM segment_tag_walk
    WHERE tag_id IN (SELECT st.tag_id FROM segment_tag st WHERE st.segment_id = OLD.id)
      AND unscored = (OLD.score IS NULL) AND score_rank = coalesce(OLD.score, 0) AND segment_id = OLD.id;
  INSERT INTO segment_tag_walk
    SELECT st.tag_id, NEW.score IS NULL, coalesce(NEW.score, 0), NEW.id, NEW.score, NEW.rating, NEW.kind,
           NEW.asset_id, NEW.in_ticks, NEW.out_ticks, NEW.time_base_num, NEW.time_base_den, NEW.note IS NOT NULL
    FROM segment_tag st WHERE st.segment_id = NEW.id AND st.present = 1 AND NEW.deleted = 0;
END;
CREATE TRIGGER segment_tag_walk_segment_delete AFTER DELETE ON segment
BEGIN
  DELETE FROM segment_tag_walk
    WHERE tag_id IN (SELECT st.tag_id FROM segment_tag st WHERE st.segment_id = OLD.id)
      AND unscored = (OLD.score IS NULL) AND score_rank = coalesce(OLD.score, 0) AND segment_id = OLD.id;
END;
)sql";

// The existing memberships, in key order so the B-tree fills by appending.
constexpr const char* kBackfill = R"sql(
INSERT INTO segment_tag_walk
  SELECT st.tag_id, s.score IS NULL, coalesce(s.score, 0), s.id, s.score, s.rating, s.kind, s.asset_id,
         s.in_ticks, s.out_ticks, s.time_base_num, s.time_base_den, s.note IS NOT NULL
  FROM segment_tag st JOIN segment s ON s.id = st.segment_id
  WHERE st.present = 1 AND s.deleted = 0
  ORDER BY 1, 2, 3 DESC, 4;
)sql";

// The full-text triggers of version 1, except that a new document takes the next id of its kind's range
// (catalog/search_documents.h). {0} table, {1} kind, {2} text expression over NEW, {3} text column,
// {4} range start, {5} range end.
constexpr const char* kRangedSearchTriggers = R"sql(
DROP TRIGGER {0}_search_insert;
DROP TRIGGER {0}_search_update;
CREATE TRIGGER {0}_search_insert AFTER INSERT ON {0}
WHEN NEW.deleted = 0 AND {2} IS NOT NULL
BEGIN
  INSERT INTO search_doc(doc, kind, row_id) VALUES (coalesce(
    (SELECT doc FROM search_doc WHERE doc >= {4} AND doc < {5} ORDER BY doc DESC LIMIT 1) + 1, {4}), '{1}', NEW.id);
  INSERT INTO search_text(rowid, body) SELECT doc, {2} FROM search_doc WHERE kind = '{1}' AND row_id = NEW.id;
END;
CREATE TRIGGER {0}_search_update AFTER UPDATE OF {3}, deleted ON {0}
BEGIN
  DELETE FROM search_text WHERE rowid = (SELECT doc FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id);
  DELETE FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id;
  INSERT INTO search_doc(doc, kind, row_id) SELECT coalesce(
    (SELECT doc FROM search_doc WHERE doc >= {4} AND doc < {5} ORDER BY doc DESC LIMIT 1) + 1, {4}), '{1}', NEW.id
    WHERE NEW.deleted = 0 AND {2} IS NOT NULL;
  INSERT INTO search_text(rowid, body) SELECT doc, {2} FROM search_doc WHERE kind = '{1}' AND row_id = NEW.id;
END;
)sql";

// Renumbers the existing documents into their ranges, in their old order. The FTS table is rebuilt from
// scratch (same definition as version 1): cheaper than deleting every row's tokens one by one.
constexpr const char* kRenumberDocuments = R"sql(
CREATE TEMP TABLE renumbered_doc AS
  SELECT doc AS old_doc, kind, row_id,
         CASE kind WHEN 'asset' THEN {0} WHEN 'tag' THEN {1} ELSE {2} END - 1
           + row_number() OVER (PARTITION BY kind ORDER BY doc) AS new_doc
  FROM search_doc;
CREATE TEMP TABLE renumbered_body AS
  SELECT r.new_doc, t.body FROM renumbered_doc r JOIN search_text t ON t.rowid = r.old_doc;
DELETE FROM search_doc;
INSERT INTO search_doc(doc, kind, row_id) SELECT new_doc, kind, row_id FROM renumbered_doc ORDER BY new_doc;
DROP TABLE search_text;
CREATE VIRTUAL TABLE search_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search_text(rowid, body) SELECT new_doc, body FROM renumbered_body ORDER BY new_doc;
DROP TABLE temp.renumbered_doc;
DROP TABLE temp.renumbered_body;
)sql";

// The last path component of rel_path (as version 1 indexes it).
constexpr const char* kAssetFileName =
    "substr(NEW.rel_path, length(rtrim(NEW.rel_path, replace(NEW.rel_path, '/', ''))) + 1)";

}  // namespace

std::string schemaV6Sql() {
    // The count triggers exist before the backfill, so the backfill fills tag_segment_count too.
    std::string sql = kTables;
    sql += kTriggers;
    sql += kBackfill;
    sql += fmt::format(kRenumberDocuments, kAssetDocuments.first, kTagDocuments.first, kNoteDocuments.first);
    for (const auto& [table, range, text, column] : {std::tuple{"asset", kAssetDocuments, kAssetFileName, "rel_path"},
                                                     std::tuple{"segment", kNoteDocuments, "NEW.note", "note"},
                                                     std::tuple{"tag", kTagDocuments, "NEW.name", "name"}}) {
        sql += fmt::format(kRangedSearchTriggers, table, range.kind, text, column, range.first, range.end);
    }
    return sql;
}

}  // namespace rushes::catalog::steps
