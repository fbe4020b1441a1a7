// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace rushes::analysis {

// The small picture every video detector works on: decoded once, shrunk once
// (DESIGN §3: ≈256 px wide is all a shot or QC detector can use).
struct WorkingFrame {
    std::int64_t index = 0;  // frame number
    std::int64_t pts = 0;    // in the stream time base
    cv::Mat bgr;             // 8-bit, working size
    cv::Mat hsv;             // same size, OpenCV's 8-bit HSV (H in 0..179)
    cv::Mat gray;            // full-range luma
};

// Per-frame measurements, kept for every frame so detectors and the stored
// curves can be recomputed with other thresholds without decoding again.
struct FrameFeatures {
    std::int64_t index = 0;
    double luma_mean = 0;          // 0..255
    double dark_fraction = 0;      // share of pixels below the black threshold (blackdetect's rule)
    double content_delta = 0;      // mean |ΔH|+|ΔS|+|ΔV| / 3 to the previous frame (PySceneDetect's content score)
    double mafd = 0;               // mean absolute luma difference to the previous frame, 0..255
    double motion = 0;             // mean |Δluma| after a 1-pixel global alignment: camera + subject activity
    // HSV distance to the frames 2, 3 and 4 back: a camera flash of 1–3 frames
    // returns to a picture close to the one before it, which a cut never does.
    double delta_lag2 = 0, delta_lag3 = 0, delta_lag4 = 0;
    // Mean |Δluma| to the first frame of the current still run (freezedetect's rule).
    double still_delta = 0;
};

struct FeatureOptions {
    // blackdetect: a pixel is black below 10% of the luma range (pix_th = 0.10).
    double black_pixel_threshold = 0.10 * 255.0;
};

// Computes `current`'s features against `previous` (absent for the first frame).
[[nodiscard]] FrameFeatures measureFrame(const WorkingFrame& current, const WorkingFrame* previous,
                                         const FeatureOptions& options = {});

// Feeds frames in order and keeps the few earlier working frames the lagged
// and still-run features need.
class FeatureTracker {
public:
    explicit FeatureTracker(FeatureOptions options = {}) : options_(options) {}
    FrameFeatures add(WorkingFrame frame);

private:
    FeatureOptions options_;
    std::vector<WorkingFrame> recent_;  // newest last, at most 4
    cv::Mat still_anchor_;              // gray of the first frame of the current still run
    double still_noise_ = 0.255;        // freezedetect's −60 dB of the 0..255 range
};

// Mean of |a−b| over HSV channels with hue's wrap-around, 0..255 scale.
[[nodiscard]] double hsvDistance(const cv::Mat& hsv_a, const cv::Mat& hsv_b);

}  // namespace rushes::analysis
