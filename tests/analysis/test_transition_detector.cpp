// SPDX-License-Identifier: GPL-3.0-or-later
// Gradual transitions on clips made here with the ffmpeg CLI from sources the evaluation
// corpus does not use (sierpinski, gradients, testsrc, colour charts and spectra, bars):
// a held-out check that the detector was not fitted to the corpus alone.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/transition_detector.h"
#include "analysis/video_analysis.h"
#include "support/fixtures.h"

using namespace rushes;
using analysis::Transition;
using analysis::TransitionKind;

namespace {

constexpr int kFps = 25;
// Frame n at exactly n/25 s, one shared format (as tests/eval/generate_eval.py does).
const std::string kRetime = "settb=expr=1/25,setpts=N";

std::string normalised(const std::string& source, int frames) {
    return source + "," + kRetime + ",fps=25,setsar=1,format=yuv420p,trim=end_frame=" + std::to_string(frames);
}

// Encodes a filter graph to `name` in the fixture folder once (the name carries the recipe).
std::filesystem::path makeClip(const std::string& name, const std::string& graph) {
    const auto path = test::fixtureDir() / name;
    if (std::filesystem::exists(path)) return path;
    const std::string tmp = path.string() + ".partial.mp4";
    const std::string command = "ffmpeg -v error -y -filter_complex \"" + graph +
                                "\" -map \"[v]\" -c:v libx264 -threads 1 -g 50 -bf 3 -fflags +bitexact \"" + tmp + "\"";
    REQUIRE(std::system(command.c_str()) == 0);
    std::filesystem::rename(tmp, path);
    return path;
}

struct XfadeJoin {
    const char* transition;
    int frames;
    TransitionKind kind;
};

// Nine 70-frame shots joined by xfade; truth as in the corpus: offset frame o is still
// all outgoing, o+1 … o+n are the transition.
std::filesystem::path xfadeChain(std::vector<Transition>& truth) {
    const std::vector<std::string> sources = {
        "sierpinski=s=320x180:r=25:seed=2",  // both sources are random unless seeded
        "gradients=s=320x180:r=25:speed=0.03:seed=2",
        "testsrc=s=320x180:r=25",
        "colorchart=r=25,scale=320:180,scroll=h=0.003",
        "colorspectrum=s=320x180:r=25,scroll=v=0.004",
        "rgbtestsrc=s=320x180:r=25,hue=H=2*PI*t/6",
        "pal100bars=s=320x180:r=25",
        "sierpinski=s=320x180:r=25:type=triangle:seed=9",
        "testsrc=s=320x180:r=25,hflip,hue=s=0.5",
    };
    const std::vector<XfadeJoin> joins = {
        {"fade", 12, TransitionKind::Dissolve},      {"dissolve", 30, TransitionKind::Dissolve},
        {"wipeleft", 20, TransitionKind::Wipe},      {"fadeblack", 24, TransitionKind::Dissolve},
        {"wipeup", 16, TransitionKind::Wipe},        {"fadewhite", 36, TransitionKind::Dissolve},
        {"wiperight", 10, TransitionKind::Wipe},     {"wipedown", 24, TransitionKind::Wipe},
    };
    constexpr int kShot = 70;
    std::ostringstream graph;
    for (std::size_t i = 0; i < sources.size(); ++i) graph << normalised(sources[i], kShot) << "[s" << i << "];";
    std::string acc = "s0";
    int length = kShot;
    for (std::size_t j = 0; j < joins.size(); ++j) {
        const int offset = length - joins[j].frames;
        const std::string out = j + 1 == joins.size() ? "v" : "x" + std::to_string(j);
        graph << "[" << acc << "][s" << j + 1 << "]xfade=transition=" << joins[j].transition
              << ":duration=" << double(joins[j].frames) / kFps << ":offset=" << double(offset) / kFps << ","
              << kRetime << "[" << out << "]" << (out == "v" ? "" : ";");
        truth.push_back({joins[j].kind, offset + 1, offset + joins[j].frames});
        acc = out;
        length = offset + kShot;
    }
    return makeClip("analysis_gradual_xfades_v2.mp4", graph.str());
}

// Fade in from black, fade out to white, 1 s of white, fade in from white, fade out to
// black and a black tail: fade=…:s=S:n=N changes frames S+1 … S+N (in) and shows the
// colour from S+N (out).
std::filesystem::path fadeChain(std::vector<Transition>& truth) {
    const std::string graph =
        normalised("sierpinski=s=320x180:r=25:seed=2", 80) + ",fade=t=in:s=0:n=20,fade=t=out:s=64:n=15:c=white[a];" +
        normalised("color=white:s=320x180:r=25", 25) + "[w];" +
        normalised("testsrc=s=320x180:r=25", 90) + ",fade=t=in:s=0:n=18:c=white,fade=t=out:s=59:n=30[b];" +
        normalised("color=black:s=320x180:r=25", 20) + "[k];[a][w][b][k]concat=n=4:v=1:a=0," + kRetime + "[v]";
    truth = {{TransitionKind::FadeIn, 1, 20},
             {TransitionKind::FadeOut, 65, 79},
             {TransitionKind::FadeIn, 106, 123},
             {TransitionKind::FadeOut, 165, 194}};
    return makeClip("analysis_gradual_fades_v2.mp4", graph);
}

bool overlaps(const Transition& a, const Transition& b) {
    return a.start_frame <= b.end_frame && b.start_frame <= a.end_frame;
}

std::string describe(const std::vector<Transition>& list) {
    std::ostringstream out;
    for (const Transition& t : list) out << analysis::toString(t.kind) << " " << t.start_frame << "-" << t.end_frame << "; ";
    return out.str();
}

// Each labelled transition overlapped by exactly one detection of its kind, nothing else.
void requireFound(const std::vector<Transition>& truth, const std::vector<Transition>& found) {
    INFO("truth: " << describe(truth));
    INFO("found: " << describe(found));
    REQUIRE(found.size() == truth.size());
    for (const Transition& expected : truth) {
        int hits = 0;
        for (const Transition& t : found) hits += overlaps(expected, t) ? 1 : 0;
        INFO("labelled " << analysis::toString(expected.kind) << " " << expected.start_frame << "-" << expected.end_frame);
        CHECK(hits == 1);
    }
    for (std::size_t i = 0; i < truth.size(); ++i) CHECK(found[i].kind == truth[i].kind);
}

}  // namespace

