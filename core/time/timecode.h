// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "time/rational.h"

namespace rushes {

// The real frame rate plus the labelling scheme. Timecode counts frames at a whole "nominal" rate
// (30 for 29.97), so only the nominal rate and the drop-frame flag affect labels; `rate` is kept for
// converting to wall-clock time and for deciding whether drop frame is possible at all.
struct TimecodeRate {
    Rational rate{25, 1};
    bool drop_frame = false;

    // round(rate), half away from zero: 24000/1001 -> 24, 12.5 -> 13. Throws for a non-positive rate.
    [[nodiscard]] constexpr int nominalFps() const {
        if (!rate.isPositive()) {
            throw std::invalid_argument("TimecodeRate: rate must be positive");
        }
        const Rational r = Rational::make(rate.num, rate.den);
        const detail::i128 n = (2 * detail::i128(r.num) + r.den) / (2 * detail::i128(r.den));
        if (n < 1 || n > 1'000'000) {
            throw std::invalid_argument("TimecodeRate: nominal rate out of range");
        }
        return int(n);
    }

    // Drop frame exists only for 30000/1001 and 60000/1001, the rates SMPTE 12M defines it for.
    [[nodiscard]] bool allowsDropFrame() const;
    // Labels skipped at the start of each non-tenth minute: 0 (NDF), 2 (29.97 DF) or 4 (59.94 DF).
    [[nodiscard]] int droppedPerMinute() const;
    [[nodiscard]] std::string toString() const; // "30000/1001 DF", "25/1 NDF"

    // Matching named constant for 23.976/29.97/59.94 (drop frame only if prefer_drop and possible);
    // any other positive rate (12.5, 15, 48, ...) becomes NDF with nominal round(rate).
    [[nodiscard]] static TimecodeRate fromFrameRate(Rational frame_rate, bool prefer_drop);

    bool operator==(const TimecodeRate&) const = default;

    static const TimecodeRate Fps23_976;
    static const TimecodeRate Fps24;
    static const TimecodeRate Fps25;
    static const TimecodeRate Fps29_97DF;
    static const TimecodeRate Fps29_97NDF;
    static const TimecodeRate Fps30;
    static const TimecodeRate Fps50;
    static const TimecodeRate Fps59_94DF;
    static const TimecodeRate Fps59_94NDF;
    static const TimecodeRate Fps60;
};

inline constexpr TimecodeRate TimecodeRate::Fps23_976{{24000, 1001}, false};
inline constexpr TimecodeRate TimecodeRate::Fps24{{24, 1}, false};
inline constexpr TimecodeRate TimecodeRate::Fps25{{25, 1}, false};
inline constexpr TimecodeRate TimecodeRate::Fps29_97DF{{30000, 1001}, true};
inline constexpr TimecodeRate TimecodeRate::Fps29_97NDF{{30000, 1001}, false};
inline constexpr TimecodeRate TimecodeRate::Fps30{{30, 1}, false};
inline constexpr TimecodeRate TimecodeRate::Fps50{{50, 1}, false};
inline constexpr TimecodeRate TimecodeRate::Fps59_94DF{{60000, 1001}, true};
inline constexpr TimecodeRate TimecodeRate::Fps59_94NDF{{60000, 1001}, false};
inline constexpr TimecodeRate TimecodeRate::Fps60{{60, 1}, false};

// A SMPTE timecode stored as a frame count, so arithmetic is plain integer math and the drop-frame
// labelling is applied only when converting to or from text. Negative frame counts are rejected: a
// timecode before 00:00:00:00 has no label, and sources that start "before zero" wrap at 24h instead.
// Hours are not wrapped (a 30-hour recording reads 30:00:00:00) unless wrapped24() is asked for.
class Timecode {
public:
    // Throws std::invalid_argument for negative frames or an invalid rate (non-positive, or drop frame
    // at a rate that has none).
    [[nodiscard]] static Timecode fromFrames(int64_t frames, TimecodeRate rate);

    // "HH:MM:SS:FF"; separators may be ':', ';' or '.'. A ';' or '.' before the frames selects drop-frame
    // counting when the rate allows it (29.97/59.94), whatever rate.drop_frame says; a ':' keeps
    // rate.drop_frame, because many tools print drop-frame timecode with colons. Elsewhere ';'/'.' are
    // plain separators. The returned rate records which counting was used. Hours take one or more
    // digits, MM and SS exactly two, FF two or more. Throws std::invalid_argument naming the text and the
    // reason for out-of-range fields and labels that drop-frame counting skips (e.g. 00:01:00;00).
    [[nodiscard]] static Timecode parse(std::string_view text, TimecodeRate rate);

    // Timecode of the frame `frame_offset` frames into a source whose first frame is `start`.
    [[nodiscard]] static Timecode fromSourceStart(Timecode start, int64_t frame_offset);

    [[nodiscard]] int64_t frames() const { return frames_; }
    [[nodiscard]] TimecodeRate rate() const { return rate_; }

    [[nodiscard]] int64_t hours() const; // not wrapped at 24
    [[nodiscard]] int minutes() const;
    [[nodiscard]] int seconds() const;
    [[nodiscard]] int frameInSecond() const;

    // "HH:MM:SS:FF", or "HH:MM:SS;FF" for drop frame; FF widens to three digits above 100 fps.
    [[nodiscard]] std::string toString() const;

    // Same label modulo 24 hours, for devices and formats that cannot show more.
    [[nodiscard]] Timecode wrapped24() const;

    // Throw std::invalid_argument if the result would be negative, std::overflow_error on overflow.
    [[nodiscard]] Timecode operator+(int64_t frames) const;
    [[nodiscard]] Timecode operator-(int64_t frames) const;

    bool operator==(const Timecode&) const = default;

private:
    Timecode(int64_t frames, TimecodeRate rate) : frames_(frames), rate_(rate) {}

    struct Fields {
        int64_t hours;
        int minutes;
        int seconds;
        int frames;
    };
    [[nodiscard]] Fields fields() const;

    int64_t frames_ = 0;
    TimecodeRate rate_;
};

} // namespace rushes
