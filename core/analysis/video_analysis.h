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
#include "analysis/video_measurer.h"
#include "media/decode_pass.h"
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
    // Damage: the result covers what could be decoded and says so. Stopped early = reading or decoding
    // failed before the end; damaged packets were skipped; damaged frames were decoded with concealment.
    bool partial = false;  // any of the three
    bool stopped_early = false;
    std::int64_t damaged_packets = 0;
    std::int64_t damaged_frames = 0;
};

using AnalysisProgress = std::function<void(double fraction)>;

// Decodes the main video stream once, measures every frame on a small working
// copy and runs the shot and QC detectors over the measurements.
[[nodiscard]] VideoAnalysis analyzeVideo(const std::filesystem::path& path, const VideoAnalysisOptions& options = {},
                                         std::stop_token stop = {}, const AnalysisProgress& progress = {});

// The measurements of a pass that fed `measurer`, without detections yet.
[[nodiscard]] VideoAnalysis collectVideoAnalysis(VideoMeasurer& measurer, const media::DecodePass& pass,
                                                 const media::DecodePassReport& report);

// The measurer's options for a stream: the blend fits' lags follow its frame rate.
[[nodiscard]] FeatureOptions featureOptionsFor(Rational frame_rate);

// Re-runs the detectors on stored measurements (new thresholds, no decoding).
void detectOnFeatures(VideoAnalysis& analysis, const VideoAnalysisOptions& options);

}  // namespace rushes::analysis
