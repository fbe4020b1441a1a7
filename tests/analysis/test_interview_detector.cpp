// SPDX-License-Identifier: GPL-3.0-or-later
// The interview rule on made-up measurements: one behaviour per case, each
// near miss of the evaluation corpus made long enough that only the rule
// under test can reject it.
#include <catch2/catch.hpp>

#include "analysis/analysis_json.h"
#include "analysis/interview_detector.h"
#include "base/error.h"

using namespace rushes;
using analysis::FaceBox;
using analysis::FaceSample;
using analysis::InterviewRule;

namespace {

constexpr std::int64_t kFps = 25;
const FaceBox kSpeaker{0.35, 0.28, 0.37, 0.66};

// A clip of `seconds` at 25 fps, sampled twice a second, calm, silent and faceless.
struct Scene {
    std::int64_t frames;
    std::vector<std::int64_t> cuts;
    std::vector<FaceSample> faces;
    std::vector<analysis::FrameFeatures> features;
    std::vector<double> voiced;
    std::vector<double> crowd;

    explicit Scene(int seconds)
        : frames(seconds * kFps),
          features(static_cast<std::size_t>(frames)),
          voiced(static_cast<std::size_t>(seconds), 0.0),
          crowd(static_cast<std::size_t>(seconds), 0.0) {
        for (std::int64_t f = 0; f < frames; ++f) {
            features[static_cast<std::size_t>(f)].index = f;
            features[static_cast<std::size_t>(f)].motion = 0.3;
        }
        for (std::int64_t f = 0; f < frames; f += 25) {
            faces.push_back({f, {}});
            faces.push_back({f + 13, {}});
        }
    }
    void face(double from_s, double to_s, FaceBox box = kSpeaker) {
        for (auto& sample : faces) {
            const double t = static_cast<double>(sample.frame) / kFps;
            if (t >= from_s && t < to_s) sample.faces.push_back(box);
        }
    }
    void speech(int from_s, int to_s, double fraction = 0.4) {
        for (int s = from_s; s < to_s; ++s) voiced[static_cast<std::size_t>(s)] = fraction;
    }
    void motion(double from_s, double to_s, double value) {
        for (auto& f : features) {
            const double t = static_cast<double>(f.index) / kFps;
            if (t >= from_s && t < to_s) f.motion = value;
        }
    }
    [[nodiscard]] analysis::InterviewInputs inputs() const {
        return {Rational{kFps, 1}, frames, cuts, faces, features, voiced, crowd};
    }
};

}  // namespace

TEST_CASE("a steady face over calm speech in a still shot is an interview bounded by its cuts", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    scene.speech(11, 19);
    const auto interviews = analysis::detectInterviews(scene.inputs());
    REQUIRE(interviews.size() == 1);
    CHECK(interviews[0].start_frame == 250);
    CHECK(interviews[0].end_frame == 500);
    CHECK(interviews[0].score > 0.5);
    CHECK(interviews[0].score <= 1.0);
}

TEST_CASE("a steadier, more talkative, calmer interview scores higher", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(0, 30);
    scene.speech(0, 10);   // the first: speech throughout, still
    scene.speech(10, 17);  // the second: speech for 70 %, a hand-held camera
    scene.motion(10, 20, 3.5);
    const auto interviews = analysis::detectInterviews(scene.inputs());
    REQUIRE(interviews.size() == 2);
    CHECK(interviews[0].start_frame == 0);
    CHECK(interviews[1].start_frame == 250);
    CHECK(interviews[0].score > interviews[1].score);
    CHECK(interviews[1].score > 0.5);
}

TEST_CASE("a calm voice-over on a shot without a face is not an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.speech(10, 20);
    CHECK(analysis::detectInterviews(scene.inputs()).empty());
    CHECK(analysis::interviewCandidates(scene.inputs()).empty());
}

TEST_CASE("a talking face without speech is not an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    scene.motion(10, 20, 2.5);  // lips and heads move
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].failed == std::vector<InterviewRule>{InterviewRule::Speech});
    CHECK(candidates[0].interview.score == 0.0);
    CHECK(analysis::detectInterviews(scene.inputs()).empty());
}

