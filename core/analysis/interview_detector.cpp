// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/interview_detector.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace rushes::analysis {
namespace {

struct Shot {
    std::int64_t start = 0;
    std::int64_t end = 0;  // exclusive
};

std::vector<Shot> shotsOf(const InterviewInputs& inputs) {
    std::vector<Shot> shots;
    std::int64_t start = 0;
    for (std::int64_t cut : inputs.cuts) {
        if (cut <= start || cut >= inputs.frames) {
            throw Error(ErrorKind::InvalidArgument, fmt::format("cut {}", cut),
                        fmt::format("cuts must ascend inside the {} frames", inputs.frames));
        }
        shots.push_back({start, cut});
        start = cut;
    }
    if (inputs.frames > start) shots.push_back({start, inputs.frames});
    return shots;
}

void checkInputs(const InterviewInputs& inputs) {
    if (static_cast<std::int64_t>(inputs.features.size()) != inputs.frames) {
        throw Error(ErrorKind::InvalidArgument, "interview inputs",
                    fmt::format("{} frame features for {} frames", inputs.features.size(), inputs.frames));
    }
    for (std::size_t i = 1; i < inputs.faces.size(); ++i) {
        if (inputs.faces[i].frame <= inputs.faces[i - 1].frame) {
            throw Error(ErrorKind::InvalidArgument, fmt::format("face sample at frame {}", inputs.faces[i].frame),
                        "face samples must ascend");
        }
    }
}

// Seconds since the first frame; the per-second audio measures use this clock.
double secondsAt(std::int64_t frame, Rational frame_rate) {
    return (Rational{frame, 1} / frame_rate).toDouble();
}

double valueAt(std::span<const double> series, std::int64_t second) {
    return second >= 0 && second < static_cast<std::int64_t>(series.size()) ? series[static_cast<std::size_t>(second)]
                                                                            : 0.0;
}

// Overlap-weighted mean over [from_s, to_s) of per_second(s).
template <typename PerSecond>
double weightedMean(double from_s, double to_s, PerSecond per_second) {
    double sum = 0;
    double weight = 0;
    for (auto s = static_cast<std::int64_t>(std::floor(from_s)); static_cast<double>(s) < to_s; ++s) {
        const double w = std::min(to_s, static_cast<double>(s + 1)) - std::max(from_s, static_cast<double>(s));
        if (w <= 0) continue;
        sum += w * per_second(s);
        weight += w;
    }
    return weight > 0 ? sum / weight : 0.0;
}

double medianMotion(std::span<const FrameFeatures> features, std::int64_t start, std::int64_t end) {
    // The first frame of a shot measures the cut itself, not the shot.
    std::vector<double> motion;
    for (std::int64_t f = start + 1; f < end; ++f) motion.push_back(features[static_cast<std::size_t>(f)].motion);
    if (motion.empty()) return 0.0;
    const auto middle = motion.begin() + static_cast<std::ptrdiff_t>(motion.size() / 2);
    std::nth_element(motion.begin(), middle, motion.end());
    return *middle;
}

double margin(double value, double pass, double ideal) {
    return std::clamp((value - pass) / (ideal - pass), 0.0, 1.0);
}

// The stretch a face run stands for. A face missing for no longer than the
// tolerated gap at either end of the shot still counts up to the cut; where
// it is missing for longer (a dissolve, someone walking in), the stretch ends
// half-way between the last sample with the face and the first without.
Interview stretchOf(const FaceRun& run, std::span<const FaceSample> shot_samples, const Shot& shot,
                    const FaceTrackParameters& track) {
    const auto tolerated = static_cast<std::size_t>(std::max(0, track.max_missing_samples));
    Interview stretch;
    stretch.start_frame = run.first <= tolerated
                              ? shot.start
                              : (shot_samples[run.first - 1].frame + shot_samples[run.first].frame + 1) / 2;
    const std::size_t after = shot_samples.size() - 1 - run.last;
    stretch.end_frame =
        after <= tolerated ? shot.end : (shot_samples[run.last].frame + shot_samples[run.last + 1].frame + 1) / 2;
    return stretch;
}

}  // namespace

