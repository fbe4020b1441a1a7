// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/format.h>

#include "base/error.h"
#include "export/edl_writer.h"
#include "export/export_test_support.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {
struct Expected {
    int64_t record_start, camera_a, camera_b;
    int nominal;
    bool drop;
    [[nodiscard]] std::string tc(int64_t frames) const { return test::smpteLabel(frames, nominal, drop); }
};

Expected expectedFor(const TimecodeRate& rate) {
    const int n = rate.nominalFps();
    const bool df = rate.drop_frame;
    return {test::smpteFrames(1, 0, 0, 0, n, df), test::smpteFrames(10, 0, 0, 0, n, df),
            test::smpteFrames(0, 50, 0, 0, n, df), n, df};
}
}  // namespace

TEST_CASE("a CMX3600 EDL at 29.97 drop frame reads exactly as the format lays it out", "[export]") {
    const auto lines = test::splitLines(writeEdl(test::sampleTimeline(TimecodeRate::Fps29_97DF)));
    const std::vector<std::string> expected = {
        "TITLE: Match day selects",
        "FCM: DROP FRAME",
        "",
        "001  A001     AA/V  C        10:10:00;11 10:10:03;15 01:00:00;00 01:00:03;04",
        "* FROM CLIP NAME:  A001 clip#1.MOV",
        "* SOURCE FILE: /media/Card A/DCIM/A001 clip#1.MOV",
        "* COMMENT: TAGS: goal, Penalty, saved",
        "* COMMENT: NOTE: keeper dives \"left\" then cheers",
        "",
        "002  CARD_B_R B     C        00:50:59;27 00:51:04;29 01:00:03;04 01:00:08;04",
        "* FROM CLIP NAME:  MVI_0002.MP4",
        "* SOURCE FILE: /media/Card B/MVI_0002.MP4",
        "* COMMENT: TAGS: =HYPERLINK(\"x\")",
        "",
        "003  ZOOM0001 AA    C        00:00:00;00 00:00:01;00 01:00:08;04 01:00:09;04",
        "* FROM CLIP NAME:  ZOOM0001.WAV",
        "* SOURCE FILE: /media/Recorder/ZOOM0001.WAV",
        "",
        "004  A001     AA/V  C        10:00:04;03 10:00:15;06 01:00:09;04 01:00:20;07",
        "* FROM CLIP NAME:  A001 clip#1.MOV",
        "* SOURCE FILE: /media/Card A/DCIM/A001 clip#1.MOV",
    };
    CHECK(lines == expected);
}

TEST_CASE("a CMX3600 EDL at 25 fps reads exactly as the format lays it out", "[export]") {
    const auto lines = test::splitLines(writeEdl(test::sampleTimeline(TimecodeRate::Fps25)));
    REQUIRE(lines.size() == 21);
    CHECK(lines[1] == "FCM: NON-DROP FRAME");
    CHECK(lines[3] == "001  A001     AA/V  C        10:09:59:18 10:10:02:22 01:00:00:00 01:00:03:04");
    CHECK(lines[9] == "002  CARD_B_R B     C        00:50:59:22 00:51:04:22 01:00:03:04 01:00:08:04");
    CHECK(lines[14] == "003  ZOOM0001 AA    C        00:00:00:00 00:00:01:00 01:00:08:04 01:00:09:04");
    CHECK(lines[18] == "004  A001     AA/V  C        10:00:04:23 10:00:18:06 01:00:09:04 01:00:22:12");
}

