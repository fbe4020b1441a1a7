// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/rows.h"
#include "catalog/uuid.h"
#include "time/rational.h"

namespace rushes::catalog {

enum class AnalysisStatus { Running, Done, Failed, Cancelled };
[[nodiscard]] std::string_view toString(AnalysisStatus status) noexcept;

struct AnalysisRun {
    std::string id;
    std::string asset_id;
    std::string detector_versions_json;
    std::string params_json;
    int64_t started_at_ms = 0;
    std::optional<int64_t> finished_at_ms;
    AnalysisStatus status = AnalysisStatus::Done;
    std::optional<std::string> error_reason;
    std::string updated_hlc;
};

// A measured curve: `values[i]` belongs to the instant i × step seconds from the start of the asset.
struct AnalysisSeries {
    std::string name;
    Rational step{1, 1};
    std::vector<float> values;
};

struct DetectedShot {
    int64_t in_ticks = 0;
    int64_t out_ticks = 0;  // exclusive
    std::optional<std::string> transition_in;  // cut, dissolve, fade, wipe
};

struct DetectedSegment {
    SegmentKind kind = SegmentKind::Highlight;
    int64_t in_ticks = 0;
    int64_t out_ticks = 0;  // exclusive
    std::optional<double> score;
    std::vector<std::string> tags;  // automatic tags, created in the asset's project when new
};

// Everything one finished analysis of one asset produced, in the asset's time base.
struct AnalysisRecord {
    std::string asset_id;
    Rational time_base{1, 1};
    std::string detector_versions_json = "{}";
    std::string params_json = "{}";
    int64_t started_at_ms = 0;
    int64_t finished_at_ms = 0;
    std::vector<DetectedShot> shots;
    std::vector<DetectedSegment> segments;
    std::vector<AnalysisSeries> series;
};

// Analysis runs and what they found. A run is written whole or not at all (one transaction), so a killed
// analysis leaves no half-written results and the next run simply starts that file again.
class AnalysisStore {
public:
    explicit AnalysisStore(Database& db);

    // Records a finished run. The segments of earlier runs of the asset that no editor touched (no rating,
    // note, reel item or tag change since their run was recorded) are tombstoned: the new run replaces
    // them. Touched ones stay — an editor's work is never lost to a re-analysis.
    AnalysisRun recordDone(const AnalysisRecord& record);
    // Records a run that failed or was cancelled, with its reason; earlier results stay current.
    AnalysisRun recordUnfinished(const AnalysisRecord& record, AnalysisStatus status, std::string_view reason);

    // The newest finished run of the asset.
    [[nodiscard]] std::optional<AnalysisRun> currentRun(std::string_view asset_id);
    [[nodiscard]] std::vector<AnalysisRun> runsForAsset(std::string_view asset_id);  // oldest first
    [[nodiscard]] std::vector<std::string> seriesNames(std::string_view run_id);
    [[nodiscard]] std::optional<AnalysisSeries> series(std::string_view run_id, std::string_view name);

private:
    AnalysisRun insertRun(const AnalysisRecord& record, AnalysisStatus status, std::optional<std::string> reason);
    void supersedeEarlierSegments(std::string_view asset_id, std::string_view new_run_id);

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
