// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analysis_json.h"

#include "analysis/audio_json.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace rushes::analysis {
namespace {

using nlohmann::json;

// Seconds for display and interchange only: the exact pts stays in the catalog.
double secondsAt(const VideoAnalysis& video, std::int64_t frame) {
    if (video.pts.empty()) return 0.0;
    const std::int64_t first = video.pts.front();
    if (frame >= static_cast<std::int64_t>(video.pts.size())) {
        // One past the last frame: the last frame's start plus one frame period.
        const double period = video.frame_rate.num > 0 ? 1.0 / video.frame_rate.toDouble() : 0.0;
        return (Rational{video.pts.back() - first, 1} * video.time_base).toDouble() + period;
    }
    return (Rational{video.pts[static_cast<std::size_t>(frame)] - first, 1} * video.time_base).toDouble();
}

json runs(const VideoAnalysis& video, const std::vector<FrameRun>& list, const char* kind) {
    json out = json::array();
    for (const FrameRun& run : list) {
        out.push_back({{"kind", kind}, {"start_s", secondsAt(video, run.start)}, {"end_s", secondsAt(video, run.end)},
                       {"start_frame", run.start}, {"end_frame", run.end}});
    }
    return out;
}

}  // namespace

json toJson(const std::filesystem::path& file, const VideoAnalysis& video, const std::vector<Interview>& interviews) {
    // Cuts and gradual transitions in time order; a gradual one's end is its first frame
    // that is entirely the incoming picture.
    std::vector<std::pair<std::int64_t, json>> ordered;
    for (std::int64_t cut : video.cuts) {
        ordered.emplace_back(cut, json{{"kind", "cut"}, {"frame", cut}, {"time_s", secondsAt(video, cut)}});
    }
    for (const Transition& t : video.transitions) {
        ordered.emplace_back(t.start_frame, json{{"kind", std::string(toString(t.kind))},
                                                 {"start_s", secondsAt(video, t.start_frame)},
                                                 {"end_s", secondsAt(video, t.end_frame)},
                                                 {"start_frame", t.start_frame},
                                                 {"end_frame", t.end_frame}});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    json transitions = json::array();
    for (auto& [frame, entry] : ordered) transitions.push_back(std::move(entry));
    json shots = json::array();
    for (const FrameRun& shot : video.shots) shots.push_back({{"start_frame", shot.start}, {"end_frame", shot.end}});
    json qc = runs(video, video.black, "black");
    for (auto& run : runs(video, video.freezes, "freeze")) qc.push_back(run);
    json flashes = json::array();
    for (std::int64_t flash : video.flashes) flashes.push_back({{"frame", flash}, {"time_s", secondsAt(video, flash)}});
    json interview_list = json::array();
    for (const Interview& interview : interviews) {
        interview_list.push_back({{"start_s", secondsAt(video, interview.start_frame)},
                                  {"end_s", secondsAt(video, interview.end_frame)},
                                  {"score", interview.score},
                                  {"start_frame", interview.start_frame},
                                  {"end_frame", interview.end_frame}});
    }
    return {
        {"file", file.string()},
        {"fps", video.frame_rate.toString()},
        {"frames", video.frames},
        {"duration_s", secondsAt(video, video.frames)},
        {"transitions", transitions},
        {"shots", shots},
        {"qc", qc},
        {"loudness", nullptr},
        {"highlights", json::array()},
        {"interviews", interview_list},
        {"flashes", flashes},
        {"partial", video.partial},
        {"damage",
         {{"stopped_early", video.stopped_early},
          {"damaged_packets", video.damaged_packets},
          {"damaged_frames", video.damaged_frames}}},
        {"detectors", {{"shots", kShotDetectorVersion}, {"transitions", kTransitionDetectorVersion}, {"video_qc", kVideoQcVersion}}},
    };
}

json toJson(const FileAnalysis& analysis) {
    json document = toJson(analysis.file, analysis.video, analysis.interviews);
    if (analysis.audio) appendAudio(document, *analysis.audio);
    json highlights = json::array();
    for (const Highlight& highlight : analysis.highlights) {
        highlights.push_back({{"start_s", secondsAt(analysis.video, highlight.start_frame)},
                              {"end_s", secondsAt(analysis.video, highlight.end_frame)},
                              {"peak_s", static_cast<double>(highlight.peak_second) + 0.5},
                              {"score", highlight.score},
                              {"tags", highlight.tags},
                              {"start_frame", highlight.start_frame},
                              {"end_frame", highlight.end_frame}});
    }
    document["highlights"] = highlights;
    document["excitement"] = {{"step_s", 1},
                              {"score", analysis.excitement.score},
                              {"crowd", analysis.excitement.crowd},
                              {"voice", analysis.excitement.voice},
                              {"picture", analysis.excitement.picture}};
    document["detectors"]["excitement"] = kExcitementVersion;
    document["detectors"]["highlights"] = kHighlightVersion;
    document["detectors"]["faces"] = kFaceSamplerVersion;
    document["detectors"]["interviews"] = kInterviewDetectorVersion;
    return document;
}

}  // namespace rushes::analysis