TEST_CASE("EDL source and record timecodes match frame counts at every rate", "[export]") {
    for (const auto& rate_case : test::rateCases()) {
        INFO(rate_case.name);
        const auto timeline = test::sampleTimeline(rate_case.rate);
        const Expected e = expectedFor(rate_case.rate);
        const int n = e.nominal;
        const auto lines = test::splitLines(writeEdl(timeline));
        std::vector<std::string> events;
        for (const auto& line : lines) {
            if (!line.empty() && line[0] >= '0' && line[0] <= '9') events.push_back(line);
        }
        // In/out in source frames, lengths in record frames (equal here: one rate throughout).
        const int64_t in1 = int64_t(600) * n - 7, len1 = 3 * n + 4, in2 = int64_t(60) * n - 3, len2 = 5 * n;
        const int64_t len3 = n, in4 = 123, len4 = 333;
        const int64_t r2 = len1, r3 = r2 + len2, r4 = r3 + len3;
        const std::vector<std::string> expected = {
            fmt::format("001  A001     AA/V  C        {} {} {} {}", e.tc(e.camera_a + in1),
                        e.tc(e.camera_a + in1 + len1), e.tc(e.record_start), e.tc(e.record_start + len1)),
            fmt::format("002  CARD_B_R B     C        {} {} {} {}", e.tc(e.camera_b + in2),
                        e.tc(e.camera_b + in2 + len2), e.tc(e.record_start + r2), e.tc(e.record_start + r3)),
            fmt::format("003  ZOOM0001 AA    C        {} {} {} {}", e.tc(0), e.tc(len3), e.tc(e.record_start + r3),
                        e.tc(e.record_start + r4)),
            fmt::format("004  A001     AA/V  C        {} {} {} {}", e.tc(e.camera_a + in4),
                        e.tc(e.camera_a + in4 + len4), e.tc(e.record_start + r4), e.tc(e.record_start + r4 + len4)),
        };
        CHECK(events == expected);
        CHECK(lines[1] == (e.drop ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME"));
        // Field positions of CMX3600: reel at column 6, channels at 15, edit type at 21, source in at 30.
        for (const auto& event : events) {
            CHECK(event.size() == 76);
            CHECK(event.substr(20, 1) == "C");
            CHECK(event[29] >= '0');
        }
    }
}

TEST_CASE("published drop-frame labels come out of the EDL: frame 17982 is 00:10:00;00", "[export]") {
    CHECK(test::smpteLabel(17982, 30, true) == "00:10:00;00");
    CHECK(test::smpteLabel(1800, 30, true) == "00:01:00;02");
    CHECK(test::smpteLabel(107892, 30, true) == "01:00:00;00");
    CHECK(test::smpteLabel(215784, 60, true) == "01:00:00;00");
    Timeline timeline = test::sampleTimeline(TimecodeRate::Fps29_97DF);
    timeline.record_start = Timecode::fromFrames(0, TimecodeRate::Fps29_97DF);
    timeline.sources[0].start = Timecode::fromFrames(0, TimecodeRate::Fps29_97DF);
    timeline.clips[0].source_in = 1799;  // the last frame of minute 0, then 00:01:00;02
    timeline.clips[0].source_out = 17982;
    timeline.clips.resize(1);
    timeline.clips[0].record_out = 17982 - 1799;
    const auto lines = test::splitLines(writeEdl(timeline));
    CHECK(lines[3] == "001  A001     AA/V  C        00:00:59;29 00:10:00;00 00:00:00;00 00:08:59;29");
}

TEST_CASE("CMX reel names are 8 characters of A-Z 0-9 _ and unique within a list", "[export]") {
    Timeline timeline = test::sampleTimeline(TimecodeRate::Fps25);
    timeline.sources[0].reel = "a001c003_220101-r1ab";
    timeline.sources[1].reel = "A001C003";
    timeline.sources[2].reel = "Запись";  // nothing ASCII left
    SourceMedia fourth = timeline.sources[1];
    fourth.asset_id = "asset-d";
    fourth.reel = "a001c003";
    timeline.addSource(fourth);
    CHECK(cmxReelNames(timeline) == std::vector<std::string>{"A001C003", "A001C0_2", "SRC003", "A001C0_3"});
}

TEST_CASE("a source counted in the other mode gets its own FCM line before its event", "[export]") {
    Timeline timeline = test::sampleTimeline(TimecodeRate::Fps29_97DF);
    timeline.sources[1].start = Timecode::fromFrames(0, TimecodeRate::Fps29_97NDF);
    const auto lines = test::splitLines(writeEdl(timeline));
    CHECK(lines[9] == "FCM: NON-DROP FRAME");
    CHECK(lines[10].starts_with("002  CARD_B_R B     C        00:00:59:27 00:01:04:27 "));
    CHECK(lines[15] == "FCM: DROP FRAME");
    CHECK(lines[16].starts_with("003  "));
}

TEST_CASE("an EDL refuses what CMX3600 cannot hold: 1000 events, or a second frame rate", "[export]") {
    Timeline timeline = test::sampleTimeline(TimecodeRate::Fps25);
    const TimelineClip clip = timeline.clips[2];
    while (timeline.clips.size() < 1000) timeline.append(clip);
    CHECK_THROWS_AS(writeEdl(timeline), Error);
    timeline.clips.resize(999);
    CHECK_NOTHROW(writeEdl(timeline));

    Timeline mixed = test::sampleTimeline(TimecodeRate::Fps25);
    mixed.sources[1].frame_rate = Rational{30000, 1001};
    mixed.sources[1].start = Timecode::fromFrames(0, TimecodeRate::Fps29_97NDF);
    try {
        (void)writeEdl(mixed);
        FAIL("a 29.97 source on a 25 fps EDL must be refused");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK_THAT(error.reason(), Catch::Matchers::Contains("MVI_0002.MP4"));
    }
}
