// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analysis_record.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "time/rational.h"

namespace rushes::analysis {

namespace {

using catalog::DetectedSegment;
using catalog::SegmentKind;

catalog::AnalysisSeries frameSeries(const VideoAnalysis& video, const char* name, double FrameFeatures::*field) {
    catalog::AnalysisSeries series;
    series.name = std::string("frame.") + name;
    // Per-frame values sit on the nominal frame grid; VFR footage keeps exact times in the segments.
    series.step = video.frame_rate.isPositive() ? Rational{video.frame_rate.den, video.frame_rate.num} : Rational{1, 25};
    series.values.reserve(video.features.size());
    for (const FrameFeatures& frame : video.features) series.values.push_back(static_cast<float>(frame.*field));
    return series;
}

void addRuns(catalog::AnalysisRecord& record, const VideoAnalysis& video, const std::vector<FrameRun>& runs,
             const char* tag) {
    for (const FrameRun& run : runs) {
        DetectedSegment segment;
        segment.kind = SegmentKind::Qc;
        segment.in_ticks = frameStartTicks(video, run.start);
        segment.out_ticks = frameStartTicks(video, run.end);
        segment.tags = {tag};
        if (segment.out_ticks > segment.in_ticks) record.segments.push_back(std::move(segment));
    }
}

}  // namespace

std::int64_t frameStartTicks(const VideoAnalysis& video, std::int64_t frame) {
    if (video.pts.empty()) return 0;
    const std::int64_t first = video.pts.front();
    if (frame < static_cast<std::int64_t>(video.pts.size())) return video.pts[static_cast<std::size_t>(frame)] - first;
    std::int64_t period = 1;
    if (video.frame_rate.isPositive()) {
        // One frame period in the stream time base: (1 / rate) / time_base, rounded to the nearest tick.
        period = std::max<std::int64_t>(
            1, rescale(1, Rational{video.frame_rate.den, video.frame_rate.num}, video.time_base, Rounding::Nearest));
    }
    return video.pts.back() - first + period;
}

// How a shot starting at `frame` was entered, in the catalog's words (cut, dissolve, fade, wipe);
// nothing for the first shot.
std::optional<std::string> transitionInto(const VideoAnalysis& video, std::int64_t frame) {
    if (frame == 0) return std::nullopt;
    if (std::find(video.cuts.begin(), video.cuts.end(), frame) != video.cuts.end()) return "cut";
    for (const Transition& t : video.transitions) {
        if (frame < t.start_frame || frame > t.end_frame) continue;
        switch (t.kind) {
            case TransitionKind::FadeIn:
            case TransitionKind::FadeOut: return "fade";
            case TransitionKind::Wipe: return "wipe";
            case TransitionKind::Dissolve: return "dissolve";
        }
    }
    return std::nullopt;
}

std::string detectorVersionsJson() {
    return nlohmann::json{{"shots", kShotDetectorVersion},
                          {"transitions", kTransitionDetectorVersion},
                          {"video_qc", kVideoQcVersion}}
        .dump();
}

std::string parametersJson(const FileAnalysisOptions& options) {
    const CutParameters& cuts = options.video.cuts;
    const VideoQcParameters& qc = options.video.qc;
    const TransitionParameters& gradual = options.video.transitions;
    return nlohmann::json{
        {"working_width", options.video.working_width},
        {"skip_loop_filter", options.video.skip_loop_filter},
        {"cuts",
         {{"adaptive_ratio", cuts.adaptive_ratio},
          {"window", cuts.window},
          {"min_content", cuts.min_content},
          {"min_shot_frames", cuts.min_shot_frames},
          {"max_flash_frames", cuts.max_flash_frames},
          {"flash_return", cuts.flash_return},
          {"flash_return_ratio", cuts.flash_return_ratio},
          {"flash_brightening", cuts.flash_brightening}}},
        {"transitions",
         {{"solid_stddev", gradual.solid_stddev},
          {"fade_stddev_step", gradual.fade_stddev_step},
          {"min_fade_frames", gradual.min_fade_frames},
          {"min_fade_contrast", gradual.min_fade_contrast},
          {"max_dip_hold_s", gradual.max_dip_hold_s},
          {"blend_residual", gradual.blend_residual},
          {"min_blend_span", gradual.min_blend_span},
          {"loose_blend_residual", gradual.loose_blend_residual},
          {"loose_blend_contrast", gradual.loose_blend_contrast},
          {"min_alpha", gradual.min_alpha},
          {"max_alpha", gradual.max_alpha},
          {"max_step_share", gradual.max_step_share},
          {"min_shift_residual", gradual.min_shift_residual},
          {"min_pace_share", gradual.min_pace_share},
          {"dip_contrast_share", gradual.dip_contrast_share},
          {"dip_max_stddev", gradual.dip_max_stddev},
          {"min_blend_frames", gradual.min_blend_frames},
          {"edge_pace_share", gradual.edge_pace_share}}},
        {"video_qc",
         {{"black_picture_fraction", qc.black_picture_fraction},
          {"min_black_seconds", qc.min_black_seconds},
          {"freeze_noise", qc.freeze_noise},
          {"min_freeze_seconds", qc.min_freeze_seconds},
          {"keyframe_step", qc.keyframe_step}}},
    }
        .dump();
}

catalog::AnalysisRecord toRecord(const FileAnalysis& analysis, const FileAnalysisOptions& options,
                                 const std::string& asset_id) {
    const VideoAnalysis& video = analysis.video;
    catalog::AnalysisRecord record;
    record.asset_id = asset_id;
    record.time_base = video.time_base;
    record.detector_versions_json = detectorVersionsJson();
    record.params_json = parametersJson(options);

    for (const FrameRun& shot : video.shots) {
        const std::int64_t in = frameStartTicks(video, shot.start), out = frameStartTicks(video, shot.end);
        if (out <= in) continue;
        record.shots.push_back({in, out, transitionInto(video, shot.start)});
        record.segments.push_back({SegmentKind::Shot, in, out, std::nullopt, {}});
    }

    addRuns(record, video, video.black, "black");
    // A black hold is also a still picture; editors want it once, as black.
    std::vector<FrameRun> freezes;
    for (const FrameRun& freeze : video.freezes) {
        const bool inside_black = std::any_of(video.black.begin(), video.black.end(), [&](const FrameRun& black) {
            return freeze.start >= black.start - 1 && freeze.end <= black.end + 1;
        });
        if (!inside_black) freezes.push_back(freeze);
    }
    addRuns(record, video, freezes, "freeze");

    for (const auto& [name, field] :
         std::initializer_list<std::pair<const char*, double FrameFeatures::*>>{
             {"luma", &FrameFeatures::luma_mean},
             {"dark_fraction", &FrameFeatures::dark_fraction},
             {"content_delta", &FrameFeatures::content_delta},
             {"mafd", &FrameFeatures::mafd},
             {"motion", &FrameFeatures::motion},
             {"still_delta", &FrameFeatures::still_delta}}) {
        record.series.push_back(frameSeries(video, name, field));
    }
    return record;
}

}  // namespace rushes::analysis
