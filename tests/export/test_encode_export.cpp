// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>

#include "base/error.h"
#include "export/clip_export.h"
#include "export/encode_export.h"
#include "export/export_check.h"
#include "media/probe.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipSource;

namespace {

exporting::ExportReport encode(const ClipSource& source, std::int64_t in, std::int64_t out, const std::string& preset,
                               const std::filesystem::path& output,
                               exporting::AudioChoice audio = exporting::AudioChoice::Preset) {
    exporting::ExportOptions options;
    options.output = output;
    options.audio = audio;
    return exporting::exportEncode(source, exporting::clipOfFrames(source, in, out),
                                   exporting::findEncodePreset(preset), options);
}

double worstPsnr(const test::ClipComparison& comparison) {
    double worst = std::numeric_limits<double>::infinity();
    for (const auto& frame : comparison.frames) worst = std::min(worst, frame.psnr_db);
    return worst;
}

}  // namespace

TEST_CASE("encode presets keep every frame from in to out, each matching its source frame", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    struct Case {
        const char* preset;
        const char* file;
        const char* codec;
        const char* pixel_format;
        double min_psnr_db;  // luma only where the pixel format changes
    };
    for (const Case& c : {Case{"h264-master", "master.mp4", "h264", "yuv420p", 40.0},
                          Case{"h264-proxy", "proxy.mp4", "h264", "yuv420p", 35.0},
                          Case{"prores-422", "prores.mov", "prores", "yuv422p10le", 40.0},
                          Case{"dnxhr-hq", "dnxhr.mov", "dnxhd", "yuv422p", 40.0}}) {
        SECTION(c.preset) {
            const auto report = encode(source, 37, 87, c.preset, dir / c.file);
            CHECK(report.mode == exporting::ExportMode::Encode);
            CHECK(report.encoded_frames == 50);
            const auto comparison = test::compareWithSource(dir / c.file, source.path(), 37, 87);
            REQUIRE(comparison.output_frames == 50);
            CHECK(worstPsnr(comparison) >= c.min_psnr_db);
            const media::ProbeResult probe = media::probe(dir / c.file);
            REQUIRE(probe.mainVideo());
            CHECK(probe.mainVideo()->codec == c.codec);
            CHECK(probe.mainVideo()->video->pixel_format == c.pixel_format);
            REQUIRE(probe.mainAudio());
            // AAC for the H.264 presets; PCM for the others, 24-bit because AAC decodes to float.
            CHECK(probe.mainAudio()->codec == (std::string(c.preset).starts_with("h264") ? "aac" : "pcm_s24le"));
            const std::int64_t samples = test::decodedAudioSamples(dir / c.file);
            CHECK(std::llabs(samples - 50 * 48000 / 25) <= 1024);
        }
    }
}

TEST_CASE("the proxy preset scales tall pictures down to 540 lines, keeping the aspect", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("mpeg2.mxf"));  // 720x576
    test::ScratchDir dir;
    const auto report = encode(source, 3, 40, "h264-proxy", dir / "proxy.mp4");
    const media::ProbeResult probe = media::probe(dir / "proxy.mp4");
    REQUIRE(probe.mainVideo());
    CHECK(probe.mainVideo()->video->height == 540);
    CHECK(probe.mainVideo()->video->width == 674);  // 720 * 540 / 576 = 675, made even
    CHECK(test::compareWithSource(dir / "proxy.mp4", source.path(), 3, 40).output_frames == 37);
    (void)report;
}

TEST_CASE("PCM audio is exact to the sample and AAC or PCM can be chosen over the preset", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("prores.mov"));  // 5.1 PCM s24le, 23.976
    test::ScratchDir dir;
    const auto report = encode(source, 5, 29, "dnxhr-hq", dir / "dnx.mov");
    // 24 frames at 24000/1001 = 1.001 s = 48048 samples, exactly.
    CHECK(report.audio_samples == 48048);
    CHECK(test::decodedAudioSamples(dir / "dnx.mov") == 48048);
    const auto aac = encode(source, 5, 29, "dnxhr-hq", dir / "dnx_aac.mov", exporting::AudioChoice::Aac);
    CHECK(media::probe(dir / "dnx_aac.mov").mainAudio()->codec == "aac");
    (void)aac;
}

TEST_CASE("a container that cannot hold the preset's codecs is an error naming the file", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    CHECK_THROWS_WITH(encode(source, 0, 10, "prores-422", dir / "prores.mp4"),
                      Catch::Contains("prores.mp4") && Catch::Contains("cannot hold"));
    CHECK_FALSE(std::filesystem::exists(dir / "prores.mp4"));
    CHECK(std::filesystem::is_empty(dir.path()));  // no partial file left behind either
}

TEST_CASE("encode keeps variable frame timing", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("vfr.mkv"));
    test::ScratchDir dir;
    (void)encode(source, 3, 30, "h264-master", dir / "vfr.mkv");
    const auto streams = test::readPackets(dir / "vfr.mkv");
    std::vector<std::int64_t> pts = streams.at(0).pts;
    std::sort(pts.begin(), pts.end());
    REQUIRE(pts.size() == 27);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        // Output time = source time - in, both in milliseconds (Matroska).
        CHECK(pts[i] == source.index().ptsOf(3 + static_cast<std::int64_t>(i)) - source.index().ptsOf(3));
    }
}

TEST_CASE("smart mode falls back to encode when the codec's edges cannot be re-encoded, and says so", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("mpeg2.mxf"));  // MPEG-2, GOP 10
    test::ScratchDir dir;
    exporting::ExportOptions options;
    options.output = dir / "fallback.mov";
    const auto report =
        exporting::exportClip(source, exporting::clipOfFrames(source, 5, 27), exporting::ExportMode::Smart, options);
    CHECK(report.requested_mode == exporting::ExportMode::Smart);
    CHECK(report.mode == exporting::ExportMode::Encode);
    REQUIRE_FALSE(report.notes.empty());
    CHECK(report.notes.front().find("smart cut not possible") != std::string::npos);
    CHECK(report.notes.front().find("mpeg2video") != std::string::npos);
    CHECK(test::compareWithSource(dir / "fallback.mov", source.path(), 5, 27).output_frames == 22);
}

TEST_CASE("smart mode copies an intra-only source whole, whatever its codec", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("prores.mov"));  // every frame a keyframe
    test::ScratchDir dir;
    exporting::ExportOptions options;
    options.output = dir / "prores.mov";
    const auto report =
        exporting::exportClip(source, exporting::clipOfFrames(source, 7, 31), exporting::ExportMode::Smart, options);
    CHECK(report.mode == exporting::ExportMode::Smart);
    CHECK(report.copied_frames == 24);
    CHECK(report.encoded_frames == 0);
    const auto comparison = test::compareWithSource(dir / "prores.mov", source.path(), 7, 31);
    REQUIRE(comparison.output_frames == 24);
    for (const auto& frame : comparison.frames) CHECK(frame.identical);
}
