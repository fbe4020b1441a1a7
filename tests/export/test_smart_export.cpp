// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "export/export_check.h"
#include "export/smart_export.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipSource;

namespace {

struct SmartResult {
    exporting::ExportReport report;
    test::ClipComparison comparison;
};

SmartResult smartCut(const ClipSource& source, std::int64_t in, std::int64_t out, const std::filesystem::path& output) {
    exporting::ExportOptions options;
    options.output = output;
    SmartResult result;
    result.report = exporting::exportSmart(source, exporting::clipOfFrames(source, in, out), options);
    result.comparison = test::compareWithSource(output, source.path(), in, out);
    return result;
}

// The invariant of a smart cut: every frame from in to out exactly once, in order, nothing else; copied
// frames bit-identical to the source, re-encoded ones at least 40 dB PSNR against their own source frame.
void requireFrameAccurate(const SmartResult& result, std::int64_t in, std::int64_t out) {
    const auto& frames = result.comparison.frames;
    REQUIRE(result.comparison.output_frames == out - in);
    REQUIRE(static_cast<std::int64_t>(frames.size()) == out - in);
    std::int64_t identical = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        INFO("output frame " << i << " = source frame " << in + static_cast<std::int64_t>(i) << ", PSNR "
                             << frames[i].psnr_db);
        CHECK(frames[i].psnr_db >= 40.0);
        if (i > 0) CHECK(frames[i].pts > frames[i - 1].pts);
        if (frames[i].identical) ++identical;
    }
    // The copied middle is bit-exact; a re-encode is practically never bit-identical to its source.
    CHECK(identical >= result.report.copied_frames);
    CHECK(result.report.copied_frames + result.report.encoded_frames == out - in);
}

// The copied frames are exactly the middle span: check them by position.
void requireCopiedSpanIdentical(const SmartResult& result, std::int64_t in, std::int64_t copy_first,
                                std::int64_t copy_end) {
    for (std::int64_t frame = copy_first; frame < copy_end; ++frame) {
        INFO("source frame " << frame);
        CHECK(result.comparison.frames.at(static_cast<std::size_t>(frame - in)).identical);
    }
}

// Packet times step by one frame, decode times too where the container stores them (Matroska does not), and
// no packet is decoded after it is shown. Times are the source's own, so a source that rounds them (Matroska
// keeps milliseconds: 23.976 fps steps 41/42 ms) may differ from the exact grid by one source tick.
void requireGaplessTimestamps(const std::filesystem::path& output, std::int64_t frames, const ClipSource& source) {
    const Rational frame_rate = source.frameRate();
    const auto streams = test::readPackets(output);
    const auto video =
        std::find_if(streams.begin(), streams.end(), [](const auto& s) { return s.type == AVMEDIA_TYPE_VIDEO; });
    REQUIRE(video != streams.end());
    REQUIRE(static_cast<std::int64_t>(video->pts.size()) == frames);
    const Rational step = frame_rate.inverse() / video->time_base;  // ticks per frame, exact
    const double tolerance = std::max(1.0, (source.timeBase() / video->time_base).toDouble());
    std::vector<std::int64_t> pts = video->pts;
    std::sort(pts.begin(), pts.end());
    const bool stores_dts =
        std::none_of(video->dts.begin(), video->dts.end(), [](std::int64_t dts) { return dts == AV_NOPTS_VALUE; });
    for (std::size_t i = 1; i < pts.size(); ++i) {
        INFO("packet " << i);
        const Rational expected = Rational::make(pts[0], 1) + step * Rational::make(static_cast<std::int64_t>(i), 1);
        CHECK(std::abs((Rational::make(pts[i], 1) - expected).toDouble()) <= tolerance);
        if (!stores_dts) continue;
        CHECK(std::abs((Rational::make(video->dts[i] - video->dts[i - 1], 1) - step).toDouble()) <= 2 * tolerance);
        CHECK(video->dts[i] <= video->pts[i]);
    }
}

}  // namespace

