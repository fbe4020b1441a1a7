// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "time/rational.h"

struct AVFrame;

namespace rushes::analysis {

// A detected face as fractions of the picture's width and height (origin top
// left), so boxes from pictures of any working size compare directly.
struct FaceBox {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;

    [[nodiscard]] double centreX() const noexcept { return x + width / 2; }
    [[nodiscard]] double centreY() const noexcept { return y + height / 2; }
};

struct FaceSample {
    std::int64_t frame = 0;
    std::vector<FaceBox> faces;  // largest first
};

// Profile faces need a second cascade run, roughly doubling the cost.
enum class ProfileFaces { Ignore, Detect };

// Defaults chosen by bench_faces on 1080p (docs/analysis.md has the table):
// each sample costs about as much CPU as decoding two 1080p frames, so the
// search is cut to what an interview can show.
struct FaceParameters {
    // Two samples a second, the low end of DESIGN §3's 2–5: an interview
    // lasts many seconds and its boundaries come from the cuts, so more
    // samples add cost but change no decision.
    Rational samples_per_second{2, 1};
    // Gray picture width; smaller sources are never upscaled. 320 px rather
    // than DESIGN's ~480: with faces of ≥ 15 % of the height the cascade's
    // 20 px window still has room to spare, the same faces are found, and a
    // sample costs 18 ms of CPU instead of 35 ms at 480 px (same step).
    int working_width = 320;
    // Faces smaller than this share of the picture height are not looked
    // for: an interview is framed from a medium shot (a face of ~15 %) to a
    // close-up, and the small scales are most of the cascade's work.
    double min_face_height = 0.15;
    // OpenCV's detectMultiScale settings: a 1.15 step with 3 neighbours finds
    // as many faces as 1.1 with 4 (OpenCV's usual) in two thirds of the time.
    double scale_factor = 1.15;
    int min_neighbours = 3;
    // alt2: the best of OpenCV's frontal Haar cascades in Castrillón et al.'s
    // comparison (Machine Vision and Applications, 2011); on Megamind.avi
    // it finds faces in as many samples as _default at 320 px for less CPU.
    std::string frontal_cascade = "haarcascade_frontalface_alt2.xml";
    ProfileFaces profiles = ProfileFaces::Ignore;
    // Looked in first for the cascade files (empty: the standard places, see cascade_files.h).
    std::filesystem::path cascade_folder;
};

// Detects faces on a sparse sample of a decoded video stream during the one
// decode pass: the caller asks wants() for every frame (a few integer
// operations) and passes add() only the frames it wants. The sampled frame
// is converted to a small gray picture here, once, from the decoded frame.
class FaceSampler {
public:
    // Throws rushes::Error when a cascade file is missing or unreadable.
    FaceSampler(Rational frame_rate, FaceParameters parameters = {});
    ~FaceSampler();
    FaceSampler(FaceSampler&&) noexcept;
    FaceSampler& operator=(FaceSampler&&) noexcept;

    // True for the first frame of each 1/samples_per_second period.
    [[nodiscard]] bool wants(std::int64_t frame_index) const noexcept;

    // Detects faces on `frame` (any pixel format FrameConverter reads) and
    // keeps the result. Frames must come in increasing order.
    void add(std::int64_t frame_index, const AVFrame& frame);

    // The samples so far, in frame order; the sampler starts empty again.
    [[nodiscard]] std::vector<FaceSample> takeSamples();

    [[nodiscard]] const FaceParameters& parameters() const noexcept;

private:
    struct Detector;
    std::unique_ptr<Detector> detector_;
    FaceParameters parameters_;
    std::vector<FaceSample> samples_;
};

inline constexpr const char* kFaceSamplerVersion = "haar-frontal-alt2/1";

}  // namespace rushes::analysis
