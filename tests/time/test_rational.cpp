// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <limits>

#include "time/rational.h"

using namespace rushes;
using Catch::Matchers::Contains;

namespace {
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

bool same(Rational r, int64_t num, int64_t den) { return r.num == num && r.den == den; }
} // namespace

TEST_CASE("Rational::make reduces by the gcd and keeps the denominator positive", "[time]") {
    CHECK(same(Rational::make(60000, 2002), 30000, 1001));
    CHECK(same(Rational::make(3, -6), -1, 2));
    CHECK(same(Rational::make(-3, -6), 1, 2));
    CHECK(same(Rational::make(0, -7), 0, 1));
    CHECK(same(Rational::make(kMin, 2), kMin / 2, 1));
    CHECK(same(Rational::make(kMin, kMin), 1, 1));
    STATIC_REQUIRE(Rational::make(50, 2).num == 25);
}

TEST_CASE("Rational::make rejects a zero denominator and unrepresentable values", "[time]") {
    CHECK_THROWS_AS(Rational::make(1, 0), std::invalid_argument);
    CHECK_THROWS_AS(Rational::make(kMin, -1), std::overflow_error);
    CHECK_THROWS_AS(Rational::make(1, kMin), std::overflow_error);
}

TEST_CASE("Rational arithmetic is exact and normalised", "[time]") {
    const Rational ntsc{30000, 1001};
    CHECK(same(Rational{1, 2} + Rational{1, 3}, 5, 6));
    CHECK(same(Rational{1, 2} - Rational{1, 3}, 1, 6));
    CHECK(same(Rational{2, 3} * Rational{3, 4}, 1, 2));
    CHECK(same(Rational{2, 3} / Rational{4, 9}, 3, 2));
    CHECK(same(ntsc * Rational{1001, 30000}, 1, 1));
    CHECK(same(-Rational{3, 4}, -3, 4));
    CHECK(same(Rational{1, 2} / Rational{-1, 4}, -2, 1));
    // Brace-initialised, unreduced operands still give canonical results.
    CHECK(same(Rational{2, 4} + Rational{-3, -6}, 1, 1));

    Rational acc{0, 1};
    for (int i = 0; i < 1001; ++i) {
        acc += Rational{1001, 30000};
    }
    CHECK(same(acc, 1002001, 30000));
    acc -= Rational{1, 30000};
    acc *= Rational{2, 1};
    acc /= Rational{4, 1};
    CHECK(same(acc, 167, 10)); // (1002000/30000) / 2
}

TEST_CASE("Rational arithmetic uses 128-bit intermediates and only throws when the result cannot fit",
          "[time]") {
    // Intermediates far beyond 64 bits, results small.
    CHECK(same(Rational::make(kMax, 3) * Rational::make(3, kMax), 1, 1));
    CHECK(same(Rational::make(1, kMax) + Rational::make(kMax - 1, kMax), 1, 1));
    CHECK(same(Rational::make(kMax, kMax - 1) / Rational::make(kMax, kMax - 1), 1, 1));

    CHECK_THROWS_AS((Rational{kMax, 1} + Rational{1, 1}), std::overflow_error);
    CHECK_THROWS_AS((Rational{kMin, 1} - Rational{1, 1}), std::overflow_error);
    CHECK_THROWS_AS((Rational{kMax, 1} * Rational{2, 1}), std::overflow_error);
    CHECK_THROWS_AS(Rational::make(1, kMax) * Rational::make(1, 2), std::overflow_error);
    CHECK_THROWS_AS((-Rational{kMin, 1}), std::overflow_error);
    CHECK_THROWS_AS((Rational{1, 2} / Rational{0, 5}), std::invalid_argument);
    CHECK_THROWS_AS((Rational{1, 0} + Rational{1, 2}), std::invalid_argument);
}

