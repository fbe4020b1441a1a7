// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <limits>

#include "time/time_range.h"

using namespace rushes;

namespace {
constexpr Rational kPal{1, 25};
constexpr Rational kMpeg{1, 90000};
constexpr Rational kNtscFrame{1001, 30000};
} // namespace

TEST_CASE("a time range is half-open: it contains its start but not its end", "[time]") {
    const TimeRange r{10, 20, kPal};
    CHECK(r.duration() == 10);
    CHECK_FALSE(r.isEmpty());
    CHECK(r.contains(10));
    CHECK(r.contains(19));
    CHECK_FALSE(r.contains(20));
    CHECK_FALSE(r.contains(9));
}

TEST_CASE("a time range with end <= start is empty, has zero duration and contains nothing", "[time]") {
    const TimeRange point{5, 5, kPal};
    const TimeRange inverted{20, 10, kPal};
    CHECK(point.isEmpty());
    CHECK(inverted.isEmpty());
    CHECK(point.duration() == 0);
    CHECK(inverted.duration() == 0);
    CHECK_FALSE(point.contains(5));
    CHECK_FALSE(inverted.contains(15));
    CHECK(inverted.seconds() == Rational{0, 1});
    CHECK(TimeRange{}.isEmpty());
}

TEST_CASE("a duration that does not fit in int64 is reported as overflow", "[time]") {
    const TimeRange all{std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), kPal};
    CHECK_THROWS_AS(all.duration(), std::overflow_error);
    CHECK(all.contains(0));
}

TEST_CASE("ranges that merely touch do not overlap; overlap is symmetric", "[time]") {
    const TimeRange a{0, 10, kPal};
    const TimeRange b{10, 20, kPal};
    const TimeRange c{9, 11, kPal};
    CHECK_FALSE(a.overlaps(b));
    CHECK_FALSE(b.overlaps(a));
    CHECK(a.overlaps(c));
    CHECK(c.overlaps(a));
    CHECK(b.overlaps(c));
    CHECK_FALSE(a.overlaps(TimeRange{5, 5, kPal}));
    CHECK_FALSE(TimeRange{5, 5, kPal}.overlaps(a));
}

TEST_CASE("overlap across time bases is decided exactly", "[time]") {
    const TimeRange second{0, 25, kPal}; // [0 s, 1 s)
    CHECK(second.overlaps(TimeRange{89999, 90001, kMpeg}));
    CHECK(TimeRange{89999, 90001, kMpeg}.overlaps(second));
    CHECK_FALSE(second.overlaps(TimeRange{90000, 180000, kMpeg}));
    CHECK_FALSE(TimeRange{90000, 180000, kMpeg}.overlaps(second));
    // Huge tick values in a coarse base must not overflow the comparison.
    const TimeRange far{std::numeric_limits<int64_t>::max() - 1, std::numeric_limits<int64_t>::max(),
                        Rational{1000, 1}};
    CHECK_FALSE(far.overlaps(TimeRange{0, std::numeric_limits<int64_t>::max(), kMpeg}));
    CHECK_THROWS_AS((second.overlaps(TimeRange{0, 1, Rational{-1, 25}})), std::invalid_argument);
}

TEST_CASE("intersection in the same time base is the common span", "[time]") {
    const TimeRange a{0, 100, kPal};
    CHECK(a.intersection(TimeRange{50, 150, kPal}) == TimeRange{50, 100, kPal});
    CHECK(a.intersection(TimeRange{-50, 50, kPal}) == TimeRange{0, 50, kPal});
    CHECK(a.intersection(TimeRange{10, 20, kPal}) == TimeRange{10, 20, kPal});
    CHECK(a.intersection(a) == a);
    CHECK(TimeRange{10, 20, kPal}.intersection(a) == TimeRange{10, 20, kPal});
    // Equal-valued time bases count as the same base.
    CHECK(a.intersection(TimeRange{20, 40, Rational{2, 50}}) == TimeRange{20, 40, kPal});
}

TEST_CASE("intersection of disjoint or empty ranges is empty", "[time]") {
    const TimeRange a{0, 100, kPal};
    CHECK(a.intersection(TimeRange{100, 200, kPal}).isEmpty());
    CHECK(a.intersection(TimeRange{-100, 0, kPal}).isEmpty());
    CHECK(a.intersection(TimeRange{50, 50, kPal}).isEmpty());
    CHECK(TimeRange{50, 50, kPal}.intersection(a).isEmpty());
    CHECK(a.intersection(TimeRange{60, 40, kPal}).isEmpty());
    const TimeRange after = a.intersection(TimeRange{500, 600, kPal});
    CHECK(after.start == after.end);
    CHECK(after.start >= a.start);
    CHECK(after.end <= a.end);
}

