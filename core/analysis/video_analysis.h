// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <vector>

#include "analysis/frame_features.h"
#include "analysis/qc_detector.h"
#include "analysis/shot_detector.h"
#include "analysis/transition_detector.h"
#include "time/rational.h"

namespace rushes::analysis {

struct VideoAnalysisOptions {
    int working_width = 256;
    // Skips H.264/HEVC deblocking for the working copy: shot and QC features
    // on a 256 px picture do not change measurably, decoding gets faster.
    bool skip_loop_filter = true;
    CutParameters cuts;
    TransitionParameters transitions;
    VideoQcParameters qc;
};

// Everything one decode pass of the picture yields.
struct VideoAnalysis {
    Rational frame_rate{0, 1};
    Rational time_base{1, 1};
    std::int64_t frames = 0;
    std::vector<std::int64_t> pts;  // per frame, in time_base
    std::vector<FrameFeatures> features;
    std::vector<std::int64_t> cuts;  // hard cuts, none inside a gradual transition
    std::vector<Transition> transitions;  // gradual ones
    std::vector<FrameRun> shots;          // between cuts and transitions (shotsBetween)
    std::vector<std::int64_t> flashes;
    std::vector<FrameRun> black;
    std::vector<FrameRun> freezes;
    bool partial = false;  // the stream was damaged and decoding stopped early
};

using AnalysisProgress = std::function<void(double fraction)>;

// Decodes the main video stream once, measures every frame on a small working
// copy and runs the shot and QC detectors over the measurements.
[[nodiscard]] VideoAnalysis analyzeVideo(const std::filesystem::path& path, const VideoAnalysisOptions& options = {},
                                         std::stop_token stop = {}, const AnalysisProgress& progress = {});

// Re-runs the detectors on stored measurements (new thresholds, no decoding).
void detectOnFeatures(VideoAnalysis& analysis, const VideoAnalysisOptions& options);

}  // namespace rushes::analysis
