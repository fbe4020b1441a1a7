// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "time/timecode.h"

using namespace rushes;
using Catch::Matchers::Contains;

namespace {

struct NamedRate {
    const char* name;
    TimecodeRate rate;
    int64_t frames_per_hour;
};

const std::vector<NamedRate>& allRates() {
    static const std::vector<NamedRate> rates = {
        {"23.976", TimecodeRate::Fps23_976, 86400},
        {"24", TimecodeRate::Fps24, 86400},
        {"25", TimecodeRate::Fps25, 90000},
        {"29.97 DF", TimecodeRate::Fps29_97DF, 107892},
        {"29.97 NDF", TimecodeRate::Fps29_97NDF, 108000},
        {"30", TimecodeRate::Fps30, 108000},
        {"50", TimecodeRate::Fps50, 180000},
        {"59.94 DF", TimecodeRate::Fps59_94DF, 215784},
        {"59.94 NDF", TimecodeRate::Fps59_94NDF, 216000},
        {"60", TimecodeRate::Fps60, 216000},
    };
    return rates;
}

// An independent model of SMPTE labelling: count labels one by one and skip the ones drop frame omits.
// The library computes labels arithmetically; agreeing with this counter is the real test.
struct Label {
    int64_t h = 0;
    int m = 0;
    int s = 0;
    int f = 0;
};

Label nextLabel(Label l, int fps, int drop) {
    if (++l.f == fps) {
        l.f = 0;
        if (++l.s == 60) {
            l.s = 0;
            if (++l.m == 60) {
                l.m = 0;
                ++l.h;
            }
        }
        if (drop != 0 && l.s == 0 && l.m % 10 != 0) {
            l.f = drop;
        }
    }
    return l;
}

std::string format(Label l, bool drop_frame) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02lld:%02d:%02d%c%02d", static_cast<long long>(l.h), l.m, l.s,
                  drop_frame ? ';' : ':', l.f);
    return buf;
}

Label labelOf(const Timecode& tc) {
    return Label{tc.hours(), tc.minutes(), tc.seconds(), tc.frameInSecond()};
}

bool operator==(Label a, Label b) { return a.h == b.h && a.m == b.m && a.s == b.s && a.f == b.f; }

} // namespace

TEST_CASE("drop-frame timecode matches the published anchor values", "[time]") {
    const auto df = TimecodeRate::Fps29_97DF;
    CHECK(Timecode::fromFrames(0, df).toString() == "00:00:00;00");
    CHECK(Timecode::fromFrames(1799, df).toString() == "00:00:59;29");
    CHECK(Timecode::fromFrames(1800, df).toString() == "00:01:00;02");
    CHECK(Timecode::fromFrames(17981, df).toString() == "00:09:59;29");
    CHECK(Timecode::fromFrames(17982, df).toString() == "00:10:00;00");
    CHECK(Timecode::fromFrames(19782, df).toString() == "00:11:00;02");
    CHECK(Timecode::fromFrames(107892, df).toString() == "01:00:00;00");
    CHECK(Timecode::fromFrames(107891, df).toString() == "00:59:59;29");

    const auto df60 = TimecodeRate::Fps59_94DF;
    CHECK(Timecode::fromFrames(3599, df60).toString() == "00:00:59;59");
    CHECK(Timecode::fromFrames(3600, df60).toString() == "00:01:00;04");
    CHECK(Timecode::fromFrames(35964, df60).toString() == "00:10:00;00");
    CHECK(Timecode::fromFrames(215784, df60).toString() == "01:00:00;00");

    CHECK(Timecode::fromFrames(86400, TimecodeRate::Fps23_976).toString() == "01:00:00:00");
    CHECK(Timecode::fromFrames(108000, TimecodeRate::Fps29_97NDF).toString() == "01:00:00:00");
}

TEST_CASE("every rate reaches 01:00:00:00 after one nominal hour of frames and 24:00:00:00 after a day",
          "[time]") {
    for (const auto& [name, rate, per_hour] : allRates()) {
        INFO(name);
        const std::string sep = rate.drop_frame ? ";" : ":";
        CHECK(Timecode::fromFrames(per_hour, rate).toString() == "01:00:00" + sep + "00");
        CHECK(Timecode::parse("01:00:00" + sep + "00", rate).frames() == per_hour);
        const Timecode day = Timecode::fromFrames(per_hour * 24, rate);
        CHECK(day.toString() == "24:00:00" + sep + "00");
        CHECK(day.hours() == 24);
        CHECK(day.wrapped24().frames() == 0);
        CHECK((day + 5).wrapped24() == Timecode::fromFrames(5, rate));
        CHECK(Timecode::fromFrames(per_hour * 100, rate).toString() == "100:00:00" + sep + "00");
    }
}

