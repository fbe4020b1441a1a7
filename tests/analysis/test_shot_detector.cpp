// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "analysis/qc_detector.h"
#include "analysis/video_analysis.h"
#include "support/fixtures.h"

using namespace rushes;
using analysis::FrameFeatures;

namespace {

// A clip with known truth, made with the ffmpeg CLI: five shots of different
// content, a two-frame white flash inside the second, 2.5 s of black.
std::filesystem::path cutsClip() {
    const auto path = test::fixtureDir() / "analysis_cuts_flash_black.mp4";
    if (std::filesystem::exists(path)) return path;
    // Per process: CTest runs these cases in parallel, and each may find the clip missing; every writer
    // renames its own complete file into place, so a reader never sees half of one.
    const std::string tmp = path.string() + "." + std::to_string(::getpid()) + ".partial.mp4";
    const std::string command =
        "ffmpeg -v error -y -f lavfi -i testsrc2=s=320x180:r=25:d=3 "
        "-f lavfi -i \"mandelbrot=s=320x180:r=25,trim=duration=3,lutyuv=y=235:u=128:v=128:enable='between(n,30,31)'\" "
        "-f lavfi -i color=black:s=320x180:r=25:d=2.5 -f lavfi -i smptebars=s=320x180:r=25:d=3 "
        "-f lavfi -i cellauto=s=320x180:r=25:seed=7,trim=duration=3 -filter_complex "
        "\"[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[2:v]format=yuv420p[c];[3:v]format=yuv420p[d];"
        "[4:v]format=yuv420p[e];[a][b][c][d][e]concat=n=5:v=1[v]\" -map \"[v]\" -c:v libx264 -threads 1 -g 50 -bf 3 "
        "-fflags +bitexact \"" + tmp + "\"";
    REQUIRE(std::system(command.c_str()) == 0);
    std::filesystem::rename(tmp, path);
    return path;
}

std::vector<FrameFeatures> steadyShot(int frames, double luma = 100) {
    std::vector<FrameFeatures> out(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        out[static_cast<std::size_t>(i)].index = i;
        out[static_cast<std::size_t>(i)].luma_mean = luma;
        out[static_cast<std::size_t>(i)].content_delta = i == 0 ? 0 : 2.0;
        out[static_cast<std::size_t>(i)].delta_lag2 = out[static_cast<std::size_t>(i)].delta_lag3 =
            out[static_cast<std::size_t>(i)].delta_lag4 = 3.0;
    }
    return out;
}

}  // namespace

TEST_CASE("hard cuts are found on the exact frame and a flash is not a cut", "[analysis]") {
    const analysis::VideoAnalysis video = analysis::analyzeVideo(cutsClip());
    CHECK(video.frames == 363);
    CHECK(video.cuts == std::vector<std::int64_t>{75, 150, 213, 288});
    CHECK(video.flashes == std::vector<std::int64_t>{105});
    REQUIRE(video.black.size() == 1);
    CHECK(video.black[0].start == 150);
    CHECK(video.black[0].end == 213);
}

TEST_CASE("the same input gives the same analysis", "[analysis]") {
    const analysis::VideoAnalysis a = analysis::analyzeVideo(cutsClip());
    const analysis::VideoAnalysis b = analysis::analyzeVideo(cutsClip());
    CHECK(a.cuts == b.cuts);
    REQUIRE(a.features.size() == b.features.size());
    for (std::size_t i = 0; i < a.features.size(); ++i) REQUIRE(a.features[i].content_delta == b.features[i].content_delta);
}

TEST_CASE("a still test pattern has no cuts and is reported frozen, not black", "[analysis]") {
    const analysis::VideoAnalysis video = analysis::analyzeVideo(test::fixturePath("h264_longgop.mp4"));
    CHECK(video.cuts.empty());
    CHECK(video.black.empty());
}

TEST_CASE("flash filter: one to three bright frames that return are not cuts", "[analysis]") {
    for (int length = 1; length <= 3; ++length) {
        auto frames = steadyShot(60);
        for (int i = 30; i < 30 + length; ++i) {
            auto& flash = frames[static_cast<std::size_t>(i)];
            flash.luma_mean = 230;
            flash.content_delta = i == 30 ? 80 : 3;
            flash.delta_lag2 = flash.delta_lag3 = flash.delta_lag4 = 80;  // far from the picture before
        }
        auto& back = frames[static_cast<std::size_t>(30 + length)];
        back.content_delta = 80;  // the jump back down looks like a cut on its own
        (length == 1 ? back.delta_lag2 : length == 2 ? back.delta_lag3 : back.delta_lag4) = 2.0;
        INFO("flash of " << length << " frames");
        CHECK(analysis::detectCuts(frames).empty());
        CHECK(analysis::detectFlashes(frames) == std::vector<std::int64_t>{30});
    }
}

TEST_CASE("a bright new shot that does not return is a cut", "[analysis]") {
    auto frames = steadyShot(60);
    for (int i = 30; i < 60; ++i) frames[static_cast<std::size_t>(i)].luma_mean = 230;
    frames[30].content_delta = 80;
    for (int i = 30; i < 34; ++i) {
        frames[static_cast<std::size_t>(i)].delta_lag2 = frames[static_cast<std::size_t>(i)].delta_lag3 =
            frames[static_cast<std::size_t>(i)].delta_lag4 = 80;  // never comes back
    }
    CHECK(analysis::detectCuts(frames) == std::vector<std::int64_t>{30});
}

TEST_CASE("cuts closer than the minimum shot length keep the first", "[analysis]") {
    auto frames = steadyShot(60);
    frames[20].content_delta = 60;
    frames[26].content_delta = 60;  // 6 frames later: shorter than 15
    frames[45].content_delta = 60;
    CHECK(analysis::detectCuts(frames) == std::vector<std::int64_t>{20, 45});
}

TEST_CASE("a frozen picture stays one freeze across a keyframe re-encode", "[analysis]") {
    std::vector<FrameFeatures> frames(160);
    for (int i = 0; i < 160; ++i) {
        frames[static_cast<std::size_t>(i)].index = i;
        frames[static_cast<std::size_t>(i)].still_delta = i < 20 ? 5.0 : 0.1;  // moving, then frozen from 19
    }
    frames[80].still_delta = 1.4;  // the keyframe's −45 dB step
    auto runs = analysis::detectFreezes(frames, 25.0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].start == 19);
    CHECK(runs[0].end == 160);
    // A real change of picture still ends it: two freezes, the second anchored on the new picture.
    frames[80].still_delta = 12.0;
    runs = analysis::detectFreezes(frames, 25.0);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].end == 80);
    CHECK(runs[1].start == 80);
}
