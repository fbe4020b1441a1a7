// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 1. Conventions, so the PostgreSQL mirror (DESIGN §6) is a mechanical translation:
//  - ids are client-made UUIDv7 text; every synced table has updated_hlc and deleted (tombstone);
//  - times are integer ticks with their time base, instants are Unix milliseconds (*_ms), file times ns;
//  - STRICT tables, so a wrong type is an error here rather than a surprise on the server;
//  - foreign keys are plain (immediate); the sync layer defers them while applying a batch.
#include <fmt/format.h>

#include "catalog/migration_steps.h"
#include "catalog/sync_triggers.h"

namespace rushes::catalog::steps {

namespace {

constexpr const char* kTables = R"sql(
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE field_clock (
  table_name  TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  column_name TEXT NOT NULL,
  hlc         TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id, column_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE outbox (
  op_id         INTEGER PRIMARY KEY,
  table_name    TEXT NOT NULL,
  row_id        TEXT NOT NULL,
  column_name   TEXT NOT NULL,
  value_json    TEXT NOT NULL,
  hlc           TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE project (
  id            TEXT PRIMARY KEY NOT NULL,
  name          TEXT NOT NULL CHECK (length(name) > 0),
  created_at_ms INTEGER NOT NULL,
  updated_hlc   TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE volume (
  id              TEXT PRIMARY KEY NOT NULL,
  label           TEXT NOT NULL,
  last_mount_path TEXT,
  fs_uuid         TEXT,
  fs_serial       TEXT,
  updated_hlc     TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX volume_fs_uuid ON volume(fs_uuid) WHERE fs_uuid IS NOT NULL;

CREATE TABLE asset (
  id             TEXT PRIMARY KEY NOT NULL,
  project_id     TEXT NOT NULL REFERENCES project(id),
  volume_id      TEXT NOT NULL REFERENCES volume(id),
  rel_path       TEXT NOT NULL CHECK (length(rel_path) > 0 AND substr(rel_path, 1, 1) <> '/'),
  size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
  mtime_ns       INTEGER NOT NULL,
  content_hash   TEXT CHECK (content_hash IS NULL OR
                             (length(content_hash) = 32 AND content_hash NOT GLOB '*[^0-9a-f]*')),
  fingerprint    TEXT,
  probe_json     TEXT CHECK (probe_json IS NULL OR json_valid(probe_json)),
  status         TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error', 'missing')),
  error_reason   TEXT CHECK (status <> 'error' OR error_reason IS NOT NULL),
  duration_ticks INTEGER CHECK (duration_ticks IS NULL OR duration_ticks >= 0),
  time_base_num  INTEGER CHECK (time_base_num IS NULL OR time_base_num > 0),
  time_base_den  INTEGER CHECK (time_base_den IS NULL OR time_base_den > 0),
  created_at_ms  INTEGER NOT NULL,
  updated_hlc    TEXT NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK ((duration_ticks IS NULL) = (time_base_num IS NULL) AND (time_base_num IS NULL) = (time_base_den IS NULL))
) STRICT;
CREATE UNIQUE INDEX asset_live_path ON asset(project_id, volume_id, rel_path) WHERE deleted = 0;
CREATE INDEX asset_volume ON asset(volume_id);
CREATE INDEX asset_project_status ON asset(project_id, status) WHERE deleted = 0;
CREATE INDEX asset_content_hash ON asset(content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX asset_fingerprint ON asset(fingerprint) WHERE fingerprint IS NOT NULL;

CREATE TABLE analysis_run (
  id                     TEXT PRIMARY KEY NOT NULL,
  asset_id               TEXT NOT NULL REFERENCES asset(id),
  detector_versions_json TEXT NOT NULL CHECK (json_valid(detector_versions_json)),
  params_json            TEXT NOT NULL CHECK (json_valid(params_json)),
  started_at_ms          INTEGER NOT NULL,
  finished_at_ms         INTEGER,
  status                 TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  error_reason           TEXT,
  updated_hlc            TEXT NOT NULL,
  deleted                INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX analysis_run_asset ON analysis_run(asset_id, started_at_ms);

CREATE TABLE shot (
  id              TEXT PRIMARY KEY NOT NULL,
  asset_id        TEXT NOT NULL REFERENCES asset(id),
  analysis_run_id TEXT REFERENCES analysis_run(id),
  in_ticks        INTEGER NOT NULL CHECK (in_ticks >= 0),
  out_ticks       INTEGER NOT NULL,
  time_base_num   INTEGER NOT NULL CHECK (time_base_num > 0),
  time_base_den   INTEGER NOT NULL CHECK (time_base_den > 0),
  transition_in   TEXT CHECK (transition_in IN ('cut', 'dissolve', 'fade', 'wipe')),
  updated_hlc     TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK (out_ticks > in_ticks)
) STRICT;
CREATE INDEX shot_asset ON shot(asset_id, in_ticks);
CREATE INDEX shot_run ON shot(analysis_run_id) WHERE analysis_run_id IS NOT NULL;

CREATE TABLE segment (
  id              TEXT PRIMARY KEY NOT NULL,
  asset_id        TEXT NOT NULL REFERENCES asset(id),
  analysis_run_id TEXT REFERENCES analysis_run(id),
  kind            TEXT NOT NULL CHECK (kind IN ('shot', 'highlight', 'interview', 'qc', 'manual')),
  in_ticks        INTEGER NOT NULL CHECK (in_ticks >= 0),
  out_ticks       INTEGER NOT NULL,
  time_base_num   INTEGER NOT NULL CHECK (time_base_num > 0),
  time_base_den   INTEGER NOT NULL CHECK (time_base_den > 0),
  score           REAL,
  rating          INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 5),
  note            TEXT,
  created_at_ms   INTEGER NOT NULL,
  updated_hlc     TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK (out_ticks > in_ticks)
) STRICT;
CREATE INDEX segment_asset ON segment(asset_id, in_ticks) WHERE deleted = 0;
CREATE INDEX segment_kind ON segment(kind, score) WHERE deleted = 0;
CREATE INDEX segment_rating ON segment(rating) WHERE deleted = 0 AND rating IS NOT NULL;
CREATE INDEX segment_score ON segment(score) WHERE deleted = 0 AND score IS NOT NULL;
CREATE INDEX segment_run ON segment(analysis_run_id) WHERE analysis_run_id IS NOT NULL;

CREATE TABLE tag (
  id            TEXT PRIMARY KEY NOT NULL,
  project_id    TEXT NOT NULL REFERENCES project(id),
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  name_key      TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_hlc   TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX tag_live_name ON tag(project_id, name_key) WHERE deleted = 0;

CREATE TABLE segment_tag (
  segment_id  TEXT NOT NULL REFERENCES segment(id),
  tag_id      TEXT NOT NULL REFERENCES tag(id),
  present     INTEGER NOT NULL CHECK (present IN (0, 1)),
  updated_hlc TEXT NOT NULL,
  PRIMARY KEY (segment_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX segment_tag_by_tag ON segment_tag(tag_id, segment_id) WHERE present = 1;

CREATE TABLE marker (
  id            TEXT PRIMARY KEY NOT NULL,
  asset_id      TEXT NOT NULL REFERENCES asset(id),
  at_ticks      INTEGER NOT NULL CHECK (at_ticks >= 0),
  time_base_num INTEGER NOT NULL CHECK (time_base_num > 0),
  time_base_den INTEGER NOT NULL CHECK (time_base_den > 0),
  label         TEXT NOT NULL DEFAULT '',
  note          TEXT,
  updated_hlc   TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX marker_asset ON marker(asset_id, at_ticks) WHERE deleted = 0;

CREATE TABLE reel (
  id            TEXT PRIMARY KEY NOT NULL,
  project_id    TEXT NOT NULL REFERENCES project(id),
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_hlc   TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX reel_project ON reel(project_id) WHERE deleted = 0;

-- position is a fractional index (a string that sorts between its neighbours), so inserting between two
-- items writes one row and two editors inserting concurrently never renumber each other; equal
-- positions from concurrent inserts are ordered by id.
CREATE TABLE reel_item (
  id          TEXT PRIMARY KEY NOT NULL,
  reel_id     TEXT NOT NULL REFERENCES reel(id),
  segment_id  TEXT NOT NULL REFERENCES segment(id),
  position    TEXT NOT NULL CHECK (length(position) > 0),
  updated_hlc TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX reel_item_order ON reel_item(reel_id, position, id) WHERE deleted = 0;
CREATE INDEX reel_item_segment ON reel_item(segment_id);

CREATE TABLE saved_search (
  id          TEXT PRIMARY KEY NOT NULL,
  project_id  TEXT NOT NULL REFERENCES project(id),
  name        TEXT NOT NULL,
  query_json  TEXT NOT NULL CHECK (json_valid(query_json)),
  updated_hlc TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Local work queue; not synced (the shared queue of DESIGN §7 lives on the server).
CREATE TABLE job (
  id                  TEXT PRIMARY KEY NOT NULL,
  kind                TEXT NOT NULL,
  payload_json        TEXT NOT NULL CHECK (json_valid(payload_json)),
  state               TEXT NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress            REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  error               TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  lease_owner         TEXT,
  lease_expires_at_ms INTEGER,
  created_at_ms       INTEGER NOT NULL,
  updated_at_ms       INTEGER NOT NULL,
  CHECK ((lease_owner IS NULL) = (lease_expires_at_ms IS NULL))
) STRICT;
CREATE INDEX job_claimable ON job(state, created_at_ms);
)sql";

// Full-text search over asset file names, segment notes and tag names, live rows only. search_doc gives
// every indexed source row a stable integer key so triggers find its FTS row through an index; source
// rowids are not stable (VACUUM may renumber them).
constexpr const char* kSearch = R"sql(
CREATE TABLE search_doc (
  doc    INTEGER PRIMARY KEY,
  kind   TEXT NOT NULL CHECK (kind IN ('asset', 'segment', 'tag')),
  row_id TEXT NOT NULL,
  UNIQUE (kind, row_id)
) STRICT;
CREATE VIRTUAL TABLE search_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
)sql";

// One source: its table, FTS kind and the SQL expression (over NEW/OLD) for its text.
constexpr const char* kSearchTriggers = R"sql(
CREATE TRIGGER {0}_search_insert AFTER INSERT ON {0}
WHEN NEW.deleted = 0 AND {2} IS NOT NULL
BEGIN
  INSERT INTO search_doc(kind, row_id) VALUES ('{1}', NEW.id);
  INSERT INTO search_text(rowid, body) SELECT doc, {2} FROM search_doc WHERE kind = '{1}' AND row_id = NEW.id;
END;
CREATE TRIGGER {0}_search_update AFTER UPDATE OF {3}, deleted ON {0}
BEGIN
  DELETE FROM search_text WHERE rowid = (SELECT doc FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id);
  DELETE FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id;
  INSERT INTO search_doc(kind, row_id) SELECT '{1}', NEW.id WHERE NEW.deleted = 0 AND {2} IS NOT NULL;
  INSERT INTO search_text(rowid, body) SELECT doc, {2} FROM search_doc WHERE kind = '{1}' AND row_id = NEW.id;
END;
CREATE TRIGGER {0}_search_delete AFTER DELETE ON {0}
BEGIN
  DELETE FROM search_text WHERE rowid = (SELECT doc FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id);
  DELETE FROM search_doc WHERE kind = '{1}' AND row_id = OLD.id;
END;
)sql";

// The last path component of rel_path: strip everything up to the last '/'.
constexpr const char* kAssetFileName =
    "substr(NEW.rel_path, length(rtrim(NEW.rel_path, replace(NEW.rel_path, '/', ''))) + 1)";

}  // namespace

std::string schemaV1Sql() {
    std::string sql = kTables;
    sql += kSearch;
    sql += fmt::format(kSearchTriggers, "asset", "asset", kAssetFileName, "rel_path");
    sql += fmt::format(kSearchTriggers, "segment", "segment", "NEW.note", "note");
    sql += fmt::format(kSearchTriggers, "tag", "tag", "NEW.name", "name");

    // Synced columns as of version 1; frozen here — a later step recreates the triggers with its own list.
    sql += syncTriggersSql("project", {"id"}, {"name", "created_at_ms", "deleted"});
    sql += syncTriggersSql("volume", {"id"}, {"label", "last_mount_path", "fs_uuid", "fs_serial", "deleted"});
    sql += syncTriggersSql(
        "asset", {"id"},
        {"project_id", "volume_id", "rel_path", "size_bytes", "mtime_ns", "content_hash", "fingerprint", "probe_json",
         "status", "error_reason", "duration_ticks", "time_base_num", "time_base_den", "created_at_ms", "deleted"});
    sql += syncTriggersSql("analysis_run", {"id"},
                           {"asset_id", "detector_versions_json", "params_json", "started_at_ms", "finished_at_ms",
                            "status", "error_reason", "deleted"});
    sql += syncTriggersSql("shot", {"id"},
                           {"asset_id", "analysis_run_id", "in_ticks", "out_ticks", "time_base_num", "time_base_den",
                            "transition_in", "deleted"});
    sql += syncTriggersSql("segment", {"id"},
                           {"asset_id", "analysis_run_id", "kind", "in_ticks", "out_ticks", "time_base_num",
                            "time_base_den", "score", "rating", "note", "created_at_ms", "deleted"});
    sql += syncTriggersSql("tag", {"id"}, {"project_id", "name", "name_key", "created_at_ms", "deleted"});
    // A membership is its own last-writer-wins register (DESIGN §6): present is its only field.
    sql += syncTriggersSql("segment_tag", {"segment_id", "tag_id"}, {"present"});
    sql += syncTriggersSql("marker", {"id"},
                           {"asset_id", "at_ticks", "time_base_num", "time_base_den", "label", "note", "deleted"});
    sql += syncTriggersSql("reel", {"id"}, {"project_id", "name", "created_at_ms", "deleted"});
    sql += syncTriggersSql("reel_item", {"id"}, {"reel_id", "segment_id", "position", "deleted"});
    sql += syncTriggersSql("saved_search", {"id"}, {"project_id", "name", "query_json", "deleted"});

    // The replica's site id for its clock stamps, random per catalog. A copied catalog file shares it;
    // the sync layer must re-key a copy before it pushes (docs/catalog.md).
    sql += "INSERT INTO sync_state(key, value) VALUES ('site_id', lower(hex(randomblob(8))));\n";
    return sql;
}

}  // namespace rushes::catalog::steps