std::vector<InterviewCandidate> interviewCandidates(const InterviewInputs& inputs,
                                                    const InterviewParameters& parameters) {
    checkInputs(inputs);
    const Rational frame_rate = inputs.frame_rate.isPositive() ? inputs.frame_rate : Rational{25, 1};
    std::vector<InterviewCandidate> candidates;
    for (const Shot& shot : shotsOf(inputs)) {
        const auto first = std::lower_bound(inputs.faces.begin(), inputs.faces.end(), shot.start,
                                            [](const FaceSample& s, std::int64_t frame) { return s.frame < frame; });
        const auto last = std::lower_bound(first, inputs.faces.end(), shot.end,
                                           [](const FaceSample& s, std::int64_t frame) { return s.frame < frame; });
        const std::span<const FaceSample> shot_samples(first, last);
        for (const FaceRun& run : stableFaceRuns(shot_samples, parameters.face_track)) {
            InterviewCandidate candidate;
            Interview& stretch = candidate.interview;
            stretch = stretchOf(run, shot_samples, shot, parameters.face_track);
            const double from_s = secondsAt(stretch.start_frame, frame_rate);
            const double to_s = secondsAt(stretch.end_frame, frame_rate);
            candidate.duration_s = to_s - from_s;

            std::size_t sampled = 0;
            std::size_t with_face = 0;
            for (const FaceSample& sample : shot_samples) {
                if (sample.frame < stretch.start_frame || sample.frame >= stretch.end_frame) continue;
                ++sampled;
                const bool shows = std::any_of(sample.faces.begin(), sample.faces.end(), [&](const FaceBox& box) {
                    return sameFace(box, run.anchor, parameters.face_track);
                });
                if (shows) ++with_face;
            }
            candidate.face_share = sampled > 0 ? static_cast<double>(with_face) / static_cast<double>(sampled) : 0.0;

            const auto voiced = [&](std::int64_t s) {
                return valueAt(inputs.voiced_fraction, s) >= parameters.min_voiced;
            };
            candidate.speech_share = weightedMean(from_s, to_s, [&](std::int64_t s) {
                return voiced(s) || (voiced(s - 1) && voiced(s + 1)) ? 1.0 : 0.0;
            });
            candidate.crowd =
                weightedMean(from_s, to_s, [&](std::int64_t s) { return valueAt(inputs.crowd_fraction, s); });
            candidate.motion = medianMotion(inputs.features, stretch.start_frame, stretch.end_frame);

            if (candidate.duration_s < parameters.min_duration_s) candidate.failed.push_back(InterviewRule::Duration);
            if (candidate.face_share < parameters.min_face_share) candidate.failed.push_back(InterviewRule::SteadyFace);
            if (candidate.speech_share < parameters.min_speech_share) candidate.failed.push_back(InterviewRule::Speech);
            if (candidate.crowd > parameters.max_crowd) candidate.failed.push_back(InterviewRule::Crowd);
            if (candidate.motion > parameters.max_motion) candidate.failed.push_back(InterviewRule::Motion);

            if (candidate.accepted()) {
                // How far past each threshold the evidence lies, averaged: 0.5
                // at the thresholds, 1 for a face in every sample, speech
                // throughout, no crowd and no motion.
                const double margins = margin(candidate.face_share, parameters.min_face_share, 1.0) +
                                       margin(candidate.speech_share, parameters.min_speech_share, 1.0) +
                                       margin(candidate.crowd, parameters.max_crowd, 0.0) +
                                       margin(candidate.motion, parameters.max_motion, 0.0);
                stretch.score = 0.5 + 0.5 * margins / 4.0;
            }
            candidates.push_back(std::move(candidate));
        }
    }
    return candidates;
}

std::vector<Interview> detectInterviews(const InterviewInputs& inputs, const InterviewParameters& parameters) {
    std::vector<Interview> interviews;
    for (const InterviewCandidate& candidate : interviewCandidates(inputs, parameters)) {
        if (candidate.accepted()) interviews.push_back(candidate.interview);
    }
    return interviews;
}

std::string toString(InterviewRule rule) {
    switch (rule) {
        case InterviewRule::Duration: return "duration";
        case InterviewRule::SteadyFace: return "steady_face";
        case InterviewRule::Speech: return "speech";
        case InterviewRule::Crowd: return "crowd";
        case InterviewRule::Motion: return "motion";
    }
    return "unknown";
}

}  // namespace rushes::analysis