TEST_CASE("dissolves, dips through black and white and wipes of several lengths are found within their frames",
          "[analysis]") {
    std::vector<Transition> truth;
    const analysis::VideoAnalysis video = analysis::analyzeVideo(xfadeChain(truth));
    requireFound(truth, video.transitions);
    // The cut detector fires on the sharp first step of some wipes: those cuts belong to the wipe.
    for (const std::int64_t cut : video.cuts) {
        for (const Transition& t : video.transitions) CHECK_FALSE((cut >= t.start_frame && cut <= t.end_frame));
    }
}

TEST_CASE("fades from and to black and white are fades, and a held colour between them is not a dip", "[analysis]") {
    std::vector<Transition> truth;
    const analysis::VideoAnalysis video = analysis::analyzeVideo(fadeChain(truth));
    requireFound(truth, video.transitions);
}

TEST_CASE("a static shot, slow pans, a whip pan and camera flashes have no gradual transition", "[analysis]") {
    // A large still (a Mandelbrot frame) under slow pans of 40 and 120 px/s, then a 6-frame
    // whip with horizontal blur; bars with a one- and a two-frame white flash.
    const std::string still = "mandelbrot=s=1280x720:r=25,trim=end_frame=1,loop=loop=-1:size=1";
    const std::string pan_x = "if(lt(n,100),n*1.6,if(lt(n,200),160+(n-100)*4.8,if(lt(n,206),640+(n-200)*60,1000)))";
    const std::string graph =
        normalised(still, 260) + ",crop=320:180:x='" + pan_x + "':y='n*0.8',avgblur=sizeX=24:sizeY=1:enable='between(n,200,205)'[p];" +
        normalised("smptehdbars=s=320x180:r=25", 100) + ",lutyuv=y=235:u=128:v=128:enable='eq(n,30)+between(n,70,71)'[f];" +
        "[p][f]concat=n=2:v=1:a=0," + kRetime + "[v]";
    const analysis::VideoAnalysis video = analysis::analyzeVideo(makeClip("analysis_gradual_negatives_v1.mp4", graph));
    INFO("found: " << describe(video.transitions));
    CHECK(video.transitions.empty());
    CHECK(video.cuts == std::vector<std::int64_t>{260});  // pan → bars is the one cut
}

TEST_CASE("a cut inside a gradual transition is dropped; shots split mid-dissolve and at a fade's solid edge",
          "[analysis]") {
    const std::vector<Transition> transitions = {{TransitionKind::Dissolve, 100, 120},
                                                 {TransitionKind::FadeOut, 200, 225},
                                                 {TransitionKind::FadeIn, 240, 260},
                                                 {TransitionKind::Wipe, 300, 311}};
    CHECK(analysis::cutsOutside({50, 99, 110, 121, 150, 226, 239, 330}, transitions) ==
          std::vector<std::int64_t>{50, 150, 330});
    const auto shots = analysis::shotsBetween({50, 150, 330}, transitions, 400);
    std::vector<std::int64_t> starts;
    for (const auto& shot : shots) starts.push_back(shot.start);
    CHECK(starts == std::vector<std::int64_t>{0, 50, 110, 150, 225, 240, 306, 330});
    CHECK(shots.back().end == 400);
}
