// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/frame_features.h"
#include "analysis/qc_detector.h"

namespace rushes::analysis {

enum class TransitionKind { Dissolve, FadeIn, FadeOut, Wipe };

[[nodiscard]] std::string_view toString(TransitionKind kind);

// A gradual transition, framed like the evaluation truth: start_frame is the first frame
// that differs from the outgoing picture, end_frame the first frame that is entirely the
// incoming one (both inclusive). Fades go from/to a solid picture; a dip through black or
// white that holds the colour only for a moment is one dissolve.
struct Transition {
    TransitionKind kind = TransitionKind::Dissolve;
    std::int64_t start_frame = 0;
    std::int64_t end_frame = 0;
    friend bool operator==(const Transition&, const Transition&) = default;
};

// Every threshold with its reason; docs/analysis.md gives the measurements behind them.
struct TransitionParameters {
    // Fades: a solid picture has almost no luma spread (exact black/white has 0; the
    // allowance covers encoder noise on the 256 px working copy).
    double solid_stddev = 2.0;
    // A fade scales the picture's contrast towards 0: its luma spread changes by at least
    // this much every frame (a 2 s fade of a flat 25-level picture still moves 0.5/frame).
    double fade_stddev_step = 0.25;
    int min_fade_frames = 3;         // 1–2 frames from/to black are a cut with a soft edge
    double min_fade_contrast = 8.0;  // the faded picture must have some structure to fade
    // A dip holds its colour for a few frames at most; a fade out and a fade in hold it
    // for a visible pause (the corpus: dips hold ≤ 0.24 s, fade pairs ≥ 0.4 s). Fitting
    // frames of one blend may also be this far apart (a dip's darkest stretch fits no blend).
    double max_dip_hold_s = 0.3;

    // Blends (dissolves, wipes): the middle frame of a window lies on the straight line
    // between the window's ends, within this share of the ends' distance. Camera and subject
    // motion over the same distance stay above 0.15 (docs/analysis.md).
    double blend_residual = 0.12;
    // The ends must be different pictures: mean |Δ| on the thumbnail, 0..255.
    double min_blend_span = 15.0;
    // A looser fit (a random-pixel dissolve, moving pictures on both sides: 0.13–0.17) counts
    // when its span is at least twice that of the same-length windows just before and after
    // it: the twin comparison. A zoom fitted at 0.21–0.44, hence 0.2.
    double loose_blend_residual = 0.2;
    double loose_blend_contrast = 2.0;
    // The middle frame must be partway: at 0 or 1 it is still the picture before or after.
    double min_alpha = 0.1, max_alpha = 0.9;
    // No single frame may make this share of a window's change, or of a fade's contrast
    // gain: that would be a cut (or the frame after a flash).
    double max_step_share = 0.5;
    // A window whose end is within this share of its span of a shifted copy of its start
    // shows a pan or tilt: in-transition windows measure ≥ 0.5 on corpus and held-out clips.
    double min_shift_residual = 0.5;
    // The middle frame itself changes at least at this share of the window's mean pace
    // (span / 2k): a still frame next to a transition fits a window reaching into it.
    double min_pace_share = 0.5;
    // Two dissolves around a nearly solid frame (this share of the outer pictures' luma
    // spread) are the two halves of one dip.
    double dip_contrast_share = 0.25;
    double dip_max_stddev = 8.0;  // …and nearly solid itself: a flat picture between two dissolves is a shot
    int min_blend_frames = 2;     // middle frames that fit, before one transition is reported
    // The edges of a blend: neighbouring frames that still change at this share of the
    // transition's median frame-to-frame pace belong to it (in-shot motion is slower).
    double edge_pace_share = 0.75;
};

inline constexpr const char* kTransitionDetectorVersion = "blend-fade/1";

// `frames` must come from a FeatureTracker whose blend_lags are blendLagsFor(frame_rate_fps).
// `flashes` (first frames, from detectFlashes) are never the hold of a fade.
[[nodiscard]] std::vector<Transition> detectTransitions(const std::vector<FrameFeatures>& frames,
                                                        double frame_rate_fps,
                                                        const TransitionParameters& parameters = {},
                                                        const std::vector<std::int64_t>& flashes = {});

// Cuts that fall inside a gradual transition (±1 frame for its measured edges) are part of it.
[[nodiscard]] std::vector<std::int64_t> cutsOutside(const std::vector<std::int64_t>& cuts,
                                                    const std::vector<Transition>& transitions);

// Shots between hard cuts and gradual transitions. A dissolve or wipe splits at its middle
// frame, where the incoming picture starts to dominate; a fade out ends its shot where the
// solid colour begins and a fade in starts its shot where the picture begins to appear, so
// the fading frames stay with the picture they show.
[[nodiscard]] std::vector<FrameRun> shotsBetween(const std::vector<std::int64_t>& cuts,
                                                 const std::vector<Transition>& transitions, std::int64_t frames);

}  // namespace rushes::analysis
