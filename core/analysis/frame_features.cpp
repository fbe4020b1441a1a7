// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/frame_features.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>

namespace rushes::analysis {
namespace {

constexpr int kMinSaturationForHue = 32;  // of 255
// Wide enough for a wipe's edge to sit in one of 32 columns, small enough that the
// thumbnail's 8×8 averages blur sensor noise and random-pixel dissolves into blends.
constexpr int kThumbnailWidth = 32;
// Below this span (mean |Δ| of a window's ends, 0..255) no detector asks whether a shift explains it.
constexpr float kMinShiftSpan = 8.0f;
// …nor when no blend fits within this share of the span (the detector's loosest fit is 0.25).
constexpr float kMaxShiftFitShare = 0.3f;

cv::Mat thumbnailOf(const cv::Mat& bgr) {
    const int height = std::max(1, static_cast<int>(std::lround(kThumbnailWidth * bgr.rows / double(bgr.cols))));
    cv::Mat small, out;
    cv::resize(bgr, small, cv::Size(kThumbnailWidth, height), 0, 0, cv::INTER_AREA);
    small.convertTo(out, CV_32FC3);
    return out;
}

// How well b is a moved: the smallest mean |b − a shifted| over whole-pixel shifts of up to
// a fifth of the thumbnail's width and a quarter of its height (a pan of ≈ 50 px on the
// working copy between the window's ends), measured where both pictures overlap.
double shiftResidual(const cv::Mat& a, const cv::Mat& b) {
    const int reach_x = a.cols / 5, reach_y = a.rows / 4;
    double best = std::numeric_limits<double>::max();
    for (int dy = -reach_y; dy <= reach_y; ++dy) {
        for (int dx = -reach_x; dx <= reach_x; ++dx) {
            const int w = a.cols - std::abs(dx), h = a.rows - std::abs(dy);
            const int ax = std::max(0, -dx), ay = std::max(0, -dy), bx = std::max(0, dx), by = std::max(0, dy);
            double sum = 0;
            for (int y = 0; y < h; ++y) {
                const float* pa = a.ptr<float>(ay + y) + 3 * ax;
                const float* pb = b.ptr<float>(by + y) + 3 * bx;
                for (int i = 0; i < 3 * w; ++i) sum += std::abs(pb[i] - pa[i]);
            }
            best = std::min(best, sum / (3.0 * w * h));
        }
    }
    return best;
}

// Least-squares fit of m ≈ a + alpha·(b − a): globally, per column and per row.
BlendFit fitBlend(const cv::Mat& a, const cv::Mat& m, const cv::Mat& b) {
    const int rows = a.rows, cols = a.cols;
    std::vector<double> col_num(static_cast<std::size_t>(cols)), col_den(static_cast<std::size_t>(cols));
    std::vector<double> row_num(static_cast<std::size_t>(rows)), row_den(static_cast<std::size_t>(rows));
    double span = 0;
    for (int y = 0; y < rows; ++y) {
        const float* pa = a.ptr<float>(y);
        const float* pm = m.ptr<float>(y);
        const float* pb = b.ptr<float>(y);
        for (int x = 0; x < cols; ++x) {
            for (int c = 0; c < 3; ++c) {
                const int i = 3 * x + c;
                const double d = pb[i] - pa[i], dm = pm[i] - pa[i];
                span += std::abs(d);
                col_num[static_cast<std::size_t>(x)] += dm * d;
                col_den[static_cast<std::size_t>(x)] += d * d;
                row_num[static_cast<std::size_t>(y)] += dm * d;
                row_den[static_cast<std::size_t>(y)] += d * d;
            }
        }
    }
    double num = 0, den = 0;
    for (int x = 0; x < cols; ++x) {
        num += col_num[static_cast<std::size_t>(x)];
        den += col_den[static_cast<std::size_t>(x)];
    }
    // A column or row the two ends agree on has nothing to blend: its share is 0.
    const auto share = [](double n, double d) { return d > 1e-6 ? n / d : 0.0; };
    const double alpha = share(num, den);
    double residual = 0, column_residual = 0, row_residual = 0;
    for (int y = 0; y < rows; ++y) {
        const float* pa = a.ptr<float>(y);
        const float* pm = m.ptr<float>(y);
        const float* pb = b.ptr<float>(y);
        const double row_alpha = share(row_num[static_cast<std::size_t>(y)], row_den[static_cast<std::size_t>(y)]);
        for (int x = 0; x < cols; ++x) {
            const double column_alpha =
                share(col_num[static_cast<std::size_t>(x)], col_den[static_cast<std::size_t>(x)]);
            for (int c = 0; c < 3; ++c) {
                const int i = 3 * x + c;
                const double d = pb[i] - pa[i], dm = pm[i] - pa[i];
                residual += std::abs(dm - alpha * d);
                column_residual += std::abs(dm - column_alpha * d);
                row_residual += std::abs(dm - row_alpha * d);
            }
        }
    }
    const double values = 3.0 * rows * cols;
    return {static_cast<float>(span / values), static_cast<float>(alpha), static_cast<float>(residual / values),
            static_cast<float>(column_residual / values), static_cast<float>(row_residual / values), 0.0f};
}

}  // namespace

std::array<int, kBlendLagCount> blendLagsFor(double frame_rate_fps) {
    constexpr std::array<double, kBlendLagCount> seconds{0.08, 0.16, 0.32, 0.64};
    std::array<int, kBlendLagCount> lags{};
    int previous = 0;
    for (std::size_t i = 0; i < kBlendLagCount; ++i) {
        lags[i] = std::max(previous + 1, static_cast<int>(std::lround(seconds[i] * frame_rate_fps)));
        previous = lags[i];
    }
    return lags;
}

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
    cv::Scalar mean, stddev;
    cv::meanStdDev(current.gray, mean, stddev);
    features.luma_mean = mean[0];
    features.luma_stddev = stddev[0];
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

FeatureTracker::FeatureTracker(FeatureOptions options) : options_(options) {
    for (std::size_t i = 0; i < kBlendLagCount; ++i) {
        CV_Assert(options_.blend_lags[i] >= 1 && (i == 0 || options_.blend_lags[i] > options_.blend_lags[i - 1]));
    }
}

FrameFeatures FeatureTracker::add(WorkingFrame frame) {
    FrameFeatures features = measureFrame(frame, recent_.empty() ? nullptr : &recent_.back(), options_);
    thumbnails_.push_back(thumbnailOf(frame.bgr));
    const std::size_t ring = 2 * static_cast<std::size_t>(options_.blend_lags.back()) + 1;
    if (thumbnails_.size() > ring) thumbnails_.pop_front();
    const std::size_t newest = thumbnails_.size() - 1;
    if (newest >= 1) {
        cv::Mat step;
        cv::absdiff(thumbnails_[newest], thumbnails_[newest - 1], step);
        const cv::Scalar per_channel = cv::mean(step);
        features.thumbnail_delta = (per_channel[0] + per_channel[1] + per_channel[2]) / 3.0;
    }
    for (std::size_t i = 0; i < kBlendLagCount; ++i) {
        const auto k = static_cast<std::size_t>(options_.blend_lags[i]);
        if (newest < 2 * k) break;
        const cv::Mat& a = thumbnails_[newest - 2 * k];
        features.blend[i] = fitBlend(a, thumbnails_[newest - k], thumbnails_[newest]);
        // The shift search is most of the cost, so it runs only where it can matter: the ends
        // differ and some blend fits loosely. Elsewhere the feature holds the span (nothing explained).
        BlendFit& fit = features.blend[i];
        const float best_fit = std::min({fit.residual, fit.column_residual, fit.row_residual});
        fit.shift_residual = fit.span < kMinShiftSpan || best_fit > kMaxShiftFitShare * fit.span
                                 ? fit.span
                                 : static_cast<float>(std::min<double>(fit.span, shiftResidual(a, thumbnails_[newest])));
    }
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
