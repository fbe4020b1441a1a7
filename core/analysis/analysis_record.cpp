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

// Audio sample positions in the video stream's time base (both count from their stream's first sample).
std::int64_t sampleTicks(std::int64_t sample, int sample_rate, Rational time_base) {
    return rescale(sample, Rational{1, sample_rate}, time_base, Rounding::Nearest);
}

void addAudioRuns(catalog::AnalysisRecord& record, const AudioAnalysis& audio, const std::vector<SampleRun>& runs,
                  Rational time_base, const char* tag) {
    for (const SampleRun& run : runs) {
        DetectedSegment segment;
        segment.kind = SegmentKind::Qc;
        segment.in_ticks = sampleTicks(run.start, audio.sample_rate, time_base);
        segment.out_ticks = sampleTicks(run.end, audio.sample_rate, time_base);
        segment.tags = {tag};
        if (segment.out_ticks > segment.in_ticks) record.segments.push_back(std::move(segment));
    }
}

catalog::AnalysisSeries secondSeries(const std::string& name, const std::vector<double>& values) {
    catalog::AnalysisSeries series{name, Rational{1, 1}, {}};
    series.values.reserve(values.size());
    for (double v : values) series.values.push_back(static_cast<float>(v));
    return series;
}

template <typename Field>
catalog::AnalysisSeries audioSecondSeries(const std::string& name, const AudioAnalysis& audio, Field field) {
    catalog::AnalysisSeries series{name, Rational{1, 1}, {}};
    series.values.reserve(audio.seconds.size());
    for (const AudioSecond& second : audio.seconds) series.values.push_back(second.*field);
    return series;
}

void addAudio(catalog::AnalysisRecord& record, const FileAnalysis& analysis) {
    const AudioAnalysis& audio = *analysis.audio;
    const Rational base = analysis.video.time_base;
    addAudioRuns(record, audio, audio.silences, base, "silence");
    addAudioRuns(record, audio, audio.clipping, base, "clipping");
    // Out of EBU R128 is a finding about the whole file.
    const LoudnessSummary& loudness = audio.loudness;
    if (audio.samples > 0 && (!loudness.integrated_within_r128 || !loudness.true_peak_within_r128)) {
        DetectedSegment segment;
        segment.kind = SegmentKind::Qc;
        segment.in_ticks = 0;
        segment.out_ticks = std::max<std::int64_t>(1, sampleTicks(audio.samples, audio.sample_rate, base));
        segment.tags = {"loudness"};
        if (!loudness.true_peak_within_r128) segment.tags.emplace_back("true peak");
        record.segments.push_back(std::move(segment));
    }
    for (const auto& [name, field] :
         std::initializer_list<std::pair<const char*, float AudioSecond::*>>{
             {"second.momentary_max_lufs", &AudioSecond::momentary_max_lufs},
             {"second.short_term_lufs", &AudioSecond::short_term_lufs},
             {"second.rms_dbfs", &AudioSecond::rms_dbfs},
             {"second.spectral_flatness", &AudioSecond::spectral_flatness},
             {"second.spectral_flux", &AudioSecond::spectral_flux},
             {"second.voiced_fraction", &AudioSecond::voiced_fraction},
             {"second.median_pitch_hz", &AudioSecond::median_pitch_hz},
             {"second.voiced_energy_dbfs", &AudioSecond::voiced_energy_dbfs}}) {
        record.series.push_back(audioSecondSeries(name, audio, field));
    }
    const Rational step{1, LoudnessSeries::kStepsPerSecond};
    record.series.push_back({"loudness.momentary_lufs", step, audio.loudness_series.momentary_lufs});
    record.series.push_back({"loudness.short_term_lufs", step, audio.loudness_series.short_term_lufs});
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
                          {"video_qc", kVideoQcVersion},
                          {"audio_qc", kAudioQcVersion},
                          {"audio_features", kAudioFeaturesVersion},
                          {"excitement", kExcitementVersion},
                          {"highlights", kHighlightVersion},
                          {"faces", kFaceSamplerVersion},
                          {"interviews", kInterviewDetectorVersion}}
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
        {"audio",
         {{"silence_dbfs", options.audio.silence.threshold_dbfs},
          {"min_silence_seconds", options.audio.silence.min_seconds}}},
        {"excitement",
         {{"baseline_window_s", options.excitement.baseline_window_s},
          {"baseline_percentile", options.excitement.baseline_percentile},
          {"full_rise_lu", options.excitement.full_rise_lu},
          {"raised_pitch_semitones", options.excitement.raised_pitch_semitones},
          {"other_voice_semitones", options.excitement.other_voice_semitones},
          {"speech_damping", options.excitement.speech_damping},
          {"motion_weight", options.excitement.motion_weight},
          {"cut_weight", options.excitement.cut_weight},
          {"smoothing_radius_s", options.excitement.smoothing_radius_s}}},
        {"highlights",
         {{"mode", options.highlights.mode == HighlightSelection::Mode::TopK     ? "top"
                   : options.highlights.mode == HighlightSelection::Mode::Budget ? "budget"
                                                                                 : "auto"},
          {"threshold", options.highlights.threshold},
          {"top_k", options.highlights.top_k},
          {"budget_seconds", options.highlights.budget_seconds},
          {"min_gap_seconds", options.highlight_parameters.min_gap_seconds},
          {"pre_roll_seconds", options.highlight_parameters.pre_roll_seconds},
          {"post_roll_seconds", options.highlight_parameters.post_roll_seconds},
          {"snap_seconds", options.highlight_parameters.snap_seconds}}},
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

    for (const Highlight& highlight : analysis.highlights) {
        DetectedSegment segment;
        segment.kind = SegmentKind::Highlight;
        segment.in_ticks = frameStartTicks(video, highlight.start_frame);
        segment.out_ticks = frameStartTicks(video, highlight.end_frame);
        segment.score = highlight.score;
        segment.tags = highlight.tags;
        if (segment.out_ticks > segment.in_ticks) record.segments.push_back(std::move(segment));
    }
    for (const Interview& interview : analysis.interviews) {
        DetectedSegment segment;
        segment.kind = SegmentKind::Interview;
        segment.in_ticks = frameStartTicks(video, interview.start_frame);
        segment.out_ticks = frameStartTicks(video, interview.end_frame);
        segment.score = interview.score;
        segment.tags = {"interview"};
        if (segment.out_ticks > segment.in_ticks) record.segments.push_back(std::move(segment));
    }
    if (analysis.audio) addAudio(record, analysis);
    record.series.push_back(secondSeries("second.excitement", analysis.excitement.score));
    record.series.push_back(secondSeries("second.crowd", analysis.excitement.crowd));
    record.series.push_back(secondSeries("second.voice", analysis.excitement.voice));
    record.series.push_back(secondSeries("second.picture", analysis.excitement.picture));

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
