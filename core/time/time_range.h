// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include "time/rational.h"

namespace rushes {

// Half-open [start, end) in ticks of time_base, the same representation as a stream's pts, so ranges taken
// from a demuxer need no conversion. Half-open ranges tile without overlap: [a, b) and [b, c) share no tick.
// A range with end <= start is empty (it contains no tick); time_base must be positive.
struct TimeRange {
    int64_t start = 0;
    int64_t end = 0;
    Rational time_base{1, 1};

    // 0 for empty ranges; std::overflow_error if end - start does not fit in int64.
    [[nodiscard]] int64_t duration() const;
    [[nodiscard]] constexpr bool isEmpty() const { return end <= start; }
    [[nodiscard]] constexpr bool contains(int64_t tick) const { return start <= tick && tick < end; }

    // True if the two intervals share some instant of time; exact across different time bases,
    // and symmetric. Empty ranges overlap nothing; touching ranges ([0,5) and [5,9)) do not overlap.
    [[nodiscard]] bool overlaps(const TimeRange& other) const;

    // Result is expressed in this->time_base. When other's boundaries fall on this grid (always the case
    // for equal time bases, e.g. 1/25 and 2/50) the result is the exact intersection. Otherwise each
    // boundary of `other` is rounded up to this grid, which yields exactly the ticks of this grid whose
    // instants lie inside both ranges; so with mismatched grids overlaps() may be true while the
    // intersection is empty (the shared span is shorter than a tick and contains no tick instant).
    // An empty result has start == end, clamped into [start, end] of this range.
    [[nodiscard]] TimeRange intersection(const TimeRange& other) const;

    // Both boundaries rounded with the same mode; note that Down/Up/Nearest can empty a very short range.
    [[nodiscard]] TimeRange rescaled(Rational new_time_base, Rounding rounding) const;

    // Exact duration in seconds (0 for empty ranges).
    [[nodiscard]] Rational seconds() const;

    // Memberwise, with time bases compared as values: {0, 1, {1, 25}} == {0, 1, {2, 50}}.
    bool operator==(const TimeRange&) const = default;
};

} // namespace rushes
