// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>

#include "export/copy_export.h"
#include "export/export_check.h"
#include "media/probe.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipSource;

namespace {

exporting::ExportReport copy(const ClipSource& source, std::int64_t in, std::int64_t out,
                             const std::filesystem::path& output) {
    exporting::ExportOptions options;
    options.output = output;
    return exporting::exportCopy(source, exporting::clipOfFrames(source, in, out), options);
}

// Every decoded frame is the source frame it claims to be, each once, in order.
void requireExactFrames(const std::filesystem::path& output, const ClipSource& source, std::int64_t in,
                        std::int64_t out) {
    const test::ClipComparison comparison = test::compareWithSource(output, source.path(), in, out);
    REQUIRE(comparison.output_frames == out - in);
    for (std::size_t i = 0; i < comparison.frames.size(); ++i) {
        INFO("output frame " << i << " = source frame " << in + static_cast<std::int64_t>(i));
        CHECK(comparison.frames[i].identical);
        if (i > 0) CHECK(comparison.frames[i].pts > comparison.frames[i - 1].pts);
    }
}

}  // namespace

TEST_CASE("copy starts at the keyframe at or before in and reports the actual in", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));  // keyframes every 50
    test::ScratchDir dir;
    const auto report = copy(source, 60, 100, dir / "copy.mp4");
    CHECK(report.requested_in_frame == 60);
    CHECK(report.in_frame == 50);
    CHECK(report.in_timecode.toString() == "00:00:02:00");
    CHECK(report.out_frame >= 100);
    CHECK(report.out_frame <= 104);  // at most the B-frames of one mini-GOP past out
    CHECK(report.copied_frames == report.out_frame - report.in_frame);
    CHECK(std::any_of(report.notes.begin(), report.notes.end(), [](const std::string& note) {
        return note.find("starts 10 frames early") != std::string::npos;
    }));
    requireExactFrames(dir / "copy.mp4", source, report.in_frame, report.out_frame);
}

TEST_CASE("copy of a range that starts on a keyframe starts exactly there", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto report = copy(source, 100, 150, dir / "copy.mp4");
    CHECK(report.in_frame == 100);
    CHECK(report.out_frame == 150);  // the next keyframe: a closed GOP ends exactly there
    CHECK(report.notes.empty());
    requireExactFrames(dir / "copy.mp4", source, 100, 150);
}

TEST_CASE("copy keeps audio for the picture range and decode times increase without gaps", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto report = copy(source, 50, 150, dir / "copy.mp4");
    const auto streams = test::readPackets(dir / "copy.mp4");
    const auto video =
        std::find_if(streams.begin(), streams.end(), [](const auto& s) { return s.type == AVMEDIA_TYPE_VIDEO; });
    REQUIRE(video != streams.end());
    REQUIRE(video->dts.size() == 100);
    std::vector<std::int64_t> pts = video->pts;
    std::sort(pts.begin(), pts.end());
    const std::int64_t step = pts[1] - pts[0];
    for (std::size_t i = 1; i < pts.size(); ++i) {
        CHECK(pts[i] - pts[i - 1] == step);
        CHECK(video->dts[i] - video->dts[i - 1] == step);
        CHECK(video->dts[i] <= video->pts[i]);
    }
    // 4 s of 48 kHz AAC: the packets overlapping the picture, so at most one packet more at each end.
    const std::int64_t samples = test::decodedAudioSamples(dir / "copy.mp4");
    CHECK(samples >= 4 * 48000);
    CHECK(samples <= 4 * 48000 + 2 * 1024);
    (void)report;
}

TEST_CASE("copy of an open-GOP stream leaves out the leading pictures that need the previous GOP", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_opengop.mkv"));  // keyframes every 24
    test::ScratchDir dir;
    const auto report = copy(source, 30, 60, dir / "copy.mkv");
    CHECK(report.in_frame == 24);
    CHECK(report.out_frame >= 60);
    requireExactFrames(dir / "copy.mkv", source, report.in_frame, report.out_frame);
}

TEST_CASE("copy keeps rotation, camera metadata and shifts the start timecode to the actual in", "[export]") {
    test::ScratchDir dir;
    {
        const ClipSource phone = ClipSource::open(test::fixturePath("rotated_phone.mp4"));
        (void)copy(phone, 31, 45, dir / "phone.mp4");
        const media::ProbeResult probe = media::probe(dir / "phone.mp4");
        REQUIRE(probe.mainVideo());
        CHECK(probe.mainVideo()->video->rotation_deg == 90);
        REQUIRE(probe.camera.count("com.apple.quicktime.model"));
        CHECK(probe.camera.at("com.apple.quicktime.model") == "iPhone 15 Pro");
    }
    {
        const ClipSource df = ClipSource::open(test::fixturePath("tc_2997df.mov"));  // 00:59:59;28, GOP 30
        const auto report = copy(df, 35, 50, dir / "df.mov");
        CHECK(report.in_frame == 30);
        CHECK(report.in_timecode.toString() == "01:00:00;28");
        CHECK(report.start_timecode_written);
        const media::ProbeResult probe = media::probe(dir / "df.mov");
        REQUIRE(probe.timecode);
        CHECK(probe.timecode->value == "01:00:00;28");
        CHECK(probe.timecode->source == "tmcd");
    }
}

TEST_CASE("copy to the end of the clip takes the last frame", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto report = copy(source, 210, 250, dir / "end.mp4");
    CHECK(report.in_frame == 200);
    CHECK(report.out_frame == 250);
    requireExactFrames(dir / "end.mp4", source, 200, 250);
}
