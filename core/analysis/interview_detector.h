// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/face_sampler.h"
#include "analysis/face_track.h"
#include "analysis/frame_features.h"
#include "time/rational.h"

namespace rushes::analysis {

// What the detector reads. It borrows every sequence: keep them alive for the call.
//
// Time: frame f starts at f / frame_rate seconds after the first frame, and
// per-second entry s covers [s, s + 1) seconds on that same clock (the audio
// stream's start is taken to coincide with the first frame; AAC priming is
// far below the second-scale these rules need).
struct InterviewInputs {
    Rational frame_rate{0, 1};
    std::int64_t frames = 0;
    // First frame of each new shot after a hard cut, ascending (VideoAnalysis::cuts).
    std::span<const std::int64_t> cuts;
    // FaceSampler::takeSamples(), ascending frames.
    std::span<const FaceSample> faces;
    // One per frame (VideoAnalysis::features): only `motion` is read.
    std::span<const FrameFeatures> features;
    // Per second, 0..1: the share of the second's short audio frames (10–30 ms)
    // judged voiced speech (periodic at a pitch of ~75–400 Hz, above the
    // noise floor). Any voice-activity measure on that scale works: the rule
    // asks only whether a second holds *some* voiced speech (≥ min_voiced).
    // Empty (no audio) means no speech, so no interviews.
    std::span<const double> voiced_fraction;
    // Per second, 0..1: the share of the second's short audio frames that are
    // loud and not voiced — crowd roar, music, wind: sound well above the
    // clip's quiet floor (≥ ~10 dB over its 10th-percentile frame level) that
    // is not periodic speech. High during a roar even when a commentator
    // shouts over it; low in a quiet room between the speaker's words.
    // Empty: treated as 0 everywhere.
    std::span<const double> crowd_fraction;
};

struct InterviewParameters {
    FaceTrackParameters face_track;
    // "Most sampled frames": a face in the same place in this share of the
    // candidate's samples.
    double min_face_share = 0.6;
    // Shorter stretches are cutaways or reaction shots, not interviews (and a
    // face over a voice-over cutaway would pass every other rule).
    double min_duration_s = 3.0;
    // A second "has speech" when its voiced fraction reaches min_voiced, or
    // when both neighbours do (the pause between two sentences).
    double min_voiced = 0.1;
    // "Voiced speech for most of it": share of the candidate's seconds with speech.
    double min_speech_share = 0.5;
    // Mean crowd_fraction above this is an event (a roar), not an interview.
    double max_crowd = 0.3;
    // Median FrameFeatures::motion. A tripod interview measures < 1, a talking
    // head with gestures 2–3; walking crowds, pans and play measure 4 and up.
    double max_motion = 4.0;
};

struct Interview {
    std::int64_t start_frame = 0;
    std::int64_t end_frame = 0;  // exclusive
    // 0.5 just passes every rule, 1 is ideal on each (a face in every sample,
    // speech throughout, no crowd, no motion); 0 for a rejected candidate.
    double score = 0;
};

// The rules an interview must pass, for the "why not" of a candidate.
enum class InterviewRule { Duration, SteadyFace, Speech, Crowd, Motion };

// A stretch of one shot in which one face stays in place, with every measure
// the rules look at (for tests, tuning, and a UI that explains a miss).
struct InterviewCandidate {
    Interview interview;
    double duration_s = 0;
    double face_share = 0;              // samples showing the anchor face ÷ samples in the stretch
    double speech_share = 0;            // seconds with speech ÷ seconds, weighted by overlap
    double crowd = 0;                   // mean crowd_fraction, weighted by overlap
    double motion = 0;                  // median motion over the stretch's frames
    std::vector<InterviewRule> failed;  // empty: an interview

    [[nodiscard]] bool accepted() const noexcept { return failed.empty(); }
};

inline constexpr const char* kInterviewDetectorVersion = "face-speech-calm/1";

// Every stretch of a shot in which one face stays in place, with its measures
// and every rule it fails. Throws rushes::Error (InvalidArgument) when the
// inputs disagree (features not one per frame, cuts or faces out of order).
[[nodiscard]] std::vector<InterviewCandidate> interviewCandidates(const InterviewInputs& inputs,
                                                                  const InterviewParameters& parameters = {});

// The candidates that pass every rule.
[[nodiscard]] std::vector<Interview> detectInterviews(const InterviewInputs& inputs,
                                                      const InterviewParameters& parameters = {});

[[nodiscard]] std::string toString(InterviewRule rule);

}  // namespace rushes::analysis
