// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/video_analysis.h"

#include <opencv2/imgproc.hpp>

#include "base/error.h"
#include "media/frame_converter.h"
#include "media/video_decoder.h"

namespace rushes::analysis {

void detectOnFeatures(VideoAnalysis& analysis, const VideoAnalysisOptions& options) {
    const double fps = analysis.frame_rate.num > 0 ? analysis.frame_rate.toDouble() : 25.0;
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
    media::VideoDecoder decoder(path, decoder_options, stop);
    VideoAnalysis analysis;
    analysis.frame_rate = decoder.frameRate();
    analysis.time_base = decoder.timeBase();
    const AVFormatContext* format = decoder.input().context();
    const double duration_us = format->duration > 0 ? static_cast<double>(format->duration) : 0.0;

    media::FrameConverter converter;
    FeatureOptions feature_options;
    feature_options.blend_lags = blendLagsFor(analysis.frame_rate.num > 0 ? analysis.frame_rate.toDouble() : 25.0);
    FeatureTracker tracker(feature_options);
    const media::ImageSpec spec{options.working_width, 0, AV_PIX_FMT_BGR24, media::ScalePath::Auto};
    std::int64_t index = 0;
    for (;;) {
        std::optional<media::VideoFrame> decoded;
        try {
            decoded = decoder.next();
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::Corrupt) throw;
            analysis.partial = true;  // keep what was measured before the damage
            break;
        }
        if (!decoded) break;
        WorkingFrame frame;
        frame.index = index++;
        frame.pts = decoded->pts;
        media::Image image = converter.convert(*decoded->frame, spec);
        frame.bgr = cv::Mat(image.height, image.width, CV_8UC3, image.pixels.data()).clone();
        cv::cvtColor(frame.bgr, frame.hsv, cv::COLOR_BGR2HSV);
        cv::cvtColor(frame.bgr, frame.gray, cv::COLOR_BGR2GRAY);
        analysis.pts.push_back(frame.pts);
        analysis.features.push_back(tracker.add(std::move(frame)));
        if (progress && duration_us > 0 && index % 50 == 0) {
            const double seconds = static_cast<double>(index) / std::max(1.0, analysis.frame_rate.toDouble());
            progress(std::min(1.0, seconds * 1e6 / duration_us));
        }
    }
    analysis.frames = index;
    detectOnFeatures(analysis, options);
    if (progress) progress(1.0);
    return analysis;
}

}  // namespace rushes::analysis
