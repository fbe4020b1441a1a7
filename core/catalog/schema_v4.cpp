// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 4: the curves an analysis run measured, so editors re-threshold without decoding again.
#include "catalog/migration_steps.h"

namespace rushes::catalog::steps {

std::string schemaV4Sql() {
    return R"sql(
-- One row per measured series of a run: per-frame features (step = one frame period) and per-second curves
-- (step = 1 s), as little-endian float32. Derived from the media and the run's parameters, so it is local
-- only: no sync triggers, and deleting a run's series loses nothing an editor made. Hours of footage cost
-- a few MB per hour, far less than a row per sample would.
CREATE TABLE analysis_series (
  analysis_run_id TEXT NOT NULL REFERENCES analysis_run(id),
  name            TEXT NOT NULL CHECK (length(name) > 0),
  step_num        INTEGER NOT NULL CHECK (step_num > 0),
  step_den        INTEGER NOT NULL CHECK (step_den > 0),
  sample_count    INTEGER NOT NULL CHECK (sample_count >= 0),
  samples         BLOB NOT NULL CHECK (length(samples) = 4 * sample_count),
  PRIMARY KEY (analysis_run_id, name)
) STRICT, WITHOUT ROWID;
-- Which run of an asset is current: the newest finished one.
CREATE INDEX analysis_run_done ON analysis_run(asset_id, finished_at_ms) WHERE status = 'done' AND deleted = 0;
)sql";
}

}  // namespace rushes::catalog::steps
