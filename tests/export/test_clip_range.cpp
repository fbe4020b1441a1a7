// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "base/error.h"
#include "export/clip_range.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipPoint;
using exporting::ClipSource;

namespace {

std::int64_t inFrame(const ClipSource& source, const std::string& text) {
    return exporting::resolvePoint(source, ClipPoint::parse(text), false);
}
std::int64_t outFrame(const ClipSource& source, const std::string& text) {
    return exporting::resolvePoint(source, ClipPoint::parse(text), true);
}
exporting::ResolvedClip clip(const ClipSource& source, const std::string& in, const std::string& out) {
    return exporting::resolveClip(source, {ClipPoint::parse(in), ClipPoint::parse(out)});
}

}  // namespace

TEST_CASE("in and out read as frames, seconds or timecode and agree", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));  // 25 fps, 250 frames
    CHECK(inFrame(source, "120") == 120);
    CHECK(inFrame(source, "4.8s") == 120);
    CHECK(inFrame(source, "00:00:04:20") == 120);
    CHECK(inFrame(source, "4.81s") == 120);  // the frame on screen at that instant
    CHECK(inFrame(source, "0") == 0);
    CHECK(outFrame(source, "250") == 250);  // out may name the end: the first frame not taken
    CHECK(outFrame(source, "10s") == 250);
    CHECK(outFrame(source, "00:00:10:00") == 250);

    const auto range = clip(source, "1s", "00:00:02:05");
    CHECK(range.in_frame == 25);
    CHECK(range.out_frame == 55);
    CHECK(range.frameCount() == 30);
    CHECK(range.in_pts == source.index().ptsOf(25));
    CHECK(range.out_pts == source.index().ptsOf(55));
    CHECK(range.duration() == Rational{6, 5});
}

TEST_CASE("an out point at the end of the clip ends after the last frame", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    const auto range = clip(source, "200", "250");
    CHECK(range.out_pts == source.index().ptsOf(249) + source.frameDurationTicks());
    CHECK(range.duration() == Rational{2, 1});
}

TEST_CASE("timecode counts from the source's start timecode, drop frame included", "[export]") {
    const ClipSource df = ClipSource::open(test::fixturePath("tc_2997df.mov"));  // starts 00:59:59;28
    REQUIRE(df.startTimecode());
    CHECK(df.startTimecode()->rate().drop_frame);
    CHECK(inFrame(df, "00:59:59;28") == 0);
    CHECK(inFrame(df, "01:00:00;00") == 2);
    CHECK(inFrame(df, "01:00:01;00") == 32);
    CHECK(df.timecodeOfFrame(2).toString() == "01:00:00;00");
    CHECK_THROWS_WITH(inFrame(df, "00:59:59;27"), Catch::Contains("tc_2997df.mov") &&
                                                      Catch::Contains("before the clip's start timecode 00:59:59;28"));

    const ClipSource ten = ClipSource::open(test::fixturePath("tc_10h.mov"));  // 10:00:00:00 at 25 fps
    CHECK(inFrame(ten, "10:00:01:00") == 25);
    CHECK(outFrame(ten, "10:00:02:00") == 50);
}

TEST_CASE("seconds land on the right frame although Matroska rounds times to milliseconds", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_opengop.mkv"));  // 24000/1001, 1/1000
    for (std::int64_t frame : {1, 2, 7, 24, 25, 119}) {
        INFO("frame " << frame);
        const Rational seconds = Rational::make(frame * 1001, 24000);
        CHECK(exporting::resolvePoint(source, ClipPoint::atSeconds(seconds), false) == frame);
    }
    CHECK(outFrame(source, "5.005s") == 120);
}

TEST_CASE("points outside the clip or in the wrong order are errors naming the file and the reason", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    CHECK_THROWS_WITH(clip(source, "10", "251"), Catch::Contains("h264_longgop.mp4") &&
                                                     Catch::Contains("out point frame 251 is past the end") &&
                                                     Catch::Contains("250 frames"));
    CHECK_THROWS_WITH(clip(source, "250", "250"), Catch::Contains("in point frame 250 is past the end"));
    CHECK_THROWS_WITH(clip(source, "10.5s", "11s"), Catch::Contains("past the end"));
    CHECK_THROWS_WITH(clip(source, "100", "100"), Catch::Contains("the clip would be empty"));
    CHECK_THROWS_WITH(clip(source, "120", "4s"),
                      Catch::Contains("in (frame 120, 00:00:04:20) must come before out (frame 100"));
    try {
        (void)clip(source, "120", "100");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK(error.subject() == source.name());
    }
}

TEST_CASE("text that is no frame, seconds or timecode is rejected", "[export]") {
    CHECK_THROWS_WITH(ClipPoint::parse("abc"), Catch::Contains("expected frames (120), seconds (4.8s) or timecode"));
    CHECK_THROWS_WITH(ClipPoint::parse("4.8x"), Catch::Contains("expected frames"));
    CHECK_THROWS_WITH(ClipPoint::parse("-5"), Catch::Contains("expected frames"));
    CHECK_THROWS_WITH(ClipPoint::parse("1.2.3s"), Catch::Contains("expected seconds"));
    CHECK(ClipPoint::parse("4.8s").seconds == Rational{24, 5});
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    CHECK_THROWS_WITH(inFrame(source, "00:00:04:30"), Catch::Contains("h264_longgop.mp4"));
}