TEST_CASE("smart cut keeps every source frame between in and out", "[export]") {
    // Long GOP (50), closed, three B-frames; keyframes at 0, 50, 100, 150, 200.
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    struct Case {
        const char* what;
        std::int64_t in, out;
    };
    for (const Case& c : {Case{"starting on a keyframe", 50, 120}, Case{"one frame after a keyframe", 51, 120},
                          Case{"one frame before a keyframe", 49, 120}, Case{"inside one GOP", 60, 90},
                          Case{"ending on the last frame", 130, 250}, Case{"keyframe to keyframe", 50, 150},
                          Case{"across three GOPs", 37, 163}}) {
        SECTION(c.what) {
            const auto output = dir / "smart.mp4";
            const SmartResult result = smartCut(source, c.in, c.out, output);
            CAPTURE(c.in, c.out, result.report.copied_frames, result.report.encoded_frames);
            requireFrameAccurate(result, c.in, c.out);
            requireGaplessTimestamps(output, c.out - c.in, source);
        }
    }
}

TEST_CASE("smart cut stream-copies the whole GOPs between the edges", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const SmartResult result = smartCut(source, 37, 163, dir / "smart.mp4");
    // Copied: from keyframe 50 up to the last decode-order prefix before 163 whose frames are contiguous.
    CHECK(result.report.copied_frames >= 100);
    CHECK(result.report.encoded_frames == 126 - result.report.copied_frames);
    requireCopiedSpanIdentical(result, 37, 50, 150);
    requireFrameAccurate(result, 37, 163);
}

TEST_CASE("smart cut is frame-accurate on open-GOP H.264", "[export]") {
    // Open GOP every 24 frames: the leading B-frames after each keyframe reference the GOP before.
    const ClipSource source = ClipSource::open(test::fixturePath("h264_opengop.mkv"));
    test::ScratchDir dir;
    struct Case {
        const char* what;
        std::int64_t in, out;
    };
    for (const Case& c :
         {Case{"starting on a keyframe", 24, 70}, Case{"one frame after", 25, 70}, Case{"one frame before", 23, 70},
          Case{"inside one GOP", 50, 60}, Case{"ending on the last frame", 30, 120}, Case{"across GOPs", 10, 100}}) {
        SECTION(c.what) {
            const auto output = dir / "smart.mkv";
            const SmartResult result = smartCut(source, c.in, c.out, output);
            CAPTURE(c.in, c.out, result.report.copied_frames, result.report.encoded_frames);
            requireFrameAccurate(result, c.in, c.out);
            requireGaplessTimestamps(output, c.out - c.in, source);
        }
    }
}

TEST_CASE("smart cut is frame-accurate on open-GOP HEVC, re-encoding the edges with libx265", "[export]") {
    // CRA keyframes at 0 and 30, four B-frames; the CRA becomes a broken-link picture after a re-encoded head.
    const ClipSource source = ClipSource::open(test::fixturePath("hevc.mp4"));
    test::ScratchDir dir;
    struct Case {
        const char* what;
        std::int64_t in, out;
    };
    for (const Case& c : {Case{"across the keyframe", 5, 50}, Case{"one frame before the keyframe", 29, 45},
                          Case{"starting on the keyframe", 30, 47}, Case{"inside one GOP", 31, 59},
                          Case{"ending on the last frame", 12, 60}}) {
        SECTION(c.what) {
            const auto output = dir / "smart.mp4";
            const SmartResult result = smartCut(source, c.in, c.out, output);
            CAPTURE(c.in, c.out, result.report.copied_frames, result.report.encoded_frames);
            requireFrameAccurate(result, c.in, c.out);
            requireGaplessTimestamps(output, c.out - c.in, source);
        }
    }
}

TEST_CASE("smart cut of open-GOP H.264 into MP4 keeps decode times gapless", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_opengop.mkv"));
    test::ScratchDir dir;
    const SmartResult result = smartCut(source, 23, 70, dir / "smart.mp4");
    requireFrameAccurate(result, 23, 70);
    requireGaplessTimestamps(dir / "smart.mp4", 70 - 23, source);
}

TEST_CASE("smart cut audio lasts as long as the picture, to within one audio frame", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const SmartResult result = smartCut(source, 37, 163, dir / "smart.mp4");
    const std::int64_t expected = (163 - 37) * 48000 / 25;
    CHECK(result.report.audio_samples == expected);
    const std::int64_t decoded = test::decodedAudioSamples(dir / "smart.mp4");
    CHECK(std::llabs(decoded - expected) <= 1024);
}
