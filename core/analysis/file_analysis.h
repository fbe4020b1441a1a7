// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <stop_token>
#include <vector>

#include "analysis/audio_analysis.h"
#include "analysis/excitement.h"
#include "analysis/face_sampler.h"
#include "analysis/highlights.h"
#include "analysis/interview_detector.h"
#include "analysis/video_analysis.h"

namespace rushes::analysis {

struct FileAnalysisOptions {
    VideoAnalysisOptions video;
    AudioAnalysisParameters audio;
    ExcitementParameters excitement;
    HighlightSelection highlights;
    HighlightParameters highlight_parameters;
    bool faces = true;  // sample faces for interviews (off: no interviews)
    FaceParameters face;
    InterviewParameters interviews;
};

// Wall time of each stage of one file's analysis, for the benchmark and the log.
struct StageTimes {
    double decode_and_measure_s = 0;  // the pass: demux, decode, working copy, per-frame and audio features
    double video_measure_s = 0;       // of which: converting and measuring pictures
    double audio_measure_s = 0;       // of which: converting and measuring sound
    double face_s = 0;                // of which: face detection on the sampled frames
    double detect_s = 0;              // decisions over the stored measurements
};

// Everything the one decode pass of a file found (DESIGN §3).
struct FileAnalysis {
    std::filesystem::path file;
    VideoAnalysis video;
    std::optional<AudioAnalysis> audio;  // absent without a sound track
    ExcitementCurve excitement;          // one value per second
    std::vector<Highlight> highlights;
    std::vector<FaceSample> faces;  // 2 samples a second
    std::vector<Interview> interviews;
    StageTimes times;
};

// Reads the file once, decodes picture and sound from the same packets, feeds
// every detector, then runs the decisions over the stored measurements.
[[nodiscard]] FileAnalysis analyzeFile(const std::filesystem::path& path, const FileAnalysisOptions& options = {},
                                       std::stop_token stop = {}, const AnalysisProgress& progress = {});

// Re-runs every decision (cuts, QC, excitement, highlights) on the stored measurements.
void decideOnMeasurements(FileAnalysis& analysis, const FileAnalysisOptions& options);

// The per-second inputs of the excitement curve: picture activity and cuts from the video measurements,
// loudness, voicing and pitch from the audio's seconds.
[[nodiscard]] ExcitementInputs excitementInputs(const VideoAnalysis& video, const AudioAnalysis* audio);

}  // namespace rushes::analysis
