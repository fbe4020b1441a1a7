// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rushes {

namespace detail {
// __extension__ keeps -Wpedantic quiet; every product of two int64 values fits in 127 bits, which is what
// makes the exact arithmetic below possible without a big-number library.
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr u128 gcd128(u128 a, u128 b) {
    while (b != 0) {
        const u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

constexpr u128 abs128(i128 v) { return v < 0 ? u128(0) - u128(v) : u128(v); }

constexpr bool fitsInt64(i128 v) {
    return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}
} // namespace detail

// An exact fraction. Values produced by make(), parse() and the operators are normalised (den > 0, reduced),
// so memberwise data is canonical. Brace-initialisation ({30000, 1001}) bypasses normalisation for
// convenience in constants; every operation still accepts such values as long as den != 0.
struct Rational {
    int64_t num = 0;
    int64_t den = 1;

    // Throws std::invalid_argument if den == 0, std::overflow_error if the reduced value does not fit
    // (only possible with INT64_MIN, whose negation is not an int64).
    [[nodiscard]] static constexpr Rational make(int64_t num, int64_t den);

    // Accepts "a/b", "a:b" and plain integers, optionally surrounded by whitespace. Decimals such as
    // "29.97" are rejected on purpose: they are almost always a rounded 30000/1001, and guessing which
    // exact rate was meant is the caller's decision, not the parser's. Throws std::invalid_argument
    // naming the text.
    [[nodiscard]] static Rational parse(std::string_view text);

    [[nodiscard]] std::string toString() const; // always "num/den", also for integers, so it re-parses
    [[nodiscard]] double toDouble() const;      // for display only; never feed it back into time math
    [[nodiscard]] Rational inverse() const;     // throws std::invalid_argument for zero

    [[nodiscard]] constexpr bool isZero() const { return num == 0; }
    [[nodiscard]] constexpr bool isPositive() const { return den != 0 && (num > 0) == (den > 0) && num != 0; }

    Rational& operator+=(Rational rhs);
    Rational& operator-=(Rational rhs);
    Rational& operator*=(Rational rhs);
    Rational& operator/=(Rational rhs);
};

namespace detail {
// Reduces a wide fraction and checks that it fits; the single choke point for normalisation.
constexpr Rational normalise(i128 num, i128 den) {
    if (den == 0) {
        throw std::invalid_argument("Rational: zero denominator");
    }
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const u128 g = gcd128(abs128(num), u128(den));
    if (g > 1) {
        num /= i128(g);
        den /= i128(g);
    }
    if (!fitsInt64(num) || !fitsInt64(den)) {
        throw std::overflow_error("Rational: result does not fit in 64-bit numerator/denominator");
    }
    return Rational{int64_t(num), int64_t(den)};
}
} // namespace detail

constexpr Rational Rational::make(int64_t n, int64_t d) { return detail::normalise(n, d); }

[[nodiscard]] Rational operator+(Rational a, Rational b);
[[nodiscard]] Rational operator-(Rational a, Rational b);
[[nodiscard]] Rational operator*(Rational a, Rational b);
[[nodiscard]] Rational operator/(Rational a, Rational b); // throws std::invalid_argument when b is zero
[[nodiscard]] Rational operator-(Rational a);

// Cross-multiplied, so {1, 2} == {2, 4} even when brace-initialised.
[[nodiscard]] std::strong_ordering operator<=>(Rational a, Rational b);
[[nodiscard]] bool operator==(Rational a, Rational b);

// Directions follow the number line: Down = floor, Up = ceiling, Zero = truncation,
// Nearest = round half away from zero (matching av_rescale_q_rnd's AV_ROUND_NEAR_INF).
enum class Rounding { Down, Up, Nearest, Zero };

// value * from / to, computed exactly (192-bit intermediate) and rounded once.
// Throws std::overflow_error if the rounded result does not fit in int64, std::invalid_argument if `to` is
// zero or either argument has a zero denominator.
[[nodiscard]] int64_t rescale(int64_t value, Rational from, Rational to, Rounding rounding);

// Exact comparison of a*a_unit with b*b_unit; never overflows, so it is safe for clamping before rescaling.
[[nodiscard]] std::strong_ordering compareScaled(int64_t a, Rational a_unit, int64_t b, Rational b_unit);

// First tick of time_base that lies inside frame `frame` (ceiling), so ticksToFrame() maps it back to
// `frame` whenever a tick is no longer than a frame. Both rates must be positive.
[[nodiscard]] int64_t framesToTicks(int64_t frame, Rational frame_rate, Rational time_base);

// Frame containing the instant `ticks` (floor by default). Containers often store timestamps rounded to
// the nearest tick (e.g. 33 ms for frame 1 at 29.97 in a 1/1000 base); pass Rounding::Nearest for those.
[[nodiscard]] int64_t ticksToFrame(int64_t ticks, Rational frame_rate, Rational time_base,
                                   Rounding rounding = Rounding::Down);

} // namespace rushes