TEST_CASE("Rational ordering compares values exactly, also where doubles cannot tell them apart", "[time]") {
    CHECK(Rational{1, 3} < Rational{1, 2});
    CHECK(Rational{-1, 2} < Rational{-1, 3});
    CHECK(Rational{1, 2} == Rational{2, 4});
    CHECK(Rational{1, 2} == Rational{-1, -2});
    CHECK(Rational{30000, 1001} != Rational{2997, 100});
    CHECK(Rational{30000, 1001} > Rational{2997, 100});
    CHECK((Rational{5, 1} <=> Rational{10, 2}) == std::strong_ordering::equal);

    const Rational a = Rational::make(kMax, kMax - 1);
    const Rational b = Rational::make(kMax - 1, kMax - 2);
    REQUIRE(a.toDouble() == b.toDouble());
    CHECK(a < b);
    CHECK(b > a);
    CHECK(Rational{kMin, 1} < Rational{kMax, 1});
    CHECK(Rational::make(kMin, kMax) < Rational{-1, 1});
}

TEST_CASE("Rational::toString prints num/den and parse reads it back", "[time]") {
    CHECK(Rational{30000, 1001}.toString() == "30000/1001");
    CHECK(Rational{25, 1}.toString() == "25/1");
    CHECK(Rational{-1, 2}.toString() == "-1/2");
    CHECK(same(Rational::parse("30000/1001"), 30000, 1001));
    CHECK(same(Rational::parse("16:9"), 16, 9));
    CHECK(same(Rational::parse("25"), 25, 1));
    CHECK(same(Rational::parse(" 60000/2002\n"), 30000, 1001));
    CHECK(same(Rational::parse("-3/6"), -1, 2));
    CHECK(same(Rational::parse("3/-6"), -1, 2));
    CHECK(same(Rational::parse("-9223372036854775808"), kMin, 1));
    for (const Rational r : {Rational{30000, 1001}, Rational{-7, 3}, Rational{kMax, 1}, Rational{1, kMax}}) {
        CHECK(Rational::parse(r.toString()) == r);
    }
}

TEST_CASE("Rational::parse rejects garbage and decimals with the offending text in the message", "[time]") {
    for (const char* bad : {"", "  ", "abc", "1/", "/2", "1/2/3", "1:2/3", "+5", "1 /2", "0x10", "5fps",
                            "99999999999999999999", "1/0"}) {
        INFO("input: \"" << bad << "\"");
        CHECK_THROWS_AS(Rational::parse(bad), std::invalid_argument);
    }
    CHECK_THROWS_WITH(Rational::parse("12abc"), Contains("\"12abc\""));
    CHECK_THROWS_WITH(Rational::parse("29.97"), Contains("\"29.97\"") && Contains("30000/1001"));
    CHECK_THROWS_WITH(Rational::parse("7/0"), Contains("zero denominator"));
    CHECK_THROWS_AS(Rational::parse("-9223372036854775808/-1"), std::invalid_argument);
}

TEST_CASE("Rational::toDouble and inverse", "[time]") {
    CHECK(Rational{30000, 1001}.toDouble() == Approx(29.97002997));
    CHECK(same(Rational{30000, 1001}.inverse(), 1001, 30000));
    CHECK(same(Rational{-2, 3}.inverse(), -3, 2));
    CHECK_THROWS_AS((Rational{0, 1}.inverse()), std::invalid_argument);
    CHECK_THROWS_AS((Rational{kMin, 1}.inverse()), std::overflow_error);
}

TEST_CASE("rescale converts between time bases exactly", "[time]") {
    const Rational mpeg{1, 90000};
    const Rational ms{1, 1000};
    CHECK(rescale(90000, mpeg, ms, Rounding::Down) == 1000);
    CHECK(rescale(3003, mpeg, Rational{1001, 30000}, Rounding::Down) == 1);
    CHECK(rescale(1, Rational{1, 48000}, mpeg, Rounding::Nearest) == 2); // 1.875
    CHECK(rescale(0, mpeg, ms, Rounding::Up) == 0);
    CHECK(rescale(kMax, Rational{1, 1}, Rational{1, 1}, Rounding::Down) == kMax);
    CHECK(rescale(kMin, Rational{1, 1}, Rational{1, 1}, Rounding::Down) == kMin);
    CHECK(rescale(kMax, Rational::make(kMax - 1, kMax), Rational{1, 1}, Rounding::Down) == kMax - 1);
}

