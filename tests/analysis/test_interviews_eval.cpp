// SPDX-License-Identifier: GPL-3.0-or-later
// Interviews end to end on the labelled corpus (tests/eval): real decoding,
// the real FaceSampler, motion and cuts from analyzeVideo, and speech from
// the test's own simple voice-activity detector (voice_activity.h) — never
// from the truth, which is read only to score.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "analysis/face_sampler.h"
#include "analysis/interview_detector.h"
#include "analysis/video_analysis.h"
#include "analysis/voice_activity.h"
#include "media/video_decoder.h"
#include "support/eval_corpus.h"

using namespace rushes;

namespace {

struct ClipRun {
    analysis::VideoAnalysis video;
    std::vector<analysis::FaceSample> faces;
    test::SecondsOfVoice voice;
    std::vector<analysis::InterviewCandidate> candidates;
};

ClipRun analyse(const std::string& clip) {
    const auto path = test::evalClip(clip);
    ClipRun run;
    {
        // The lead's combined pass will feed the sampler from its own decode;
        // here a second decode stands in for it.
        media::VideoDecoder decoder(path);
        analysis::FaceSampler sampler(decoder.frameRate());
        std::int64_t index = 0;
        while (auto frame = decoder.next()) {
            if (sampler.wants(index)) sampler.add(index, *frame->frame);
            ++index;
        }
        run.faces = sampler.takeSamples();
    }
    run.video = analysis::analyzeVideo(path);
    run.voice = test::measureVoice(path);
    const analysis::InterviewInputs inputs{
        run.video.frame_rate, run.video.frames,          run.video.cuts,          run.faces,
        run.video.features,   run.voice.voiced_fraction, run.voice.crowd_fraction};
    run.candidates = analysis::interviewCandidates(inputs);
    return run;
}

double overlap(double a0, double a1, double b0, double b1) {
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

std::string describe(const analysis::InterviewCandidate& c) {
    std::ostringstream out;
    out << c.interview.start_frame / 25.0 << "–" << c.interview.end_frame / 25.0 << " s: face " << c.face_share
        << ", speech " << c.speech_share << ", crowd " << c.crowd << ", motion " << c.motion << ", score "
        << c.interview.score << " →";
    if (c.accepted()) out << " interview";
    for (auto rule : c.failed) out << " no:" << analysis::toString(rule);
    return out.str();
}

struct Score {
    int truths = 0, detections = 0, hits = 0;
    double worst_boundary_s = 0, sum_boundary_s = 0;
};

// 1-to-1: a detection matches the truth interview it overlaps by more than half of the shorter of the two.
void score(const ClipRun& run, const nlohmann::json& truth, Score& total) {
    std::vector<bool> used(run.candidates.size(), false);
    for (const auto& interview : truth.at("interviews")) {
        ++total.truths;
        const double t0 = interview.at("start_s"), t1 = interview.at("end_s");
        for (std::size_t i = 0; i < run.candidates.size(); ++i) {
            const auto& c = run.candidates[i];
            if (!c.accepted() || used[i]) continue;
            const double d0 = c.interview.start_frame / 25.0, d1 = c.interview.end_frame / 25.0;
            if (overlap(t0, t1, d0, d1) > 0.5 * std::min(t1 - t0, d1 - d0)) {
                used[i] = true;
                ++total.hits;
                for (double error : {std::abs(d0 - t0), std::abs(d1 - t1)}) {
                    total.worst_boundary_s = std::max(total.worst_boundary_s, error);
                    total.sum_boundary_s += error;
                }
                break;
            }
        }
    }
    for (const auto& c : run.candidates) total.detections += c.accepted() ? 1 : 0;
}

}  // namespace

TEST_CASE("interviews on the evaluation corpus: every one found and no near miss reported", "[analysis][eval]") {
    Score total;
    for (const std::string clip : {"interviews", "match"}) {
        const ClipRun run = analyse(clip);
        const nlohmann::json truth = test::evalTruth(clip);
        std::ostringstream log;
        log << clip << ":";
        for (const auto& c : run.candidates) log << "\n  " << describe(c);
        WARN(log.str());
        score(run, truth, total);

        // The near misses, each caught by its own rule (not merely by length):
        for (const auto& c : run.candidates) {
            const double d0 = c.interview.start_frame / 25.0, d1 = c.interview.end_frame / 25.0;
            bool over_truth = false, over_speech = false, over_roar = false;
            for (const auto& i : truth.at("interviews"))
                over_truth |= overlap(i.at("start_s"), i.at("end_s"), d0, d1) > 0;
            for (const auto& s : truth.at("speech")) over_speech |= overlap(s.at("start_s"), s.at("end_s"), d0, d1) > 0;
            for (const auto& e : truth.at("events")) {
                over_roar |= e.at("kind") == "crowd_roar" && overlap(e.at("start_s"), e.at("end_s"), d0, d1) > 0.5;
            }
            if (over_truth) continue;
            INFO(describe(c));
            CHECK_FALSE(c.accepted());
            const auto failed = [&](analysis::InterviewRule rule) {
                return std::find(c.failed.begin(), c.failed.end(), rule) != c.failed.end();
            };
            // Talking faces with no speech at all fail the speech rule…
            if (!over_speech) CHECK(failed(analysis::InterviewRule::Speech));
            // …and a face under a roar fails the crowd rule.
            if (over_roar) CHECK(failed(analysis::InterviewRule::Crowd));
        }
    }
    const double recall = static_cast<double>(total.hits) / total.truths;
    const double precision = total.detections ? static_cast<double>(total.hits) / total.detections : 0.0;
    WARN("interviews: recall " << recall << " (" << total.hits << "/" << total.truths << "), precision " << precision
                               << ", boundary error mean " << (total.hits ? total.sum_boundary_s / (2 * total.hits) : 0)
                               << " s, worst " << total.worst_boundary_s << " s");
    CHECK(total.truths == 4);
    CHECK(total.hits == 4);
    CHECK(precision == 1.0);
    CHECK(total.worst_boundary_s <= 0.5);
}
