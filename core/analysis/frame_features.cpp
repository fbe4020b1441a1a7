// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/frame_features.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace rushes::analysis {
namespace {

constexpr int kMinSaturationForHue = 32;  // of 255

}  // namespace

double hsvDistance(const cv::Mat& hsv_a, const cv::Mat& hsv_b) {
    CV_Assert(hsv_a.size() == hsv_b.size() && hsv_a.type() == CV_8UC3 && hsv_b.type() == CV_8UC3);
    // Vectorised through OpenCV: |Δ| per channel, then hue folded onto its circle
    // (179 and 0 are neighbours) and stretched from 0..90 to the 0..255 scale.
    cv::Mat diff;
    cv::absdiff(hsv_a, hsv_b, diff);
    cv::Mat channels[3];
    cv::split(diff, channels);
    cv::Mat hue_wrapped;
    cv::subtract(cv::Scalar::all(180), channels[0], hue_wrapped);
    cv::min(channels[0], hue_wrapped, channels[0]);
    // Hue is noise where colour is faint: a grey wall's hue jumps at every
    // re-encoded keyframe. Count hue only where both pixels carry colour.
    cv::Mat sat_a, sat_b, coloured;
    cv::extractChannel(hsv_a, sat_a, 1);
    cv::extractChannel(hsv_b, sat_b, 1);
    cv::min(sat_a, sat_b, coloured);
    cv::threshold(coloured, coloured, kMinSaturationForHue - 1, 255, cv::THRESH_BINARY);
    channels[0].setTo(0, coloured == 0);
    const double pixels = static_cast<double>(hsv_a.total());
    const double hue = cv::sum(channels[0])[0] * (255.0 / 90.0);
    const double sat = cv::sum(channels[1])[0];
    const double val = cv::sum(channels[2])[0];
    return (hue + sat + val) / (3.0 * pixels);
}

FrameFeatures measureFrame(const WorkingFrame& current, const WorkingFrame* previous, const FeatureOptions& options) {
    FrameFeatures features;
    features.index = current.index;
    features.luma_mean = cv::mean(current.gray)[0];
    cv::Mat dark;
    cv::threshold(current.gray, dark, options.black_pixel_threshold, 1, cv::THRESH_BINARY_INV);
    features.dark_fraction = static_cast<double>(cv::countNonZero(dark)) / static_cast<double>(current.gray.total());
    if (!previous) return features;

    features.content_delta = hsvDistance(current.hsv, previous->hsv);
    cv::Mat diff;
    cv::absdiff(current.gray, previous->gray, diff);
    features.mafd = cv::mean(diff)[0];
    // Motion: the smallest mean difference over 1-pixel shifts, so that sensor
    // noise and sub-pixel jitter do not count as activity while real movement does.
    double best = features.mafd;
    const int w = current.gray.cols, h = current.gray.rows;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            if (dx == 0 && dy == 0) continue;
            const cv::Rect a(std::max(0, dx), std::max(0, dy), w - std::abs(dx), h - std::abs(dy));
            const cv::Rect b(std::max(0, -dx), std::max(0, -dy), w - std::abs(dx), h - std::abs(dy));
            cv::absdiff(current.gray(a), previous->gray(b), diff);
            best = std::min(best, cv::mean(diff)[0]);
        }
    }
    features.motion = best;
    return features;
}

FrameFeatures FeatureTracker::add(WorkingFrame frame) {
    FrameFeatures features = measureFrame(frame, recent_.empty() ? nullptr : &recent_.back(), options_);
    const std::size_t n = recent_.size();
    if (n >= 2) features.delta_lag2 = hsvDistance(frame.hsv, recent_[n - 2].hsv);
    if (n >= 3) features.delta_lag3 = hsvDistance(frame.hsv, recent_[n - 3].hsv);
    if (n >= 4) features.delta_lag4 = hsvDistance(frame.hsv, recent_[n - 4].hsv);
    if (still_anchor_.empty()) {
        still_anchor_ = frame.gray.clone();
    } else {
        cv::Mat diff;
        cv::absdiff(frame.gray, still_anchor_, diff);
        features.still_delta = cv::mean(diff)[0];
        if (features.still_delta > still_noise_) still_anchor_ = frame.gray.clone();
    }
    recent_.push_back(std::move(frame));
    if (recent_.size() > 4) recent_.erase(recent_.begin());
    return features;
}

}  // namespace rushes::analysis
