// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/transition_detector.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace rushes::analysis {
namespace {

// The flash filter's longest flash (CutParameters::max_flash_frames).
constexpr std::int64_t kMaxFlashFrames = 3;

using Frames = std::vector<FrameFeatures>;

double stddevAt(const Frames& frames, std::int64_t t) { return frames[static_cast<std::size_t>(t)].luma_stddev; }

bool touchesFlash(std::int64_t solid_start, std::int64_t solid_end, const std::vector<std::int64_t>& flashes) {
    return std::any_of(flashes.begin(), flashes.end(), [&](std::int64_t flash) {
        return flash < solid_end && solid_start < flash + kMaxFlashFrames;
    });
}

// How far a fade's contrast ramp goes on from frame t in `direction` (away from the solid
// picture): 1 when the next frame has more contrast, 2 when only the one after has (one
// frame of encoder or blend rounding does not end a ramp), else 0.
std::int64_t rampStep(const Frames& frames, std::int64_t t, std::int64_t direction, const TransitionParameters& p) {
    const auto n = static_cast<std::int64_t>(frames.size());
    for (std::int64_t step = 1; step <= 2; ++step) {
        const std::int64_t next = t + direction * step;
        if (next < 0 || next >= n) return 0;
        if (stddevAt(frames, next) >= stddevAt(frames, t) + static_cast<double>(step) * p.fade_stddev_step) return step;
    }
    return 0;
}

// The contrast between frames a and b (either order) rises by at least min_fade_contrast
// and no single frame makes more than max_step_share of it: a picture that appears in one
// frame after a solid one (a cut from black, the frame after a flash) is no fade.
bool isGradualRamp(const Frames& frames, std::int64_t a, std::int64_t b, const TransitionParameters& p) {
    const double gain = std::abs(stddevAt(frames, b) - stddevAt(frames, a));
    if (gain < p.min_fade_contrast) return false;
    for (std::int64_t t = std::min(a, b); t < std::max(a, b); ++t) {
        if (std::abs(stddevAt(frames, t + 1) - stddevAt(frames, t)) > p.max_step_share * gain) return false;
    }
    return true;
}

// Fades: walk away from each solid run while the picture's contrast keeps shrinking
// towards it. Dips (a fade out and a fade in around a short hold) become one dissolve.
std::vector<Transition> detectFades(const Frames& frames, double fps, const TransitionParameters& p,
                                    const std::vector<std::int64_t>& flashes) {
    const auto n = static_cast<std::int64_t>(frames.size());
    const auto max_dip_hold = static_cast<std::int64_t>(std::floor(p.max_dip_hold_s * fps));
    std::vector<Transition> fades;
    for (std::int64_t t = 0; t < n;) {
        if (stddevAt(frames, t) > p.solid_stddev) {
            ++t;
            continue;
        }
        const std::int64_t solid_start = t;
        while (t < n && stddevAt(frames, t) <= p.solid_stddev) ++t;
        const std::int64_t solid_end = t;  // first frame after the solid run
        if (touchesFlash(solid_start, solid_end, flashes)) continue;

        std::optional<Transition> fade_out;
        std::int64_t first = solid_start;  // the first frame whose contrast has started to fall
        while (const std::int64_t step = rampStep(frames, first, -1, p)) first -= step;
        if (solid_start - first >= p.min_fade_frames && isGradualRamp(frames, first, solid_start, p)) {
            fade_out = Transition{TransitionKind::FadeOut, first, solid_start};
        }
        std::optional<Transition> fade_in;
        if (solid_end < n) {
            std::int64_t last = solid_end;
            while (const std::int64_t step = rampStep(frames, last, +1, p)) last += step;
            if (last - solid_end + 1 >= p.min_fade_frames && isGradualRamp(frames, solid_end - 1, last, p)) {
                fade_in = Transition{TransitionKind::FadeIn, solid_end, last};
            }
        }
        if (fade_out && fade_in && solid_end - solid_start <= max_dip_hold) {
            fades.push_back({TransitionKind::Dissolve, fade_out->start_frame, fade_in->end_frame});
        } else {
            if (fade_out) fades.push_back(*fade_out);
            if (fade_in) fades.push_back(*fade_in);
        }
        if (fade_in) t = std::max(t, fade_in->end_frame + 1);
    }
    return fades;
}

// The blend fit whose middle frame is m at lag index i (stored on the window's last frame).
const BlendFit* fitCentredAt(const Frames& frames, std::int64_t m, std::int64_t k, std::size_t i) {
    const auto n = static_cast<std::int64_t>(frames.size());
    if (m - k < 0 || m + k >= n) return nullptr;
    return &frames[static_cast<std::size_t>(m + k)].blend[i];
}

double largestStep(const Frames& frames, std::int64_t m, std::int64_t k) {
    double largest = 0;
    for (std::int64_t t = m - k + 1; t <= m + k; ++t) {
        largest = std::max(largest, frames[static_cast<std::size_t>(t)].thumbnail_delta);
    }
    return largest;
}

// Twin comparison: the window's span over the larger of the spans of the windows just
// before and after it. Windows holding a cut or a flash say nothing about the shot's own
// change and are left out; with neither, there is no evidence (1).
double spanContrast(const Frames& frames, std::int64_t m, std::int64_t k, std::size_t i, const BlendFit& fit,
                    const TransitionParameters& p) {
    double reference = 0;
    bool any = false;
    for (const std::int64_t beside : {m - 2 * k, m + 2 * k}) {
        const BlendFit* other = fitCentredAt(frames, beside, k, i);
        if (!other || largestStep(frames, beside, k) > p.max_step_share * std::max(other->span, 1e-3f)) continue;
        reference = std::max(reference, static_cast<double>(other->span));
        any = true;
    }
    if (!any) return 1.0;
    return fit.span / std::max(reference, 1.0);
}

struct BlendMark {
    TransitionKind kind = TransitionKind::Dissolve;
    std::int64_t reach = 0;  // the lag of the window that fitted
};

bool windowTouches(std::int64_t m, std::int64_t k, const std::vector<Transition>& fades) {
    return std::any_of(fades.begin(), fades.end(),
                       [&](const Transition& f) { return m - k <= f.end_frame && m + k >= f.start_frame; });
}

// Whether frame m is the middle of a blend (dissolve) or of a column/row blend (wipe)
// at any lag. Windows reaching into a fade see the fade's own change and are skipped.
std::optional<BlendMark> blendAt(const Frames& frames, std::int64_t m, const std::array<int, kBlendLagCount>& lags,
                                 const std::vector<Transition>& fades, const TransitionParameters& p) {
    std::optional<BlendMark> loose;
    for (std::size_t i = 0; i < kBlendLagCount; ++i) {
        const std::int64_t k = lags[i];
        const BlendFit* fit = fitCentredAt(frames, m, k, i);
        if (!fit || fit->span < p.min_blend_span || fit->alpha < p.min_alpha || fit->alpha > p.max_alpha) continue;
        if (largestStep(frames, m, k) > p.max_step_share * fit->span) continue;
        if (windowTouches(m, k, fades)) continue;
        if (fit->shift_residual < p.min_shift_residual * fit->span) continue;  // a pan or tilt
        // The middle frame itself must be changing: a still frame beside a transition fits a
        // window that reaches into it, but does not move at the window's pace.
        const double pace = fit->span / (2.0 * static_cast<double>(k));
        const double own_step = 0.5 * (frames[static_cast<std::size_t>(m)].thumbnail_delta +
                                       frames[static_cast<std::size_t>(m + 1)].thumbnail_delta);
        if (own_step < p.min_pace_share * pace) continue;
        const double residual = fit->residual / fit->span;
        const double wipe_residual = std::min(fit->column_residual, fit->row_residual) / fit->span;
        if (residual <= p.blend_residual) return BlendMark{TransitionKind::Dissolve, k};
        if (wipe_residual <= p.blend_residual) return BlendMark{TransitionKind::Wipe, k};
        if (loose || std::min(residual, wipe_residual) > p.loose_blend_residual) continue;
        if (spanContrast(frames, m, k, i, *fit, p) < p.loose_blend_contrast) continue;
        loose = BlendMark{residual <= p.loose_blend_residual ? TransitionKind::Dissolve : TransitionKind::Wipe, k};
    }
    return loose;
}

// The fitting middle frames sit inside the transition, where the window's ends are far
// enough apart; its first and last frames change at the same pace but fit no window yet.
// Walk out while the frame-to-frame change stays near the run's own pace, at most one
// long lag, and never into a neighbouring transition.
Transition refineEdges(const Frames& frames, Transition blend, std::int64_t lower, std::int64_t upper,
                       std::int64_t max_walk, const TransitionParameters& p) {
    std::vector<double> steps;
    for (std::int64_t t = blend.start_frame; t <= blend.end_frame; ++t) {
        steps.push_back(frames[static_cast<std::size_t>(t)].thumbnail_delta);
    }
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2), steps.end());
    const double pace = p.edge_pace_share * steps[steps.size() / 2];
    const auto step = [&](std::int64_t t) { return frames[static_cast<std::size_t>(t)].thumbnail_delta; };
    for (std::int64_t walked = 0; walked < max_walk && blend.start_frame - 1 > lower && step(blend.start_frame - 1) >= pace;
         ++walked) {
        --blend.start_frame;
    }
    for (std::int64_t walked = 0; walked < max_walk && blend.end_frame + 1 < upper && step(blend.end_frame + 1) >= pace;
         ++walked) {
        ++blend.end_frame;
    }
    return blend;
}

