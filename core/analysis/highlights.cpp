// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/highlights.h"

#include <algorithm>
#include <charconv>

#include "base/error.h"

namespace rushes::analysis {

namespace {

struct Peak {
    std::int64_t second = 0;
    double score = 0;
};

// Local maxima (plateaus count once, at their first second), best first, none within the gap of a
// better one.
std::vector<Peak> separatedPeaks(const std::vector<double>& score, const HighlightParameters& parameters) {
    std::vector<Peak> peaks;
    const auto n = static_cast<std::int64_t>(score.size());
    for (std::int64_t s = 0; s < n; ++s) {
        const double v = score[static_cast<std::size_t>(s)];
        if (v < parameters.min_peak) continue;
        const bool above_left = s == 0 || v > score[static_cast<std::size_t>(s - 1)];
        std::int64_t right = s + 1;
        while (right < n && score[static_cast<std::size_t>(right)] == v) ++right;
        const bool above_right = right == n || v > score[static_cast<std::size_t>(right)];
        if (above_left && above_right) peaks.push_back({s, v});
    }
    std::stable_sort(peaks.begin(), peaks.end(), [](const Peak& a, const Peak& b) { return a.score > b.score; });
    std::vector<Peak> kept;
    for (const Peak& peak : peaks) {
        const bool near_better = std::any_of(kept.begin(), kept.end(), [&](const Peak& k) {
            return std::abs(k.second - peak.second) < parameters.min_gap_seconds;
        });
        if (!near_better) kept.push_back(peak);
    }
    return kept;
}

std::int64_t frameAtSecond(std::int64_t second, Rational frame_rate) {
    return rescale(second, Rational{1, 1}, Rational{frame_rate.den, frame_rate.num}, Rounding::Up);
}

// Moves `frame` to the closest shot start within the snap distance, if any.
std::int64_t snapped(std::int64_t frame, const std::vector<std::int64_t>& shot_starts, std::int64_t snap_frames) {
    std::int64_t best = frame;
    std::int64_t best_distance = snap_frames + 1;
    for (std::int64_t start : shot_starts) {
        const std::int64_t distance = std::abs(start - frame);
        if (distance < best_distance) {
            best = start;
            best_distance = distance;
        }
    }
    return best;
}

std::vector<std::string> tagsAt(const ExcitementCurve& curve, std::size_t s) {
    std::vector<std::string> tags;
    const auto value = [&](const std::vector<double>& c) { return s < c.size() ? c[s] : 0.0; };
    if (value(curve.crowd) >= 0.3) tags.emplace_back("crowd");
    if (value(curve.voice) >= 0.3) tags.emplace_back("excited commentary");
    if (value(curve.picture) >= 0.5) tags.emplace_back("action");
    return tags;
}

}  // namespace

HighlightSelection parseHighlightSelection(std::string_view text) {
    HighlightSelection selection;
    if (text == "auto" || text.empty()) return selection;
    const auto number = [&](std::string_view digits) {
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc{} || end != digits.data() + digits.size() || value <= 0) {
            throw Error(ErrorKind::InvalidArgument, std::string(text), "expected a positive whole number after ':'");
        }
        return value;
    };
    if (text.starts_with("top:")) {
        selection.mode = HighlightSelection::Mode::TopK;
        selection.top_k = static_cast<int>(std::min<std::int64_t>(number(text.substr(4)), 100000));
    } else if (text.starts_with("budget:")) {
        selection.mode = HighlightSelection::Mode::Budget;
        selection.budget_seconds = number(text.substr(7));
    } else {
        throw Error(ErrorKind::InvalidArgument, std::string(text), "expected auto, top:K or budget:SECONDS");
    }
    return selection;
}

std::vector<Highlight> pickHighlights(const ExcitementCurve& curve, Rational frame_rate, std::int64_t frames,
                                      const std::vector<std::int64_t>& shot_starts,
                                      const HighlightSelection& selection, const HighlightParameters& parameters) {
    std::vector<Highlight> picked;
    if (!frame_rate.isPositive() || frames <= 0) return picked;
    const std::int64_t snap_frames = frameAtSecond(parameters.snap_seconds, frame_rate);
    std::int64_t used_frames = 0;
    const std::int64_t budget_frames = frameAtSecond(selection.budget_seconds, frame_rate);
    for (const Peak& peak : separatedPeaks(curve.score, parameters)) {
        if (selection.mode == HighlightSelection::Mode::Threshold && peak.score < selection.threshold) break;
        if (selection.mode == HighlightSelection::Mode::TopK && static_cast<int>(picked.size()) >= selection.top_k) break;
        if (selection.mode == HighlightSelection::Mode::Budget && used_frames >= budget_frames) break;
        Highlight highlight;
        highlight.peak_second = peak.second;
        highlight.score = peak.score;
        highlight.tags = tagsAt(curve, static_cast<std::size_t>(peak.second));
        const std::int64_t start = frameAtSecond(std::max<std::int64_t>(0, peak.second - parameters.pre_roll_seconds), frame_rate);
        const std::int64_t end = frameAtSecond(peak.second + 1 + parameters.post_roll_seconds, frame_rate);
        highlight.start_frame = std::clamp<std::int64_t>(snapped(start, shot_starts, snap_frames), 0, frames - 1);
        highlight.end_frame = std::clamp<std::int64_t>(snapped(end, shot_starts, snap_frames), highlight.start_frame + 1, frames);
        const std::int64_t room = budget_frames - used_frames;
        if (selection.mode == HighlightSelection::Mode::Budget && highlight.end_frame - highlight.start_frame > room) {
            // The last pick shrinks around its peak, keeping the pre-roll's share, so the total fits.
            const std::int64_t peak_frame = frameAtSecond(peak.second, frame_rate);
            highlight.start_frame = std::max(highlight.start_frame, peak_frame - room * 2 / 3);
            highlight.end_frame = std::min(frames, highlight.start_frame + room);
        }
        used_frames += highlight.end_frame - highlight.start_frame;
        picked.push_back(std::move(highlight));
    }
    std::sort(picked.begin(), picked.end(), [](const Highlight& a, const Highlight& b) { return a.start_frame < b.start_frame; });
    return picked;
}

}  // namespace rushes::analysis
