// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timecode.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace rushes {

using detail::i128;

namespace {

constexpr Rational kNtsc30{30000, 1001};
constexpr Rational kNtsc60{60000, 1001};
constexpr Rational kNtsc24{24000, 1001};

// Validates once up front so that the label math can rely on nominal >= 1 and a defined drop count.
void validate(const TimecodeRate& rate) {
    (void)rate.nominalFps();
    (void)rate.droppedPerMinute();
}

// Drop-frame counting skips `drop` labels at the start of every minute except each tenth minute, so one
// ten-minute block holds a fixed number of real frames; the block structure is what makes this exact.
struct DropLayout {
    int64_t per_minute;     // real frames in a minute that drops labels
    int64_t per_ten_minute; // real frames in a ten-minute block
};

DropLayout dropLayout(int fps, int drop) {
    return DropLayout{int64_t(fps) * 60 - drop, int64_t(fps) * 600 - int64_t(drop) * 9};
}

int frameDigits(int fps) { return fps > 100 ? int(std::to_string(fps - 1).size()) : 2; }

std::string padded(int64_t value, int width) {
    std::string s = std::to_string(value);
    if (int(s.size()) < width) {
        s.insert(0, size_t(width) - s.size(), '0');
    }
    return s;
}

} // namespace

bool TimecodeRate::allowsDropFrame() const { return rate == kNtsc30 || rate == kNtsc60; }

int TimecodeRate::droppedPerMinute() const {
    if (!drop_frame) {
        return 0;
    }
    if (rate == kNtsc30) {
        return 2;
    }
    if (rate == kNtsc60) {
        return 4;
    }
    throw std::invalid_argument("TimecodeRate: drop frame is not defined at " + rate.toString());
}

std::string TimecodeRate::toString() const { return rate.toString() + (drop_frame ? " DF" : " NDF"); }

TimecodeRate TimecodeRate::fromFrameRate(Rational frame_rate, bool prefer_drop) {
    if (!frame_rate.isPositive()) {
        throw std::invalid_argument("TimecodeRate::fromFrameRate: rate must be positive, got " +
                                    frame_rate.toString());
    }
    const Rational r = Rational::make(frame_rate.num, frame_rate.den);
    if (r == kNtsc30) {
        return prefer_drop ? Fps29_97DF : Fps29_97NDF;
    }
    if (r == kNtsc60) {
        return prefer_drop ? Fps59_94DF : Fps59_94NDF;
    }
    if (r == kNtsc24) {
        return Fps23_976;
    }
    const TimecodeRate result{r, false};
    validate(result);
    return result;
}

Timecode Timecode::fromFrames(int64_t frames, TimecodeRate rate) {
    validate(rate);
    if (frames < 0) {
        throw std::invalid_argument("Timecode: negative frame count " + std::to_string(frames));
    }
    return Timecode(frames, rate);
}

Timecode Timecode::fromSourceStart(Timecode start, int64_t frame_offset) { return start + frame_offset; }

Timecode::Fields Timecode::fields() const {
    const int fps = rate_.nominalFps();
    const int drop = rate_.droppedPerMinute();
    // The label number counts every label, including the skipped ones; i128 because adding the skipped
    // labels can push a frame count near INT64_MAX past it.
    i128 label = frames_;
    if (drop != 0) {
        const DropLayout layout = dropLayout(fps, drop);
        const int64_t blocks = frames_ / layout.per_ten_minute;
        const int64_t rest = frames_ % layout.per_ten_minute;
        label += i128(drop) * 9 * blocks;
        // The first minute of a block keeps all its labels; each later minute starts `drop` labels late.
        if (rest >= drop) {
            label += i128(drop) * ((rest - drop) / layout.per_minute);
        }
    }
    const i128 total_seconds = label / fps;
    return Fields{int64_t(total_seconds / 3600), int((total_seconds / 60) % 60), int(total_seconds % 60),
                  int(label % fps)};
}

int64_t Timecode::hours() const { return fields().hours; }
int Timecode::minutes() const { return fields().minutes; }
int Timecode::seconds() const { return fields().seconds; }
int Timecode::frameInSecond() const { return fields().frames; }

std::string Timecode::toString() const {
    const Fields f = fields();
    return padded(f.hours, 2) + ":" + padded(f.minutes, 2) + ":" + padded(f.seconds, 2) +
           (rate_.drop_frame ? ";" : ":") + padded(f.frames, frameDigits(rate_.nominalFps()));
}

