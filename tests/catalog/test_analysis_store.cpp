// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/analysis_store.h"
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {

AnalysisRecord recordFor(const std::string& asset_id, int64_t started_at_ms) {
    AnalysisRecord record;
    record.asset_id = asset_id;
    record.time_base = Rational{1, 12800};
    record.detector_versions_json = R"({"shots":"adaptive-hsv-flash/2"})";
    record.params_json = R"({"cuts":{"ratio":3}})";
    record.started_at_ms = started_at_ms;
    record.finished_at_ms = started_at_ms + 1000;
    record.shots = {{0, 51200, std::nullopt}, {51200, 128000, std::string("cut")}};
    record.segments = {
        {SegmentKind::Highlight, 40000, 100000, 0.91, {"roar", "excited commentary"}},
        {SegmentKind::Qc, 0, 25600, std::nullopt, {"black"}},
    };
    record.series = {{"excitement", Rational{1, 1}, {0.1f, 0.5f, 0.25f, -1.5f}},
                     {"motion", Rational{1, 25}, {}}};
    return record;
}

int64_t liveSegments(test::SeededCatalog& catalog) {
    return test::countRows(catalog.db, "SELECT count(*) FROM segment WHERE deleted = 0");
}

}  // namespace

TEST_CASE("a finished analysis run stores shots, tagged segments and its curves in one go", "[catalog]") {
    test::SeededCatalog catalog;
    AnalysisStore store(catalog.db);
    const AnalysisRun run = store.recordDone(recordFor(catalog.asset.id, 1000));
    REQUIRE_CONSISTENT(catalog.db);

    const auto current = store.currentRun(catalog.asset.id);
    REQUIRE(current.has_value());
    CHECK(current->id == run.id);
    CHECK(current->status == AnalysisStatus::Done);
    CHECK(current->detector_versions_json == R"({"shots":"adaptive-hsv-flash/2"})");
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM shot WHERE deleted = 0 AND time_base_den = 12800") == 2);

    const auto segments = SegmentStore(catalog.db).listForAsset(catalog.asset.id);
    REQUIRE(segments.size() == 2);
    CHECK(segments[0].kind == SegmentKind::Qc);
    CHECK(segments[1].kind == SegmentKind::Highlight);
    CHECK(segments[1].analysis_run_id == run.id);
    CHECK(segments[1].score == Approx(0.91));
    TagStore tags(catalog.db);
    const auto highlight_tags = tags.tagsForSegment(segments[1].id);
    REQUIRE(highlight_tags.size() == 2);
    CHECK(highlight_tags[0].name == "excited commentary");
    CHECK(highlight_tags[1].name == "roar");

    CHECK(store.seriesNames(run.id) == std::vector<std::string>{"excitement", "motion"});
    const auto excitement = store.series(run.id, "excitement");
    REQUIRE(excitement.has_value());
    CHECK(excitement->step == Rational{1, 1});
    CHECK(excitement->values == std::vector<float>{0.1f, 0.5f, 0.25f, -1.5f});
    const auto motion = store.series(run.id, "motion");
    REQUIRE(motion.has_value());
    CHECK(motion->step == Rational{1, 25});
    CHECK(motion->values.empty());
    CHECK_FALSE(store.series(run.id, "nonexistent").has_value());
    // Curves are derived data: they never enter the sync outbox.
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE table_name = 'analysis_series'") == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox WHERE table_name = 'analysis_run'") > 0);
}

TEST_CASE("re-analysis replaces untouched results and keeps everything an editor touched", "[catalog]") {
    test::SeededCatalog catalog;
    AnalysisStore store(catalog.db);
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);
    AnalysisRecord first = recordFor(catalog.asset.id, 1000);
    first.segments.push_back({SegmentKind::Highlight, 200000, 260000, 0.7, {}});
    first.segments.push_back({SegmentKind::Interview, 300000, 400000, 0.8, {}});
    first.segments.push_back({SegmentKind::Shot, 500000, 600000, std::nullopt, {}});
    store.recordDone(first);
    Segment picked;
    picked.asset_id = catalog.asset.id;
    picked.kind = SegmentKind::Manual;
    picked.in_ticks = 1;
    picked.out_ticks = 2;
    picked.time_base = Rational{1, 25};
    const Segment manual = segments.add(picked);
    auto list = segments.listForAsset(catalog.asset.id);
    REQUIRE(list.size() == 6);
    // Touch three of the five detected segments, each in another way; the QC and shot rows stay untouched.
    const auto find = [&](int64_t in) {
        for (const auto& s : list) {
            if (s.in_ticks == in) return s;
        }
        FAIL("no segment at " << in);
        return Segment{};
    };
    segments.setRating(find(40000).id, 4);
    tags.tagSegment(find(200000).id, "keeper");
    segments.setRange(find(300000).id, 290000, 400000);
    REQUIRE_CONSISTENT(catalog.db);

    const AnalysisRun second = store.recordDone(recordFor(catalog.asset.id, 5000));
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(store.currentRun(catalog.asset.id)->id == second.id);
    CHECK(store.runsForAsset(catalog.asset.id).size() == 2);

    list = segments.listForAsset(catalog.asset.id);
    // Kept: the rated, tagged and trimmed ones and the manual one; new: the second run's two.
    CHECK(list.size() == 6);
    CHECK(liveSegments(catalog) == 6);
    CHECK(segments.find(find(40000).id)->rating == 4);
    CHECK(segments.find(manual.id)->deleted == false);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment WHERE deleted = 1 AND kind IN ('qc', 'shot')") == 2);
    // The earlier run's shots are replaced by the new ones.
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM shot WHERE deleted = 0") == 2);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM shot WHERE deleted = 0 AND analysis_run_id = '" +
                                          second.id + "'") == 2);
}

TEST_CASE("a failed run is recorded with its reason and leaves the current results alone", "[catalog]") {
    test::SeededCatalog catalog;
    AnalysisStore store(catalog.db);
    const AnalysisRun done = store.recordDone(recordFor(catalog.asset.id, 1000));
    AnalysisRecord failed = recordFor(catalog.asset.id, 9000);
    const AnalysisRun run = store.recordUnfinished(failed, AnalysisStatus::Failed, "truncated file");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(run.status == AnalysisStatus::Failed);
    CHECK(store.currentRun(catalog.asset.id)->id == done.id);
    CHECK(liveSegments(catalog) == 2);
    CHECK(store.runsForAsset(catalog.asset.id).back().error_reason == "truncated file");
    CHECK_THROWS_AS(store.recordUnfinished(failed, AnalysisStatus::Done, ""), Error);
}

TEST_CASE("a run is written whole or not at all", "[catalog]") {
    test::SeededCatalog catalog;
    AnalysisStore store(catalog.db);
    AnalysisRecord bad = recordFor(catalog.asset.id, 1000);
    bad.segments.push_back({SegmentKind::Highlight, 500, 400, 0.5, {}});  // out before in: refused
    CHECK_THROWS_AS(store.recordDone(bad), Error);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM analysis_run") == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM shot") == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment") == 0);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM analysis_series") == 0);
    CHECK_FALSE(store.currentRun(catalog.asset.id).has_value());
}