TEST_CASE("a face under a crowd roar with excited speech is not an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    scene.speech(10, 20, 0.5);  // the commentator shouts: plenty of voiced frames
    for (int s = 11; s < 19; ++s) scene.crowd[static_cast<std::size_t>(s)] = 0.6;
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].failed == std::vector<InterviewRule>{InterviewRule::Crowd});
    CHECK(candidates[0].crowd == Approx(0.48));
}

TEST_CASE("a face with speech in a busy, moving shot is not an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    scene.speech(10, 20);
    scene.motion(10, 20, 9.0);
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].failed == std::vector<InterviewRule>{InterviewRule::Motion});
}

TEST_CASE("a face over a voice-over for less than the minimum is a cutaway, not an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 300};  // two seconds
    scene.face(10, 12);
    scene.speech(8, 14);
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].failed == std::vector<InterviewRule>{InterviewRule::Duration});
}

TEST_CASE("faces that come and go in different places are not a steady face", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    // Every other sample a face, each time somewhere else.
    for (auto& sample : scene.faces) {
        if (sample.frame >= 250 && sample.frame < 500 && sample.frame % 2 == 0) {
            const double x = 0.05 + 0.1 * static_cast<double>(sample.frame % 7);
            sample.faces.push_back({x, 0.2, 0.12, 0.2});
        }
    }
    scene.speech(10, 20);
    CHECK(analysis::detectInterviews(scene.inputs()).empty());
}

TEST_CASE("pauses between sentences and a few missed samples do not break an interview", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    // The cascade misses the turned head in three samples in a row.
    for (auto& sample : scene.faces) {
        if (sample.frame >= 350 && sample.frame < 388) sample.faces.clear();
    }
    scene.speech(10, 20);
    scene.voiced[14] = 0.0;  // a breath between two answers
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].accepted());
    CHECK(candidates[0].speech_share == Approx(1.0));
    CHECK(candidates[0].face_share == Approx(17.0 / 20.0));
}

TEST_CASE("an interview that dissolves in starts where its face appears, not at the cut before", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250};  // a hard cut at 10 s, then a dissolve at 14 s into the interview
    scene.face(14.5, 30);
    scene.speech(15, 30);
    const auto interviews = analysis::detectInterviews(scene.inputs());
    REQUIRE(interviews.size() == 1);
    // Half-way between the last sample without the face (14.0 s) and the first with it (14.52 s).
    CHECK(interviews[0].start_frame == 357);
    CHECK(interviews[0].end_frame == 750);
}

TEST_CASE("the steadiest face decides, a second passer-by does not", "[analysis]") {
    Scene scene(30);
    scene.cuts = {250, 500};
    scene.face(10, 20);
    scene.face(12, 13, FaceBox{0.8, 0.1, 0.1, 0.15});
    scene.speech(10, 20);
    const auto candidates = analysis::interviewCandidates(scene.inputs());
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].face_share == Approx(1.0));
}

TEST_CASE("no audio means no speech and no interview", "[analysis]") {
    Scene scene(30);
    scene.face(0, 30);
    scene.voiced.clear();
    scene.crowd.clear();
    CHECK(analysis::detectInterviews(scene.inputs()).empty());
}

TEST_CASE("inputs that disagree are refused", "[analysis]") {
    Scene scene(30);
    scene.cuts = {500, 250};
    CHECK_THROWS_AS(analysis::detectInterviews(scene.inputs()), Error);
    scene.cuts = {};
    scene.features.pop_back();
    CHECK_THROWS_AS(analysis::detectInterviews(scene.inputs()), Error);
}

TEST_CASE("interviews appear in the analysis JSON as start_s, end_s and score", "[analysis]") {
    analysis::VideoAnalysis video;
    video.frame_rate = Rational{25, 1};
    video.time_base = Rational{1, 12800};
    video.frames = 750;
    for (std::int64_t f = 0; f < video.frames; ++f) video.pts.push_back(1024 + f * 512);  // starts at 0.08 s
    const auto json = analysis::toJson("clip.mp4", video, {analysis::Interview{250, 500, 0.875}});
    REQUIRE(json.at("interviews").size() == 1);
    const auto& interview = json.at("interviews")[0];
    CHECK(interview.at("start_s").get<double>() == Approx(10.0));
    CHECK(interview.at("end_s").get<double>() == Approx(20.0));
    CHECK(interview.at("score").get<double>() == 0.875);
    CHECK(analysis::toJson("clip.mp4", video).at("interviews").empty());
}