Timecode Timecode::wrapped24() const {
    const int fps = rate_.nominalFps();
    const int drop = rate_.droppedPerMinute();
    const int64_t per_day = drop != 0 ? dropLayout(fps, drop).per_ten_minute * 6 * 24 : int64_t(fps) * 86400;
    return Timecode(frames_ % per_day, rate_);
}

Timecode Timecode::operator+(int64_t frames) const {
    const i128 sum = i128(frames_) + frames;
    if (sum < 0) {
        throw std::invalid_argument("Timecode: result before 00:00:00:00 (" + toString() + " + " +
                                    std::to_string(frames) + " frames)");
    }
    if (!detail::fitsInt64(sum)) {
        throw std::overflow_error("Timecode: frame count overflow");
    }
    return Timecode(int64_t(sum), rate_);
}

Timecode Timecode::operator-(int64_t frames) const {
    if (frames == std::numeric_limits<int64_t>::min()) {
        throw std::overflow_error("Timecode: frame count overflow");
    }
    return *this + (-frames);
}

Timecode Timecode::parse(std::string_view text, TimecodeRate rate) {
    validate(rate);
    const int fps = rate.nominalFps();
    auto fail = [&](const std::string& why) {
        return std::invalid_argument("Timecode::parse: \"" + std::string(text) + "\" at " + rate.toString() +
                                     ": " + why);
    };

    std::string_view body = text;
    const std::string_view ws = " \t\r\n";
    const auto first = body.find_first_not_of(ws);
    body = first == std::string_view::npos ? std::string_view() : body.substr(first);
    body = body.substr(0, body.find_last_not_of(ws) + 1);

    std::array<std::string_view, 4> parts;
    char last_separator = ':';
    size_t part = 0;
    size_t begin = 0;
    for (size_t i = 0; i <= body.size(); ++i) {
        const bool at_end = i == body.size();
        const char c = at_end ? '\0' : body[i];
        if (!at_end && c >= '0' && c <= '9') {
            continue;
        }
        if (!at_end && c != ':' && c != ';' && c != '.') {
            throw fail("unexpected character '" + std::string(1, c) + "'");
        }
        if (part == parts.size()) {
            throw fail("expected HH:MM:SS:FF");
        }
        parts[part++] = body.substr(begin, i - begin);
        last_separator = at_end ? last_separator : c;
        begin = i + 1;
    }
    if (part != parts.size() || parts[0].empty() || parts[1].size() != 2 || parts[2].size() != 2 ||
        parts[3].size() < 2) {
        throw fail("expected HH:MM:SS:FF (hours one or more digits, MM and SS two digits, FF two or more)");
    }

    std::array<int64_t, 4> v{};
    for (size_t i = 0; i < parts.size(); ++i) {
        const auto [ptr, ec] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), v[i]);
        if (ec != std::errc() || ptr != parts[i].data() + parts[i].size()) {
            throw fail("field out of range");
        }
    }
    const auto [hh, mm, ss, ff] = v;
    if (mm >= 60) {
        throw fail("minutes must be below 60");
    }
    if (ss >= 60) {
        throw fail("seconds must be below 60");
    }
    if (ff >= fps) {
        throw fail("frame " + std::to_string(ff) + " does not exist at nominal " + std::to_string(fps) +
                   " fps");
    }

    const bool drop_frame = rate.allowsDropFrame() && (rate.drop_frame || last_separator != ':');
    const TimecodeRate result_rate{rate.rate, drop_frame};
    const int drop = result_rate.droppedPerMinute();
    if (drop != 0 && ss == 0 && mm % 10 != 0 && ff < drop) {
        throw fail("drop-frame counting skips frames 00-" + padded(drop - 1, 2) +
                   " at the start of every minute except each tenth minute, so this label does not exist");
    }

    const i128 total_minutes = i128(hh) * 60 + mm;
    const i128 label = ((total_minutes * 60) + ss) * fps + ff;
    const i128 frames = label - i128(drop) * (total_minutes - total_minutes / 10);
    if (!detail::fitsInt64(frames)) {
        throw fail("hours out of range");
    }
    return Timecode(int64_t(frames), result_rate);
}

} // namespace rushes