using Marks = std::vector<std::optional<BlendMark>>;

// Runs of fitting middle frames as [first, last + 1]. Across one frame a run always goes on;
// across up to max_gap frames only with the same kind: the darkest or brightest stretch of a
// dip fits no two-picture blend, while a wipe that ends just before a dissolve starts stays a
// transition of its own.
std::vector<Transition> runsOf(const Marks& marks, std::int64_t max_gap, const TransitionParameters& p) {
    struct Run {
        std::int64_t first = 0, last = 0;
        TransitionKind last_kind = TransitionKind::Dissolve;
        int dissolves = 0, wipes = 0;
    };
    std::vector<Transition> runs;
    std::optional<Run> run;
    const auto close = [&] {
        if (run && run->dissolves + run->wipes >= p.min_blend_frames) {
            const auto kind = run->wipes > run->dissolves ? TransitionKind::Wipe : TransitionKind::Dissolve;
            runs.push_back({kind, run->first, run->last + 1});
        }
        run.reset();
    };
    for (std::int64_t m = 0; m < static_cast<std::int64_t>(marks.size()); ++m) {
        const auto& mark = marks[static_cast<std::size_t>(m)];
        if (!mark) continue;
        const std::int64_t gap = run ? m - run->last - 1 : 0;
        if (run && (gap > max_gap || (gap > 1 && mark->kind != run->last_kind))) close();
        if (!run) run = Run{m, m, mark->kind, 0, 0};
        run->last = m;
        run->last_kind = mark->kind;
        (mark->kind == TransitionKind::Wipe ? run->wipes : run->dissolves) += 1;
    }
    close();
    return runs;
}

