// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 5: a reel item may trim its segment for that reel alone (docs/catalog.md, docs/export.md).
#include "catalog/migration_steps.h"
#include "catalog/sync_triggers.h"

namespace rushes::catalog::steps {

std::string schemaV5Sql() {
    // NULL keeps the segment's own point, so a reel trimmed only at its head still follows later edits of
    // the segment's out point. Two columns rather than a range row: each side is its own synced field, so
    // two editors trimming opposite ends of one item both keep their change. The in < out rule across the
    // two columns (and the segment's own points) cannot be a CHECK added by ALTER TABLE; ReelStore enforces
    // it and checkConsistency() reports a violation.
    std::string sql = R"sql(
ALTER TABLE reel_item ADD COLUMN trim_in_ticks INTEGER CHECK (trim_in_ticks IS NULL OR trim_in_ticks >= 0);
ALTER TABLE reel_item ADD COLUMN trim_out_ticks INTEGER CHECK (trim_out_ticks IS NULL OR trim_out_ticks > 0);
)sql";
    sql += dropSyncTriggersSql("reel_item");
    sql += syncTriggersSql("reel_item", {"id"},
                           {"reel_id", "segment_id", "position", "deleted", "trim_in_ticks", "trim_out_ticks"});
    return sql;
}

}  // namespace rushes::catalog::steps
