// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/time_range.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace rushes {

namespace {

void requireValidBase(Rational tb, const char* where) {
    if (!tb.isPositive()) {
        throw std::invalid_argument(std::string(where) + ": time base must be positive, got " +
                                    std::to_string(tb.num) + "/" + std::to_string(tb.den));
    }
}

} // namespace

int64_t TimeRange::duration() const {
    if (isEmpty()) {
        return 0;
    }
    const detail::i128 d = detail::i128(end) - start;
    if (!detail::fitsInt64(d)) {
        throw std::overflow_error("TimeRange::duration: does not fit in int64");
    }
    return int64_t(d);
}

bool TimeRange::overlaps(const TimeRange& other) const {
    if (isEmpty() || other.isEmpty()) {
        return false;
    }
    requireValidBase(time_base, "TimeRange::overlaps");
    requireValidBase(other.time_base, "TimeRange::overlaps");
    return compareScaled(start, time_base, other.end, other.time_base) < 0 &&
           compareScaled(other.start, other.time_base, end, time_base) < 0;
}

TimeRange TimeRange::intersection(const TimeRange& other) const {
    requireValidBase(time_base, "TimeRange::intersection");
    requireValidBase(other.time_base, "TimeRange::intersection");
    if (isEmpty()) {
        return TimeRange{start, start, time_base};
    }
    // Clamp with exact comparisons before converting, so rescale() only ever sees values that land inside
    // [start, end] of this range and therefore cannot overflow.
    int64_t s = start;
    if (compareScaled(other.start, other.time_base, start, time_base) > 0) {
        if (compareScaled(other.start, other.time_base, end, time_base) >= 0) {
            return TimeRange{end, end, time_base};
        }
        s = rescale(other.start, other.time_base, time_base, Rounding::Up);
    }
    int64_t e = end;
    if (compareScaled(other.end, other.time_base, end, time_base) < 0) {
        if (compareScaled(other.end, other.time_base, s, time_base) <= 0) {
            return TimeRange{s, s, time_base};
        }
        e = rescale(other.end, other.time_base, time_base, Rounding::Up);
    }
    return TimeRange{s, std::max(s, e), time_base};
}

TimeRange TimeRange::rescaled(Rational new_time_base, Rounding rounding) const {
    requireValidBase(time_base, "TimeRange::rescaled");
    requireValidBase(new_time_base, "TimeRange::rescaled");
    return TimeRange{rescale(start, time_base, new_time_base, rounding),
                     rescale(end, time_base, new_time_base, rounding), new_time_base};
}

Rational TimeRange::seconds() const { return Rational{duration(), 1} * time_base; }

} // namespace rushes