TEST_CASE("drop-frame timecode skips labels ;00 and ;01 except every tenth minute", "[time]") {
    const auto df = TimecodeRate::Fps29_97DF;
    for (int minute = 1; minute < 60; ++minute) {
        INFO("minute " << minute);
        const Timecode before = Timecode::parse(format(Label{0, minute - 1, 59, 29}, true), df);
        const Timecode first = before + 1;
        CHECK(first.minutes() == minute);
        CHECK(first.seconds() == 0);
        CHECK(first.frameInSecond() == (minute % 10 == 0 ? 0 : 2));
    }
    const auto df60 = TimecodeRate::Fps59_94DF;
    CHECK((Timecode::parse("00:00:59;59", df60) + 1).toString() == "00:01:00;04");
    CHECK((Timecode::parse("00:09:59;59", df60) + 1).toString() == "00:10:00;00");
}

TEST_CASE("every frame of the first eleven minutes round-trips through its label, for every rate", "[time]") {
    for (const auto& [name, rate, per_hour] : allRates()) {
        const int fps = rate.nominalFps();
        const int drop = rate.droppedPerMinute();
        const int64_t count = int64_t(fps) * 60 * 11;
        int64_t mismatches = 0;
        std::string first_mismatch;
        Label expected;
        for (int64_t frame = 0; frame < count; ++frame, expected = nextLabel(expected, fps, drop)) {
            const Timecode tc = Timecode::fromFrames(frame, rate);
            const std::string text = tc.toString();
            const bool ok = text == format(expected, rate.drop_frame) && labelOf(tc) == expected &&
                            Timecode::parse(text, rate) == tc;
            if (!ok && mismatches++ == 0) {
                first_mismatch =
                    std::to_string(frame) + " -> " + text + ", expected " + format(expected, rate.drop_frame);
            }
        }
        INFO(name << ": first mismatch " << first_mismatch);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("random frames over 48 hours round-trip and step to the next label, for every rate", "[time]") {
    std::mt19937_64 rng(0x5EED'2024);
    for (const auto& [name, rate, per_hour] : allRates()) {
        std::uniform_int_distribution<int64_t> pick(0, per_hour * 48 - 1);
        const int fps = rate.nominalFps();
        const int drop = rate.droppedPerMinute();
        int64_t mismatches = 0;
        std::string first_mismatch;
        for (int i = 0; i < 20000; ++i) {
            const int64_t frame = pick(rng);
            const Timecode tc = Timecode::fromFrames(frame, rate);
            const Label next = nextLabel(labelOf(tc), fps, drop);
            const bool ok = Timecode::parse(tc.toString(), rate).frames() == frame &&
                            labelOf(Timecode::fromFrames(frame + 1, rate)) == next;
            if (!ok && mismatches++ == 0) {
                first_mismatch = std::to_string(frame) + " -> " + tc.toString();
            }
        }
        INFO(name << ": first mismatch " << first_mismatch);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("parsing rejects drop-frame labels that do not exist, naming the text and the reason", "[time]") {
    const auto df = TimecodeRate::Fps29_97DF;
    CHECK_THROWS_WITH(Timecode::parse("00:01:00;00", df),
                      Contains("\"00:01:00;00\"") && Contains("drop-frame"));
    CHECK_THROWS_WITH(Timecode::parse("00:01:00;01", df),
                      Contains("\"00:01:00;01\"") && Contains("drop-frame"));
    CHECK_THROWS_AS(Timecode::parse("01:59:00;01", df), std::invalid_argument);
    CHECK(Timecode::parse("00:01:00;02", df).frames() == 1800);
    CHECK(Timecode::parse("00:10:00;00", df).frames() == 17982);
    CHECK(Timecode::parse("00:10:00;01", df).frames() == 17983);
    CHECK(Timecode::parse("00:01:01;00", df).frames() == 1828);
    // Colons at a drop-frame rate still mean drop-frame labels, so the same labels are rejected.
    CHECK_THROWS_AS(Timecode::parse("00:01:00:00", df), std::invalid_argument);

    const auto df60 = TimecodeRate::Fps59_94DF;
    for (const char* bad : {"00:01:00;00", "00:01:00;01", "00:01:00;02", "00:01:00;03"}) {
        INFO(bad);
        CHECK_THROWS_AS(Timecode::parse(bad, df60), std::invalid_argument);
    }
    CHECK(Timecode::parse("00:01:00;04", df60).frames() == 3600);
}

TEST_CASE("parsing rejects out-of-range fields and malformed text", "[time]") {
    CHECK_THROWS_WITH(Timecode::parse("00:00:00:30", TimecodeRate::Fps29_97NDF), Contains("\"00:00:00:30\""));
    CHECK_THROWS_AS(Timecode::parse("00:00:00;30", TimecodeRate::Fps29_97DF), std::invalid_argument);
    CHECK_THROWS_AS(Timecode::parse("00:00:00:25", TimecodeRate::Fps25), std::invalid_argument);
    CHECK_THROWS_AS(Timecode::parse("00:00:00:24", TimecodeRate::Fps23_976), std::invalid_argument);
    CHECK_THROWS_AS(Timecode::parse("00:00:00:60", TimecodeRate::Fps59_94NDF), std::invalid_argument);
    CHECK_THROWS_WITH(Timecode::parse("00:60:00:00", TimecodeRate::Fps25), Contains("minutes"));
    CHECK_THROWS_WITH(Timecode::parse("00:00:60:00", TimecodeRate::Fps25), Contains("seconds"));
    for (const char* bad : {"", "garbage", "00:00:00", "00:00:00:00:00", "-01:00:00:00", "00:0:00:00",
                            "00:00:000:00", "00:00:00:0", "00:00:00:", "00 00 00 00", "00::00:00",
                            "99999999999999999999:00:00:00", "9999999999999999:00:00:00", "0x1:00:00:00"}) {
        INFO("input: \"" << bad << "\"");
        CHECK_THROWS_AS(Timecode::parse(bad, TimecodeRate::Fps25), std::invalid_argument);
    }
}

TEST_CASE("the separator before the frames selects drop frame only where the rate has it", "[time]") {
    const Timecode semi = Timecode::parse("00:01:00;02", TimecodeRate::Fps29_97NDF);
    CHECK(semi.rate() == TimecodeRate::Fps29_97DF);
    CHECK(semi.frames() == 1800);
    const Timecode dot = Timecode::parse("00:01:00.04", TimecodeRate::Fps59_94NDF);
    CHECK(dot.rate() == TimecodeRate::Fps59_94DF);
    CHECK(dot.frames() == 3600);
    const Timecode colon = Timecode::parse("00:01:00:02", TimecodeRate::Fps29_97DF);
    CHECK(colon.rate() == TimecodeRate::Fps29_97DF);
    CHECK(colon.frames() == 1800);
    CHECK(Timecode::parse("00:01:00:00", TimecodeRate::Fps29_97NDF).frames() == 1800);
    CHECK(Timecode::parse("01;00;00;00", TimecodeRate::Fps29_97DF).frames() == 107892);
    const Timecode pal = Timecode::parse("00:01:00;00", TimecodeRate::Fps25);
    CHECK(pal.rate() == TimecodeRate::Fps25);
    CHECK(pal.frames() == 1500);
    CHECK(Timecode::parse("  10:00:00:00 ", TimecodeRate::Fps25).frames() == 900000);
    CHECK(Timecode::parse("1:00:00:00", TimecodeRate::Fps25).frames() == 90000);
}

TEST_CASE("fromFrameRate picks the named rate and falls back to non-drop at round(rate)", "[time]") {
    CHECK(TimecodeRate::fromFrameRate(Rational{30000, 1001}, true) == TimecodeRate::Fps29_97DF);
    CHECK(TimecodeRate::fromFrameRate(Rational{30000, 1001}, false) == TimecodeRate::Fps29_97NDF);
    CHECK(TimecodeRate::fromFrameRate(Rational{60000, 2002}, true) == TimecodeRate::Fps29_97DF);
    CHECK(TimecodeRate::fromFrameRate(Rational{60000, 1001}, true) == TimecodeRate::Fps59_94DF);
    CHECK(TimecodeRate::fromFrameRate(Rational{60000, 1001}, false) == TimecodeRate::Fps59_94NDF);
    CHECK(TimecodeRate::fromFrameRate(Rational{24000, 1001}, true) == TimecodeRate::Fps23_976);
    CHECK(TimecodeRate::fromFrameRate(Rational{25, 1}, true) == TimecodeRate::Fps25);
    CHECK(TimecodeRate::fromFrameRate(Rational{50, 1}, false) == TimecodeRate::Fps50);
    CHECK(TimecodeRate::fromFrameRate(Rational{30, 1}, true) == TimecodeRate::Fps30);

    const TimecodeRate half = TimecodeRate::fromFrameRate(Rational{25, 2}, true);
    CHECK_FALSE(half.drop_frame);
    CHECK(half.nominalFps() == 13);
    CHECK(Timecode::fromFrames(13, half).toString() == "00:00:01:00");
    const TimecodeRate fifteen = TimecodeRate::fromFrameRate(Rational{15, 1}, false);
    CHECK(Timecode::parse("00:01:00:14", fifteen).frames() == 914);
    CHECK(TimecodeRate::Fps23_976.nominalFps() == 24);
    CHECK(TimecodeRate::Fps59_94DF.nominalFps() == 60);
    STATIC_REQUIRE(TimecodeRate::Fps29_97DF.nominalFps() == 30);

    CHECK_THROWS_AS(TimecodeRate::fromFrameRate(Rational{0, 1}, false), std::invalid_argument);
    CHECK_THROWS_AS(TimecodeRate::fromFrameRate(Rational{-25, 1}, false), std::invalid_argument);
    CHECK_THROWS_AS(TimecodeRate::fromFrameRate(Rational{1, 3}, false), std::invalid_argument);
}

TEST_CASE("rates above 100 fps use three frame digits", "[time]") {
    const TimecodeRate hfr = TimecodeRate::fromFrameRate(Rational{120, 1}, false);
    CHECK(Timecode::fromFrames(119, hfr).toString() == "00:00:00:119");
    CHECK(Timecode::fromFrames(120, hfr).toString() == "00:00:01:000");
    CHECK(Timecode::parse("00:00:00:119", hfr).frames() == 119);
}

TEST_CASE("timecodes refuse negative frame counts and rates without a drop-frame scheme", "[time]") {
    CHECK_THROWS_AS(Timecode::fromFrames(-1, TimecodeRate::Fps25), std::invalid_argument);
    CHECK_THROWS_AS((Timecode::fromFrames(0, TimecodeRate{{25, 1}, true})), std::invalid_argument);
    CHECK_THROWS_AS((Timecode::parse("00:00:00:00", TimecodeRate{{0, 1}, false})), std::invalid_argument);
    CHECK_THROWS_AS(Timecode::fromFrames(10, TimecodeRate::Fps25) + -11, std::invalid_argument);
    CHECK_THROWS_AS(Timecode::fromFrames(10, TimecodeRate::Fps25) - 11, std::invalid_argument);
    CHECK_THROWS_AS(Timecode::fromFrames(std::numeric_limits<int64_t>::max(), TimecodeRate::Fps25) + 1,
                    std::overflow_error);
}

TEST_CASE("frame arithmetic and source-relative timecodes follow drop-frame labels", "[time]") {
    const Timecode start = Timecode::parse("01:00:00;00", TimecodeRate::Fps29_97DF);
    CHECK(Timecode::fromSourceStart(start, 1800).toString() == "01:01:00;02");
    CHECK(Timecode::fromSourceStart(start, 0) == start);
    CHECK((start + 17982).toString() == "01:10:00;00");
    CHECK((start - 1).toString() == "00:59:59;29");
    const Timecode late = Timecode::parse("23:59:59:24", TimecodeRate::Fps25);
    CHECK((late + 1).toString() == "24:00:00:00");
    CHECK((late + 1).wrapped24().toString() == "00:00:00:00");
    const Timecode huge = Timecode::fromFrames(std::numeric_limits<int64_t>::max(), TimecodeRate::Fps29_97DF);
    CHECK(Timecode::parse(huge.toString(), TimecodeRate::Fps29_97DF) == huge);
}
