// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/video_analysis.h"

#include "base/error.h"

namespace rushes::analysis {

namespace {

double framesPerSecond(Rational frame_rate) { return frame_rate.num > 0 ? frame_rate.toDouble() : 25.0; }

}  // namespace

FeatureOptions featureOptionsFor(Rational frame_rate) {
    FeatureOptions options;
    options.blend_lags = blendLagsFor(framesPerSecond(frame_rate));
    return options;
}

void detectOnFeatures(VideoAnalysis& analysis, const VideoAnalysisOptions& options) {
    const double fps = framesPerSecond(analysis.frame_rate);
    analysis.flashes = detectFlashes(analysis.features, options.cuts);
    analysis.transitions = detectTransitions(analysis.features, fps, options.transitions, analysis.flashes);
    analysis.cuts = cutsOutside(detectCuts(analysis.features, options.cuts), analysis.transitions);
    analysis.shots = shotsBetween(analysis.cuts, analysis.transitions, analysis.frames);
    analysis.black = detectBlack(analysis.features, fps, options.qc);
    analysis.freezes = detectFreezes(analysis.features, fps, options.qc);
}

VideoAnalysis analyzeVideo(const std::filesystem::path& path, const VideoAnalysisOptions& options,
                           std::stop_token stop, const AnalysisProgress& progress) {
    media::DecoderOptions decoder_options;
    decoder_options.skip_loop_filter = options.skip_loop_filter;
    media::DecodePass pass(path, decoder_options, /*with_audio=*/false, stop);
    if (!pass.hasVideo()) throw Error(ErrorKind::NotMedia, pass.input().name(), "no video stream");
    VideoMeasurer measurer(options.working_width, featureOptionsFor(pass.videoFrameRate()));
    const media::DecodePassReport report =
        pass.run({[&](const AVFrame& frame) { measurer.add(frame); }, {}, progress});
    VideoAnalysis analysis = collectVideoAnalysis(measurer, pass, report);
    detectOnFeatures(analysis, options);
    return analysis;
}

VideoAnalysis collectVideoAnalysis(VideoMeasurer& measurer, const media::DecodePass& pass,
                                   const media::DecodePassReport& report) {
    VideoAnalysis analysis;
    analysis.frame_rate = pass.videoFrameRate();
    analysis.time_base = pass.videoTimeBase();
    analysis.frames = measurer.frames();
    analysis.features = measurer.takeFeatures();
    analysis.pts = measurer.takePts();
    analysis.stopped_early = report.stopped_early;
    analysis.damaged_packets = report.damaged_packets;
    analysis.damaged_frames = report.damaged_frames;
    analysis.partial = report.stopped_early || report.damaged_packets > 0 || report.damaged_frames > 0;
    return analysis;
}

}  // namespace rushes::analysis