// A dip's darkest or brightest stretch fits no two-picture blend and splits it in two: two
// dissolves whose gap holds a frame with a quarter of the contrast of their outer pictures
// (nearly solid) and that lie within one long window of each other are one dip.
std::vector<Transition> joinDips(const Frames& frames, std::vector<Transition> runs, std::int64_t max_gap,
                                 const TransitionParameters& p) {
    std::vector<Transition> joined;
    for (const Transition& run : runs) {
        if (!joined.empty()) {
            Transition& previous = joined.back();
            const std::int64_t gap_start = previous.end_frame, gap_end = run.start_frame;
            if (previous.kind == TransitionKind::Dissolve && run.kind == TransitionKind::Dissolve &&
                gap_end - gap_start <= max_gap) {
                double darkest = stddevAt(frames, gap_start);
                for (std::int64_t t = gap_start; t <= gap_end; ++t) darkest = std::min(darkest, stddevAt(frames, t));
                const double outer = std::min(stddevAt(frames, std::max<std::int64_t>(0, previous.start_frame - 1)),
                                              stddevAt(frames, run.end_frame));
                if (darkest <= p.dip_contrast_share * outer && darkest <= p.dip_max_stddev) {
                    previous.end_frame = run.end_frame;
                    continue;
                }
            }
        }
        joined.push_back(run);
    }
    return joined;
}

