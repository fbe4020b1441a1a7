// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <deque>
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

// How well a frame is a blend of two others, on a 32 px wide colour thumbnail
// (see FeatureTracker). Dissolves and fades blend the outgoing and incoming
// pictures; a wipe blends them column by column or row by row; camera and
// subject motion blend nothing (docs/analysis.md, Gradual transitions).
struct BlendFit {
    float span = 0;             // mean |b − a| of the outer frames, 0..255
    float alpha = 0;            // least-squares share of the way from a to b the middle frame has gone
    float residual = 0;         // mean |m − a − alpha·(b − a)|, 0..255
    float column_residual = 0;  // the same with one alpha per column (a left/right wipe fits this)
    float row_residual = 0;     // the same with one alpha per row (an up/down wipe fits this)
    // Smallest mean |b − a shifted| over small whole-pixel shifts: a pan or tilt explains
    // its own change this way, a transition to another picture does not. Measured only where
    // span ≥ 8 and some fit above is within 0.3 of the span; elsewhere it equals span.
    float shift_residual = 0;
};

inline constexpr std::size_t kBlendLagCount = 4;

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
    double luma_stddev = 0;  // spatial spread of luma: ~0 on a solid black or white picture
    // Mean |Δ| of the blend thumbnail to the previous frame, on the blend fits' scale: a
    // gradual transition spreads its change over frames, a cut makes it in one step.
    double thumbnail_delta = 0;
    // blend[i] describes the frame k = FeatureOptions::blend_lags[i] back: frame t−k fitted
    // between frames t−2k and t. Zero until 2k frames have been seen.
    std::array<BlendFit, kBlendLagCount> blend{};
};

struct FeatureOptions {
    // blackdetect: a pixel is black below 10% of the luma range (pix_th = 0.10).
    double black_pixel_threshold = 0.10 * 255.0;
    // Half-windows of the blend fits, in frames. blendLagsFor() scales them to the frame
    // rate: 0.08–0.64 s, so that a 0.4 s transition fits the short lags and a 2 s one
    // still moves far enough inside the long lag to stand out of the noise.
    std::array<int, kBlendLagCount> blend_lags{2, 4, 8, 16};
};

// blend_lags for a frame rate (25 fps gives 2, 4, 8, 16), strictly increasing.
[[nodiscard]] std::array<int, kBlendLagCount> blendLagsFor(double frame_rate_fps);

// Computes `current`'s features against `previous` (absent for the first frame).
[[nodiscard]] FrameFeatures measureFrame(const WorkingFrame& current, const WorkingFrame* previous,
                                         const FeatureOptions& options = {});

// Feeds frames in order and keeps the few earlier working frames the lagged
// and still-run features need, plus a ring of 2·max(blend_lags)+1 thumbnails
// (32 px wide, ≈7 KB each) for the blend fits.
class FeatureTracker {
public:
    explicit FeatureTracker(FeatureOptions options = {});
    FrameFeatures add(WorkingFrame frame);

private:
    FeatureOptions options_;
    std::vector<WorkingFrame> recent_;  // newest last, at most 4
    std::deque<cv::Mat> thumbnails_;    // CV_32FC3, newest last
    cv::Mat still_anchor_;              // gray of the first frame of the current still run
    double still_noise_ = 0.255;        // freezedetect's −60 dB of the 0..255 range
};

// Mean of |a−b| over HSV channels with hue's wrap-around, 0..255 scale.
[[nodiscard]] double hsvDistance(const cv::Mat& hsv_a, const cv::Mat& hsv_b);

}  // namespace rushes::analysis