TEST_CASE("intersection with another time base is exact when the boundaries land on this grid", "[time]") {
    const TimeRange a{0, 100, kPal};
    CHECK(a.intersection(TimeRange{36000, 72000, kMpeg}) == TimeRange{10, 20, kPal});
    CHECK(a.intersection(TimeRange{-1, 72000, kMpeg}) == TimeRange{0, 20, kPal});
    CHECK(a.intersection(TimeRange{36000, std::numeric_limits<int64_t>::max(), kMpeg}) ==
          TimeRange{10, 100, kPal});
}

TEST_CASE("intersection with an off-grid range keeps exactly the ticks whose instants lie in both",
          "[time]") {
    const TimeRange a{0, 100, kPal};
    // Instants 3601/90000 .. 7199/90000 lie strictly between PAL ticks 1 and 2: overlap without a tick.
    const TimeRange sliver{3601, 7199, kMpeg};
    CHECK(a.overlaps(sliver));
    CHECK(a.intersection(sliver).isEmpty());
    // Ticks 2 (7200/90000) is inside [3601, 7201); tick 1 (3600/90000) is not.
    CHECK(a.intersection(TimeRange{3601, 7201, kMpeg}) == TimeRange{2, 3, kPal});
    CHECK(a.intersection(TimeRange{3600, 7200, kMpeg}) == TimeRange{1, 2, kPal});
    // NTSC frame boundaries in a millisecond base: frame 1 starts at 33.37 ms, so its first ms tick is 34.
    const TimeRange ms{0, 1000, Rational{1, 1000}};
    CHECK(ms.intersection(TimeRange{1, 2, kNtscFrame}) == TimeRange{34, 67, Rational{1, 1000}});
}

TEST_CASE("rescaled converts both boundaries with the requested rounding", "[time]") {
    CHECK(TimeRange{1, 2, kPal}.rescaled(kMpeg, Rounding::Down) == TimeRange{3600, 7200, kMpeg});
    const TimeRange frame1{1, 2, kNtscFrame}; // 33.367 ms .. 66.733 ms
    const Rational ms{1, 1000};
    CHECK(frame1.rescaled(ms, Rounding::Down) == TimeRange{33, 66, ms});
    CHECK(frame1.rescaled(ms, Rounding::Up) == TimeRange{34, 67, ms});
    CHECK(frame1.rescaled(ms, Rounding::Nearest) == TimeRange{33, 67, ms});
    CHECK(frame1.rescaled(ms, Rounding::Zero) == TimeRange{33, 66, ms});
    CHECK(TimeRange{-2, -1, kNtscFrame}.rescaled(ms, Rounding::Down) == TimeRange{-67, -34, ms});
    CHECK(TimeRange{-2, -1, kNtscFrame}.rescaled(ms, Rounding::Zero) == TimeRange{-66, -33, ms});
    CHECK(TimeRange{10, 11, kMpeg}.rescaled(kPal, Rounding::Nearest).isEmpty());
    CHECK_THROWS_AS((TimeRange{0, 1, kPal}.rescaled(Rational{0, 1}, Rounding::Down)), std::invalid_argument);
    CHECK_THROWS_AS((TimeRange{0, std::numeric_limits<int64_t>::max(), kPal}.rescaled(kMpeg, Rounding::Down)),
                    std::overflow_error);
}

TEST_CASE("seconds() gives the exact duration as a rational", "[time]") {
    CHECK(TimeRange{0, 30, kNtscFrame}.seconds() == Rational{1001, 1000});
    CHECK(TimeRange{100, 190, kMpeg}.seconds() == Rational{1, 1000});
    CHECK(TimeRange{0, 48000, Rational{1, 48000}}.seconds() == Rational{1, 1});
}

TEST_CASE("time ranges compare equal when their time bases have the same value", "[time]") {
    CHECK(TimeRange{0, 1, kPal} == TimeRange{0, 1, Rational{2, 50}});
    CHECK(TimeRange{0, 1, kPal} != TimeRange{0, 3600, kMpeg});
}
