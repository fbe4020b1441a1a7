// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/video_measurer.h"

#include <opencv2/imgproc.hpp>

#include "media/stream_decoder.h"

namespace rushes::analysis {

VideoMeasurer::VideoMeasurer(int working_width, FeatureOptions options)
    : spec_{working_width, 0, AV_PIX_FMT_BGR24, media::ScalePath::Auto}, tracker_(options) {}

void VideoMeasurer::add(const AVFrame& decoded) {
    WorkingFrame frame;
    frame.index = frames();
    frame.pts = media::framePresentationTime(decoded);
    media::Image image = converter_.convert(decoded, spec_);
    frame.bgr = cv::Mat(image.height, image.width, CV_8UC3, image.pixels.data()).clone();
    cv::cvtColor(frame.bgr, frame.hsv, cv::COLOR_BGR2HSV);
    cv::cvtColor(frame.bgr, frame.gray, cv::COLOR_BGR2GRAY);
    pts_.push_back(frame.pts);
    features_.push_back(tracker_.add(std::move(frame)));
}

}  // namespace rushes::analysis
