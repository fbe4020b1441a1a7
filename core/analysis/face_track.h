// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/face_sampler.h"

namespace rushes::analysis {

struct FaceTrackParameters {
    // Two boxes are the same face when their centres are within this share
    // of the face size (horizontally and vertically) and their sizes differ
    // by at most max_size_ratio. A seated speaker leans and nods by less; a
    // cascade's hit on part of a face (an eye and cheek) is far smaller.
    double max_centre_shift = 0.5;
    double max_size_ratio = 1.5;
    // A face missing from this many consecutive samples or fewer is still the
    // same appearance (the cascade misses a turned head now and then).
    int max_missing_samples = 3;
};

// One stretch of samples in which the same face stays in the same place.
struct FaceRun {
    std::size_t first = 0;    // index into the samples given, inclusive
    std::size_t last = 0;     // inclusive; the run starts and ends on a sample with the face
    std::size_t present = 0;  // samples in [first, last] that show the face
    FaceBox anchor;           // the box every member matches
};

[[nodiscard]] bool sameFace(const FaceBox& a, const FaceBox& b, const FaceTrackParameters& parameters = {});

// The runs of the most persistent face among `samples` (typically the samples
// of one shot): the box that matches the most samples is the anchor, and the
// samples matching it are split where it goes missing for longer than
// max_missing_samples. Empty when no sample shows a face.
[[nodiscard]] std::vector<FaceRun> stableFaceRuns(std::span<const FaceSample> samples,
                                                  const FaceTrackParameters& parameters = {});

}  // namespace rushes::analysis