TEST_CASE("rescale rounding modes follow the number line, including negative values", "[time]") {
    struct Row {
        int64_t value;
        Rational from;
        int64_t down, up, nearest, zero;
    };
    const Row rows[] = {
        {3, {1, 2}, 1, 2, 2, 1},      // 1.5
        {-3, {1, 2}, -2, -1, -2, -1}, // -1.5: half goes away from zero
        {5, {1, 3}, 1, 2, 2, 1},      // 1.666
        {-5, {1, 3}, -2, -1, -2, -1}, // -1.666
        {4, {1, 3}, 1, 2, 1, 1},      // 1.333
        {-4, {1, 3}, -2, -1, -1, -1}, // -1.333
        {6, {1, 3}, 2, 2, 2, 2},      // exact
        {-6, {1, 3}, -2, -2, -2, -2}, // exact
        {1, {-1, 4}, -1, 0, 0, 0},    // negative unit
    };
    for (const Row& row : rows) {
        INFO(row.value << " * " << row.from.toString());
        CHECK(rescale(row.value, row.from, Rational{1, 1}, Rounding::Down) == row.down);
        CHECK(rescale(row.value, row.from, Rational{1, 1}, Rounding::Up) == row.up);
        CHECK(rescale(row.value, row.from, Rational{1, 1}, Rounding::Nearest) == row.nearest);
        CHECK(rescale(row.value, row.from, Rational{1, 1}, Rounding::Zero) == row.zero);
    }
}

TEST_CASE("rescale stays exact when value * from / to needs more than 128 bits", "[time]") {
    // Expected values computed independently with Python's fractions module.
    const Rational from{4611686018427387903, 4611686018427387847};
    const Rational to{3074457345618258599, 9223372036854775783};
    CHECK(rescale(1234567890123456789, from, to, Rounding::Down) == 3703703670370370406);
    CHECK(rescale(1234567890123456789, from, to, Rounding::Up) == 3703703670370370407);
    CHECK(rescale(1234567890123456789, from, to, Rounding::Nearest) == 3703703670370370406);
    CHECK(rescale(1234567890123456789, from, to, Rounding::Zero) == 3703703670370370406);
    CHECK(rescale(-1234567890123456789, from, to, Rounding::Down) == -3703703670370370407);
    CHECK(rescale(-1234567890123456789, from, to, Rounding::Up) == -3703703670370370406);
    CHECK(rescale(-1234567890123456789, from, to, Rounding::Nearest) == -3703703670370370406);
    CHECK(rescale(-1234567890123456789, from, to, Rounding::Zero) == -3703703670370370406);
    // True result is 9223372036854775895, just above INT64_MAX.
    CHECK_THROWS_AS(rescale(3074457345618258599, from, to, Rounding::Down), std::overflow_error);
}

TEST_CASE("rescale detects results that do not fit in int64 and rejects a zero target", "[time]") {
    CHECK_THROWS_AS((rescale(kMax, Rational{1, 1}, Rational{1, 2}, Rounding::Down)), std::overflow_error);
    CHECK_THROWS_AS((rescale(kMin, Rational{1, 1}, Rational{-1, 1}, Rounding::Down)), std::overflow_error);
    CHECK_THROWS_AS((rescale(kMax, Rational{kMax, 1}, Rational{1, kMax}, Rounding::Down)),
                    std::overflow_error);
    CHECK(rescale(kMin, Rational{-1, 1}, Rational{-1, 1}, Rounding::Down) == kMin);
    // v * 3/2 is INT64_MAX + 0.5 (and its negation INT64_MIN + 0.5): the rounding direction alone decides
    // whether the result fits.
    const int64_t v = 6148914691236517205; // (2^64 - 1) / 3
    CHECK(rescale(v, Rational{3, 2}, Rational{1, 1}, Rounding::Down) == kMax);
    CHECK(rescale(v, Rational{3, 2}, Rational{1, 1}, Rounding::Zero) == kMax);
    CHECK_THROWS_AS((rescale(v, Rational{3, 2}, Rational{1, 1}, Rounding::Up)), std::overflow_error);
    CHECK_THROWS_AS((rescale(v, Rational{3, 2}, Rational{1, 1}, Rounding::Nearest)), std::overflow_error);
    CHECK(rescale(-v, Rational{3, 2}, Rational{1, 1}, Rounding::Down) == kMin);
    CHECK(rescale(-v, Rational{3, 2}, Rational{1, 1}, Rounding::Nearest) == kMin);
    CHECK(rescale(-v, Rational{3, 2}, Rational{1, 1}, Rounding::Up) == kMin + 1);
    CHECK(rescale(-v, Rational{3, 2}, Rational{1, 1}, Rounding::Zero) == kMin + 1);
    CHECK_THROWS_AS((rescale(1, Rational{1, 1}, Rational{0, 1}, Rounding::Down)), std::invalid_argument);
}

