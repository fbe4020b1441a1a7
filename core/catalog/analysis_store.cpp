// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/analysis_store.h"

#include <bit>
#include <cstring>

#include "catalog/segment_store.h"
#include "catalog/store_support.h"
#include "catalog/tag_store.h"

namespace rushes::catalog {

namespace {

static_assert(std::endian::native == std::endian::little, "series blobs are stored as little-endian float32");
static_assert(sizeof(float) == 4);

const std::string kRunColumns =
    "id, asset_id, detector_versions_json, params_json, started_at_ms, finished_at_ms, status, error_reason, "
    "updated_hlc";

std::optional<AnalysisStatus> parseStatus(std::string_view text) {
    for (auto status : {AnalysisStatus::Running, AnalysisStatus::Done, AnalysisStatus::Failed,
                        AnalysisStatus::Cancelled}) {
        if (toString(status) == text) return status;
    }
    return std::nullopt;
}

AnalysisRun readRun(const Database& db, const Statement& row) {
    AnalysisRun run;
    run.id = row.textAt(0);
    run.asset_id = row.textAt(1);
    run.detector_versions_json = row.textAt(2);
    run.params_json = row.textAt(3);
    run.started_at_ms = row.int64At(4);
    run.finished_at_ms = row.optionalInt64At(5);
    const auto status = parseStatus(row.textAt(6));
    if (!status) throw db.rowError(ErrorKind::Corrupt, "analysis_run", run.id, "unknown status " + row.textAt(6));
    run.status = *status;
    run.error_reason = row.optionalTextAt(7);
    run.updated_hlc = row.textAt(8);
    return run;
}

void requireValidSeries(const Database& db, std::string_view run_id, const AnalysisSeries& series) {
    if (series.name.empty() || !series.step.isPositive()) {
        throw db.rowError(ErrorKind::InvalidArgument, "analysis_series", run_id,
                          "a series needs a name and a positive step");
    }
}

}  // namespace

std::string_view toString(AnalysisStatus status) noexcept {
    switch (status) {
        case AnalysisStatus::Running: return "running";
        case AnalysisStatus::Done: return "done";
        case AnalysisStatus::Failed: return "failed";
        case AnalysisStatus::Cancelled: return "cancelled";
    }
    return "failed";
}

AnalysisStore::AnalysisStore(Database& db) : db_(db), clock_(db) {}

AnalysisRun AnalysisStore::insertRun(const AnalysisRecord& record, AnalysisStatus status,
                                     std::optional<std::string> reason) {
    AnalysisRun run;
    run.id = ids_.nextText();
    run.asset_id = record.asset_id;
    run.detector_versions_json = record.detector_versions_json;
    run.params_json = record.params_json;
    run.started_at_ms = record.started_at_ms;
    run.finished_at_ms = record.finished_at_ms;
    run.status = status;
    run.error_reason = std::move(reason);
    run.updated_hlc = clock_.tick();
    support::requireLive(db_, "asset", run.asset_id);
    db_.prepare("INSERT INTO analysis_run(" + kRunColumns + ", deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)")
        .bindAll(run.id, run.asset_id, run.detector_versions_json, run.params_json, run.started_at_ms,
                 run.finished_at_ms, toString(run.status), run.error_reason, run.updated_hlc)
        .run();
    return run;
}

void AnalysisStore::supersedeEarlierSegments(std::string_view asset_id, std::string_view new_run_id) {
    // A run's updated_hlc is stamped after its last result was written, so anything an editor did later
    // carries a newer clock: a rating, note or trim (segment.updated_hlc), a tag change (segment_tag) or a
    // reel item.
    Statement untouched = db_.prepare(
        "SELECT s.id FROM segment s JOIN analysis_run r ON r.id = s.analysis_run_id"
        " WHERE s.asset_id = ?1 AND s.deleted = 0 AND s.analysis_run_id <> ?2 AND s.kind <> 'manual'"
        " AND s.rating IS NULL AND s.note IS NULL AND s.updated_hlc <= r.updated_hlc"
        " AND NOT EXISTS (SELECT 1 FROM segment_tag t WHERE t.segment_id = s.id AND t.updated_hlc > r.updated_hlc)"
        " AND NOT EXISTS (SELECT 1 FROM reel_item i WHERE i.segment_id = s.id AND i.deleted = 0)");
    untouched.bindAll(asset_id, new_run_id);
    std::vector<std::string> ids;
    while (untouched.step()) ids.push_back(untouched.textAt(0));
    SegmentStore segments(db_);
    for (const auto& id : ids) segments.remove(id);
    db_.prepare("UPDATE shot SET deleted = 1, updated_hlc = ?3 WHERE asset_id = ?1 AND deleted = 0"
                " AND (analysis_run_id IS NULL OR analysis_run_id <> ?2)")
        .bindAll(asset_id, new_run_id, clock_.tick())
        .run();
}

AnalysisRun AnalysisStore::recordDone(const AnalysisRecord& record) {
    if (!record.time_base.isPositive()) {
        throw db_.rowError(ErrorKind::InvalidArgument, "analysis_run", record.asset_id, "time base must be positive");
    }
    Transaction transaction(db_);
    AnalysisRun run = insertRun(record, AnalysisStatus::Done, std::nullopt);
    const Rational base = Rational::make(record.time_base.num, record.time_base.den);
    for (const DetectedShot& shot : record.shots) {
        db_.prepare("INSERT INTO shot(id, asset_id, analysis_run_id, in_ticks, out_ticks, time_base_num, "
                    "time_base_den, transition_in, updated_hlc, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)")
            .bindAll(ids_.nextText(), run.asset_id, run.id, shot.in_ticks, shot.out_ticks, base.num, base.den,
                     shot.transition_in, clock_.tick())
            .run();
    }
    SegmentStore segments(db_);
    TagStore tags(db_);
    for (const DetectedSegment& detected : record.segments) {
        Segment segment;
        segment.asset_id = run.asset_id;
        segment.analysis_run_id = run.id;
        segment.kind = detected.kind;
        segment.in_ticks = detected.in_ticks;
        segment.out_ticks = detected.out_ticks;
        segment.time_base = base;
        segment.score = detected.score;
        const Segment stored = segments.add(segment);
        for (const auto& tag : detected.tags) tags.tagSegment(stored.id, tag);
    }
    for (const AnalysisSeries& series : record.series) {
        requireValidSeries(db_, run.id, series);
        const Rational step = Rational::make(series.step.num, series.step.den);
        db_.prepare("INSERT INTO analysis_series(analysis_run_id, name, step_num, step_den, sample_count, samples)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bindAll(run.id, series.name, step.num, step.den, static_cast<int64_t>(series.values.size()),
                     std::as_bytes(std::span<const float>(series.values)))
            .run();
    }
    // Stamped last: later edits of these results carry newer clocks (see supersedeEarlierSegments).
    run.updated_hlc = clock_.tick();
    db_.prepare("UPDATE analysis_run SET updated_hlc = ?2 WHERE id = ?1").bindAll(run.id, run.updated_hlc).run();
    supersedeEarlierSegments(run.asset_id, run.id);
    transaction.commit();
    return run;
}

AnalysisRun AnalysisStore::recordUnfinished(const AnalysisRecord& record, AnalysisStatus status,
                                            std::string_view reason) {
    if (status == AnalysisStatus::Done) {
        throw db_.rowError(ErrorKind::InvalidArgument, "analysis_run", record.asset_id,
                           "a finished run is recorded with recordDone");
    }
    Transaction transaction(db_);
    AnalysisRun run = insertRun(record, status, std::string(reason));
    transaction.commit();
    return run;
}

std::optional<AnalysisRun> AnalysisStore::currentRun(std::string_view asset_id) {
    Statement stmt = db_.prepare("SELECT " + kRunColumns +
                                 " FROM analysis_run WHERE asset_id = ?1 AND status = 'done' AND deleted = 0"
                                 " ORDER BY finished_at_ms DESC, id DESC LIMIT 1");
    stmt.bindAll(asset_id);
    if (!stmt.step()) return std::nullopt;
    return readRun(db_, stmt);
}

std::vector<AnalysisRun> AnalysisStore::runsForAsset(std::string_view asset_id) {
    Statement stmt = db_.prepare("SELECT " + kRunColumns +
                                 " FROM analysis_run WHERE asset_id = ?1 AND deleted = 0 ORDER BY started_at_ms, id");
    stmt.bindAll(asset_id);
    std::vector<AnalysisRun> runs;
    while (stmt.step()) runs.push_back(readRun(db_, stmt));
    return runs;
}

std::vector<std::string> AnalysisStore::seriesNames(std::string_view run_id) {
    Statement stmt = db_.prepare("SELECT name FROM analysis_series WHERE analysis_run_id = ?1 ORDER BY name");
    stmt.bindAll(run_id);
    std::vector<std::string> names;
    while (stmt.step()) names.push_back(stmt.textAt(0));
    return names;
}

std::optional<AnalysisSeries> AnalysisStore::series(std::string_view run_id, std::string_view name) {
    Statement stmt = db_.prepare(
        "SELECT step_num, step_den, sample_count, samples FROM analysis_series WHERE analysis_run_id = ?1 AND name = ?2");
    stmt.bindAll(run_id, name);
    if (!stmt.step()) return std::nullopt;
    AnalysisSeries series;
    series.name = std::string(name);
    series.step = Rational{stmt.int64At(0), stmt.int64At(1)};
    const auto bytes = stmt.blobAt(3);
    if (static_cast<int64_t>(bytes.size()) != 4 * stmt.int64At(2)) {
        throw db_.rowError(ErrorKind::Corrupt, "analysis_series", run_id, "sample count does not match the data");
    }
    series.values.resize(bytes.size() / sizeof(float));
    if (!bytes.empty()) std::memcpy(series.values.data(), bytes.data(), bytes.size());
    return series;
}

}  // namespace rushes::catalog
