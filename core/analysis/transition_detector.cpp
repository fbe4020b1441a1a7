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
        std::int64_t first = solid_start - 1;
        while (first >= 0 && stddevAt(frames, first) >= stddevAt(frames, first + 1) + p.fade_stddev_step) --first;
        ++first;  // the first frame whose contrast has started to fall
        if (solid_start - first >= p.min_fade_frames &&
            stddevAt(frames, first) - stddevAt(frames, solid_start) >= p.min_fade_contrast) {
            fade_out = Transition{TransitionKind::FadeOut, first, solid_start};
        }
        std::optional<Transition> fade_in;
        if (solid_end < n) {
            std::int64_t last = solid_end;
            while (last + 1 < n && stddevAt(frames, last + 1) >= stddevAt(frames, last) + p.fade_stddev_step) ++last;
            if (last - solid_end + 1 >= p.min_fade_frames &&
                stddevAt(frames, last) - stddevAt(frames, solid_end - 1) >= p.min_fade_contrast) {
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
        const double residual = fit->residual / fit->span;
        const double wipe_residual = std::min(fit->column_residual, fit->row_residual) / fit->span;
        if (residual <= p.blend_residual) return BlendMark{TransitionKind::Dissolve};
        if (wipe_residual <= p.blend_residual) return BlendMark{TransitionKind::Wipe};
        if (loose || std::min(residual, wipe_residual) > p.loose_blend_residual) continue;
        if (spanContrast(frames, m, k, i, *fit, p) < p.loose_blend_contrast) continue;
        loose = BlendMark{residual <= p.loose_blend_residual ? TransitionKind::Dissolve : TransitionKind::Wipe};
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

std::vector<Transition> detectBlends(const Frames& frames, double fps, const std::vector<Transition>& fades,
                                     const TransitionParameters& p) {
    const auto lags = blendLagsFor(fps);
    struct Run {
        std::int64_t first = 0, last = 0;
        TransitionKind last_kind = TransitionKind::Dissolve;
        int dissolves = 0, wipes = 0;
    };
    const auto n = static_cast<std::int64_t>(frames.size());
    std::vector<Transition> runs;  // fitting middle frames: [first, last + 1]
    std::optional<Run> run;
    const auto close = [&] {
        if (run && run->dissolves + run->wipes >= p.min_blend_frames) {
            const auto kind = run->wipes > run->dissolves ? TransitionKind::Wipe : TransitionKind::Dissolve;
            runs.push_back({kind, run->first, run->last + 1});
        }
        run.reset();
    };
    for (std::int64_t m = 0; m < n; ++m) {
        const auto mark = blendAt(frames, m, lags, fades, p);
        if (!mark) continue;
        // Across a short gap a run goes on; across a longer one only with the same kind, so a
        // wipe that ends just before a dissolve starts stays a transition of its own.
        const std::int64_t gap = run ? m - run->last - 1 : 0;
        if (run && (gap > p.max_blend_gap || (gap > 1 && mark->kind != run->last_kind))) close();
        if (!run) run = Run{m, m, mark->kind, 0, 0};
        run->last = m;
        run->last_kind = mark->kind;
        (mark->kind == TransitionKind::Wipe ? run->wipes : run->dissolves) += 1;
    }
    close();
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
