// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analysis_targets.h"

#include "analysis/analysis_record.h"

namespace rushes::analysis {

std::vector<AnalysisTarget> pendingTargets(catalog::Database& db, bool force) {
    catalog::Statement stmt = db.prepare(
        "SELECT a.id, rtrim(coalesce(v.last_mount_path, ''), '/') || '/' || a.rel_path FROM asset a"
        " JOIN volume v ON v.id = a.volume_id"
        " WHERE a.deleted = 0 AND a.status = 'ok' AND a.probe_json IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM json_each(a.probe_json, '$.streams') s"
        "            WHERE json_extract(s.value, '$.type') = 'video')"
        " AND (?1 OR NOT EXISTS (SELECT 1 FROM analysis_run r WHERE r.asset_id = a.id AND r.deleted = 0"
        "                        AND r.status = 'done' AND r.detector_versions_json = ?2))"
        " ORDER BY a.created_at_ms, a.id");
    stmt.bindAll(force ? 1 : 0, detectorVersionsJson());
    std::vector<AnalysisTarget> targets;
    while (stmt.step()) targets.push_back({stmt.textAt(1), stmt.textAt(0)});
    return targets;
}

}  // namespace rushes::analysis
