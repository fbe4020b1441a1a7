// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/rational.h"

#include <charconv>

namespace rushes {

using detail::abs128;
using detail::i128;
using detail::u128;

namespace {

// A Rational lifted to 128 bits with den > 0 and reduced. Reducing first matters: it guarantees that
// den == 2^63 only occurs with an odd numerator, which keeps every sum of two cross products below 2^127.
struct Wide {
    i128 num;
    i128 den;
};

Wide widen(Rational r) {
    if (r.den == 0) {
        throw std::invalid_argument("Rational: zero denominator");
    }
    i128 n = r.num;
    i128 d = r.den;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    const u128 g = detail::gcd128(abs128(n), u128(d));
    return Wide{n / i128(g), d / i128(g)};
}

int sign(i128 v) { return (v > 0) - (v < 0); }

// Magnitude of a 64x128-bit product, which needs up to 192 bits.
struct U192 {
    uint64_t hi;
    u128 lo;
};

U192 mul192(u128 a64, u128 b) {
    const u128 low = a64 * uint64_t(b);
    const u128 high = a64 * uint64_t(b >> 64);
    const u128 lo = low + (high << 64);
    return U192{uint64_t(high >> 64) + (lo < low ? 1u : 0u), lo};
}

std::strong_ordering compare192(U192 a, U192 b) {
    if (a.hi != b.hi) {
        return a.hi <=> b.hi;
    }
    return a.lo == b.lo ? std::strong_ordering::equal
                        : (a.lo < b.lo ? std::strong_ordering::less : std::strong_ordering::greater);
}

// value * p / q with a single rounding step. |value| <= 2^63 and |p|, |q| <= 2^126 by construction
// (products of reduced 64-bit parts), so the remainder shifted left by one never overflows 128 bits.
int64_t mulDivRound(int64_t value, i128 p, i128 q, Rounding rounding) {
    if (q == 0) {
        throw std::invalid_argument("rescale: division by zero");
    }
    if (value == 0 || p == 0) {
        return 0;
    }
    const u128 g = detail::gcd128(abs128(p), abs128(q));
    p /= i128(g);
    q /= i128(g);
    const bool negative = (sign(value) * sign(p) * sign(q)) < 0;
    const u128 divisor = abs128(q);
    const U192 product = mul192(abs128(value), abs128(p));

    u128 quotient = 0;
    u128 remainder = 0;
    if (product.hi == 0) {
        quotient = product.lo / divisor;
        remainder = product.lo % divisor;
    } else {
        // Binary long division; only reached when the intermediate genuinely exceeds 128 bits.
        for (int bit = 191; bit >= 0; --bit) {
            const u128 next =
                bit >= 128 ? (product.hi >> (bit - 128)) & 1u : uint64_t(product.lo >> bit) & 1u;
            remainder = (remainder << 1) | next;
            if (quotient >> 100) {
                throw std::overflow_error("rescale: result does not fit in int64");
            }
            quotient <<= 1;
            if (remainder >= divisor) {
                remainder -= divisor;
                quotient |= 1;
            }
        }
    }

    const bool inexact = remainder != 0;
    switch (rounding) {
    case Rounding::Zero:
        break;
    case Rounding::Down:
        quotient += (negative && inexact) ? 1 : 0;
        break;
    case Rounding::Up:
        quotient += (!negative && inexact) ? 1 : 0;
        break;
    case Rounding::Nearest:
        quotient += (remainder >= divisor - remainder) ? 1 : 0;
        break;
    }

    const u128 limit = negative ? u128(1) << 63 : (u128(1) << 63) - 1;
    if (quotient > limit) {
        throw std::overflow_error("rescale: result does not fit in int64");
    }
    return negative ? int64_t(-i128(quotient)) : int64_t(quotient);
}

void requirePositive(Rational r, const char* what) {
    if (!r.isPositive()) {
        throw std::invalid_argument(std::string(what) + " must be positive, got " + std::to_string(r.num) +
                                    "/" + std::to_string(r.den));
    }
}

bool parseInt64(std::string_view s, int64_t& out) {
    if (s.empty()) {
        return false;
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

} // namespace

Rational Rational::parse(std::string_view text) {
    const std::string_view ws = " \t\r\n";
    std::string_view body = text;
    const auto first = body.find_first_not_of(ws);
    body = first == std::string_view::npos ? std::string_view() : body.substr(first);
    body = body.substr(0, body.find_last_not_of(ws) + 1);

    auto fail = [&](const std::string& why) {
        return std::invalid_argument("Rational::parse: cannot parse \"" + std::string(text) + "\": " + why);
    };
    if (body.find('.') != std::string_view::npos) {
        throw fail("decimals are ambiguous; write an exact ratio such as 30000/1001 or 2997/100");
    }
    const auto sep = body.find_first_of("/:");
    int64_t n = 0;
    int64_t d = 1;
    if (sep == std::string_view::npos) {
        if (!parseInt64(body, n)) {
            throw fail("expected \"num/den\", \"num:den\" or an integer");
        }
    } else if (!parseInt64(body.substr(0, sep), n) || !parseInt64(body.substr(sep + 1), d)) {
        throw fail("expected \"num/den\", \"num:den\" or an integer");
    }
    if (d == 0) {
        throw fail("zero denominator");
    }
    try {
        return make(n, d);
    } catch (const std::overflow_error&) {
        throw fail("value does not fit in 64 bits");
    }
}

std::string Rational::toString() const { return std::to_string(num) + "/" + std::to_string(den); }

double Rational::toDouble() const { return static_cast<double>(num) / static_cast<double>(den); }

Rational Rational::inverse() const {
    if (num == 0) {
        throw std::invalid_argument("Rational: inverse of zero");
    }
    const Wide w = widen(*this);
    return detail::normalise(w.den, w.num);
}

Rational operator+(Rational a, Rational b) {
    const Wide x = widen(a);
    const Wide y = widen(b);
    return detail::normalise(x.num * y.den + y.num * x.den, x.den * y.den);
}

Rational operator-(Rational a, Rational b) {
    const Wide x = widen(a);
    const Wide y = widen(b);
    return detail::normalise(x.num * y.den - y.num * x.den, x.den * y.den);
}

Rational operator*(Rational a, Rational b) {
    const Wide x = widen(a);
    const Wide y = widen(b);
    return detail::normalise(x.num * y.num, x.den * y.den);
}

Rational operator/(Rational a, Rational b) {
    if (b.num == 0) {
        throw std::invalid_argument("Rational: division by zero");
    }
    const Wide x = widen(a);
    const Wide y = widen(b);
    return detail::normalise(x.num * y.den, x.den * y.num);
}

Rational operator-(Rational a) {
    const Wide x = widen(a);
    return detail::normalise(-x.num, x.den);
}

Rational& Rational::operator+=(Rational rhs) { return *this = *this + rhs; }
Rational& Rational::operator-=(Rational rhs) { return *this = *this - rhs; }
Rational& Rational::operator*=(Rational rhs) { return *this = *this * rhs; }
Rational& Rational::operator/=(Rational rhs) { return *this = *this / rhs; }

std::strong_ordering operator<=>(Rational a, Rational b) {
    const Wide x = widen(a);
    const Wide y = widen(b);
    const i128 lhs = x.num * y.den;
    const i128 rhs = y.num * x.den;
    return lhs == rhs ? std::strong_ordering::equal
                      : (lhs < rhs ? std::strong_ordering::less : std::strong_ordering::greater);
}

bool operator==(Rational a, Rational b) { return (a <=> b) == std::strong_ordering::equal; }

int64_t rescale(int64_t value, Rational from, Rational to, Rounding rounding) {
    if (to.num == 0) {
        throw std::invalid_argument("rescale: target unit is zero");
    }
    const Wide f = widen(from);
    const Wide t = widen(to);
    return mulDivRound(value, f.num * t.den, f.den * t.num, rounding);
}

std::strong_ordering compareScaled(int64_t a, Rational a_unit, int64_t b, Rational b_unit) {
    // Compare a * ua.num * ub.den against b * ub.num * ua.den: both denominators are positive after widening.
    const Wide ua = widen(a_unit);
    const Wide ub = widen(b_unit);
    const i128 ka = ua.num * ub.den;
    const i128 kb = ub.num * ua.den;
    const int sa = sign(a) * sign(ka);
    const int sb = sign(b) * sign(kb);
    if (sa != sb) {
        return sa <=> sb;
    }
    if (sa == 0) {
        return std::strong_ordering::equal;
    }
    const auto magnitude = compare192(mul192(abs128(a), abs128(ka)), mul192(abs128(b), abs128(kb)));
    return sa > 0 ? magnitude : 0 <=> magnitude;
}

int64_t framesToTicks(int64_t frame, Rational frame_rate, Rational time_base) {
    requirePositive(frame_rate, "framesToTicks: frame rate");
    requirePositive(time_base, "framesToTicks: time base");
    const Wide fr = widen(frame_rate);
    const Wide tb = widen(time_base);
    return mulDivRound(frame, fr.den * tb.den, fr.num * tb.num, Rounding::Up);
}

int64_t ticksToFrame(int64_t ticks, Rational frame_rate, Rational time_base, Rounding rounding) {
    requirePositive(frame_rate, "ticksToFrame: frame rate");
    requirePositive(time_base, "ticksToFrame: time base");
    const Wide fr = widen(frame_rate);
    const Wide tb = widen(time_base);
    return mulDivRound(ticks, tb.num * fr.num, tb.den * fr.den, rounding);
}

} // namespace rushes
