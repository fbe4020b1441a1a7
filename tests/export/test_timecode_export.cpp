// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cstdlib>

#include "export/clip_export.h"
#include "export/export_check.h"
#include "media/probe.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipSource;
using exporting::ExportMode;

namespace {

// A short H.264 clip whose QuickTime tmcd track starts at `start`, made with the ffmpeg CLI.
std::filesystem::path clipWithTimecode(const test::ScratchDir& dir, const std::string& rate, const std::string& start,
                                       const std::string& name) {
    const std::filesystem::path path = dir / name;
    const std::string command = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=s=320x180:r=" + rate +
                                " -frames:v 40 -c:v libx264 -preset veryfast -g 30 -bf 3 -threads 1 -timecode '" +
                                start + "' '" + path.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return path;
}

std::string startTimecodeOf(const std::filesystem::path& file) {
    const media::ProbeResult probe = media::probe(file);
    return probe.timecode ? probe.timecode->value : "";
}

exporting::ExportReport run(const ClipSource& source, std::int64_t in, std::int64_t out, ExportMode mode,
                            const std::filesystem::path& output) {
    exporting::ExportOptions options;
    options.output = output;
    return exporting::exportClip(source, exporting::clipOfFrames(source, in, out), mode, options);
}

}  // namespace

TEST_CASE("the output starts at the source timecode of the in point in every mode", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("tc_10h.mov"));  // 10:00:00:00, 25 fps, GOP 25
    test::ScratchDir dir;
    for (const ExportMode mode : {ExportMode::Smart, ExportMode::Encode}) {
        const auto output = dir / (std::string(toString(mode)) + ".mov");
        const auto report = run(source, 30, 45, mode, output);
        CHECK(report.start_timecode_written);
        CHECK(report.in_timecode.toString() == "10:00:01:05");
        CHECK(report.out_timecode.toString() == "10:00:01:20");
        CHECK(startTimecodeOf(output) == "10:00:01:05");
    }
    // Copy starts at the keyframe (frame 25), and so does its timecode.
    const auto copy = run(source, 30, 45, ExportMode::Copy, dir / "copy.mov");
    CHECK(copy.in_timecode.toString() == "10:00:01:00");
    CHECK(startTimecodeOf(dir / "copy.mov") == "10:00:01:00");
}

TEST_CASE("drop-frame timecode skips the right labels at a minute boundary, at 29.97 and 59.94", "[export]") {
    test::ScratchDir dir;
    // 29.97 DF: after 00:00:59;29 comes 00:01:00;02 (;00 and ;01 are not used in minute 1).
    const ClipSource ntsc = ClipSource::open(clipWithTimecode(dir, "30000/1001", "00:00:59;28", "df2997.mov"));
    for (const char* name : {"df2997_out.mov", "df2997_out.mkv"}) {
        const auto report = run(ntsc, 2, 33, ExportMode::Smart, dir / name);
        CHECK(report.in_timecode.toString() == "00:01:00;02");
        CHECK(startTimecodeOf(dir / name) == "00:01:00;02");
    }
    const auto later = run(ntsc, 5, 33, ExportMode::Encode, dir / "df2997_later.mov");
    CHECK(startTimecodeOf(dir / "df2997_later.mov") == "00:01:00;05");
    CHECK(later.out_timecode.toString() == "00:01:01;03");  // 33 frames after ;28 of second 59

    // 59.94 DF: four labels skipped, 00:00:59;59 is followed by 00:01:00;04.
    const ClipSource fast = ClipSource::open(clipWithTimecode(dir, "60000/1001", "00:00:59;56", "df5994.mov"));
    const auto report = run(fast, 4, 30, ExportMode::Smart, dir / "df5994_out.mov");
    CHECK(report.in_timecode.toString() == "00:01:00;04");
    CHECK(startTimecodeOf(dir / "df5994_out.mov") == "00:01:00;04");
}

TEST_CASE("a source without timecode gives an output without one", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto report = run(source, 10, 20, ExportMode::Smart, dir / "plain.mp4");
    CHECK_FALSE(report.start_timecode_written);
    CHECK(startTimecodeOf(dir / "plain.mp4").empty());
}
