// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/excitement.h"
#include "time/rational.h"

namespace rushes::analysis {

// How many highlights: every peak above a threshold, the K best, or the best until a length is filled.
struct HighlightSelection {
    enum class Mode { Threshold, TopK, Budget };
    Mode mode = Mode::Threshold;
    double threshold = 0.35;  // Threshold mode: a peak of the 0..1 curve at least this high
    int top_k = 0;
    std::int64_t budget_seconds = 0;
};

// "auto", "top:K" or "budget:SECONDS"; throws InvalidArgument naming the text.
[[nodiscard]] HighlightSelection parseHighlightSelection(std::string_view text);

struct HighlightParameters {
    // Peaks closer than this are one moment (the roar after a goal and the replay's commentary).
    std::int64_t min_gap_seconds = 10;
    // The action comes before the crowd's reaction: a highlight starts well before its peak.
    std::int64_t pre_roll_seconds = 6;
    std::int64_t post_roll_seconds = 3;
    // An edge moves to a shot boundary this close, so a clip does not open on the last frames of a shot.
    std::int64_t snap_seconds = 2;
    // Even top:K and budget never pick a moment this flat.
    double min_peak = 0.15;
};

struct Highlight {
    std::int64_t start_frame = 0;
    std::int64_t end_frame = 0;  // exclusive
    std::int64_t peak_second = 0;
    double score = 0;
    std::vector<std::string> tags;  // what made it: crowd, excited commentary, action, fast cutting
};

// Picks highlights from the curve (one value per second). Frames are numbered at `frame_rate`;
// `shot_starts` are the frames that begin a shot (cuts and transitions), `frames` the file's length.
[[nodiscard]] std::vector<Highlight> pickHighlights(const ExcitementCurve& curve, Rational frame_rate,
                                                    std::int64_t frames, const std::vector<std::int64_t>& shot_starts,
                                                    const HighlightSelection& selection,
                                                    const HighlightParameters& parameters = {});

inline constexpr const char* kHighlightVersion = "peaks-gap-snap/1";

}  // namespace rushes::analysis