std::vector<Transition> detectBlends(const Frames& frames, double fps, const std::vector<Transition>& fades,
                                     const TransitionParameters& p) {
    const auto lags = blendLagsFor(fps);
    const auto n = static_cast<std::int64_t>(frames.size());
    const std::int64_t max_gap =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(p.max_dip_hold_s * fps)));
    Marks marks(frames.size());
    for (std::int64_t m = 0; m < n; ++m) marks[static_cast<std::size_t>(m)] = blendAt(frames, m, lags, fades, p);
    // A window that reaches from a still stretch into a neighbouring transition fits that
    // transition's change, not one at its middle frame: such marks go, then runs are formed again.
    const std::vector<Transition> first_runs = runsOf(marks, max_gap, p);
    for (std::int64_t m = 0; m < n; ++m) {
        auto& mark = marks[static_cast<std::size_t>(m)];
        if (!mark) continue;
        const bool reaches_other = std::any_of(first_runs.begin(), first_runs.end(), [&](const Transition& r) {
            const bool own = m >= r.start_frame && m < r.end_frame;
            return !own && m - mark->reach < r.end_frame && m + mark->reach >= r.start_frame;
        });
        if (reaches_other) mark.reset();
    }
    const std::vector<Transition> runs = joinDips(frames, runsOf(marks, max_gap, p), 2 * lags.back(), p);
    std::vector<Transition> blends;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        // Edges stay clear of the neighbouring blends and of fades on either side.
        std::int64_t lower = blends.empty() ? 0 : blends.back().end_frame;
        std::int64_t upper = r + 1 < runs.size() ? runs[r + 1].start_frame : n;
        for (const Transition& fade : fades) {
            if (fade.end_frame < runs[r].start_frame) lower = std::max(lower, fade.end_frame);
            if (fade.start_frame > runs[r].end_frame) upper = std::min(upper, fade.start_frame);
        }
        blends.push_back(refineEdges(frames, runs[r], lower, upper, lags.back(), p));
    }
    return blends;
}

}  // namespace

std::string_view toString(TransitionKind kind) {
    switch (kind) {
        case TransitionKind::Dissolve: return "dissolve";
        case TransitionKind::FadeIn: return "fade_in";
        case TransitionKind::FadeOut: return "fade_out";
        case TransitionKind::Wipe: return "wipe";
    }
    return "dissolve";
}

std::vector<Transition> detectTransitions(const Frames& frames, double frame_rate_fps,
                                          const TransitionParameters& parameters,
                                          const std::vector<std::int64_t>& flashes) {
    std::vector<Transition> transitions = detectFades(frames, frame_rate_fps, parameters, flashes);
    const std::vector<Transition> blends = detectBlends(frames, frame_rate_fps, transitions, parameters);
    transitions.insert(transitions.end(), blends.begin(), blends.end());
    std::sort(transitions.begin(), transitions.end(),
              [](const Transition& a, const Transition& b) { return a.start_frame < b.start_frame; });
    return transitions;
}

std::vector<std::int64_t> cutsOutside(const std::vector<std::int64_t>& cuts,
                                      const std::vector<Transition>& transitions) {
    std::vector<std::int64_t> kept;
    for (const std::int64_t cut : cuts) {
        const bool inside = std::any_of(transitions.begin(), transitions.end(), [&](const Transition& t) {
            return cut >= t.start_frame - 1 && cut <= t.end_frame + 1;
        });
        if (!inside) kept.push_back(cut);
    }
    return kept;
}

std::vector<FrameRun> shotsBetween(const std::vector<std::int64_t>& cuts, const std::vector<Transition>& transitions,
                                   std::int64_t frames) {
    std::vector<std::int64_t> boundaries = cuts;
    for (const Transition& t : transitions) {
        switch (t.kind) {
            case TransitionKind::FadeOut: boundaries.push_back(t.end_frame); break;
            case TransitionKind::FadeIn: boundaries.push_back(t.start_frame); break;
            default: boundaries.push_back((t.start_frame + t.end_frame + 1) / 2); break;
        }
    }
    std::sort(boundaries.begin(), boundaries.end());
    std::vector<FrameRun> shots;
    std::int64_t start = 0;
    for (const std::int64_t boundary : boundaries) {
        if (boundary <= start || boundary >= frames) continue;
        shots.push_back({start, boundary});
        start = boundary;
    }
    if (frames > 0) shots.push_back({start, frames});
    return shots;
}

}  // namespace rushes::analysis