TEST_CASE("compareScaled orders instants in different units without overflowing", "[time]") {
    CHECK(compareScaled(1, Rational{1, 25}, 3600, Rational{1, 90000}) == std::strong_ordering::equal);
    CHECK(compareScaled(1, Rational{1, 25}, 3601, Rational{1, 90000}) == std::strong_ordering::less);
    CHECK(compareScaled(-1, Rational{1, 25}, -3601, Rational{1, 90000}) == std::strong_ordering::greater);
    CHECK(compareScaled(kMax, Rational{kMax, 1}, kMax, Rational::make(kMax, 2)) ==
          std::strong_ordering::greater);
    CHECK(compareScaled(kMin, Rational{kMax, 1}, kMax, Rational{kMax, 1}) == std::strong_ordering::less);
    CHECK(compareScaled(0, Rational{1, 3}, 0, Rational{-5, 1}) == std::strong_ordering::equal);
}

TEST_CASE("framesToTicks gives the first tick inside a frame and ticksToFrame floors back to it", "[time]") {
    const Rational ntsc{30000, 1001};
    CHECK(framesToTicks(1, ntsc, Rational{1, 90000}) == 3003);
    CHECK(framesToTicks(30, ntsc, Rational{1, 90000}) == 90090);
    CHECK(framesToTicks(1, ntsc, Rational{1, 1000}) == 34); // 33.367 ms rounded up into the frame
    CHECK(ticksToFrame(33, ntsc, Rational{1, 1000}) == 0);
    CHECK(ticksToFrame(34, ntsc, Rational{1, 1000}) == 1);
    CHECK(ticksToFrame(33, ntsc, Rational{1, 1000}, Rounding::Nearest) == 1);
    CHECK(ticksToFrame(3002, ntsc, Rational{1, 90000}) == 0);
    CHECK(ticksToFrame(-1, Rational{25, 1}, Rational{1, 1000}) == -1);
    CHECK(framesToTicks(-1, Rational{25, 1}, Rational{1, 1000}) == -40);

    for (const Rational rate : {ntsc, Rational{24000, 1001}, Rational{25, 1}, Rational{60000, 1001}}) {
        for (const Rational tb :
             {Rational{1, 1000}, Rational{1, 90000}, Rational{1, 48000}, rate.inverse()}) {
            int mismatches = 0;
            for (int64_t frame = -500; frame < 5000; ++frame) {
                const int64_t ticks = framesToTicks(frame, rate, tb);
                mismatches += ticksToFrame(ticks, rate, tb) != frame;
                mismatches += ticksToFrame(ticks - 1, rate, tb) != frame - 1;
            }
            INFO(rate.toString() << " in " << tb.toString());
            CHECK(mismatches == 0);
        }
    }
    CHECK_THROWS_AS((framesToTicks(1, Rational{0, 1}, Rational{1, 1000})), std::invalid_argument);
    CHECK_THROWS_AS((ticksToFrame(1, Rational{25, 1}, Rational{-1, 1000})), std::invalid_argument);
}
