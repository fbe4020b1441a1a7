// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/face_sampler.h"

#include <fmt/format.h>
#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <utility>

#include "analysis/cascade_files.h"
#include "base/error.h"
#include "media/frame_converter.h"

namespace rushes::analysis {
namespace {

cv::CascadeClassifier loadCascade(const std::string& file_name, const std::filesystem::path& folder) {
    const std::filesystem::path path = findHaarCascade(file_name, folder);
    cv::CascadeClassifier cascade;
    try {
        if (cascade.load(path.string()) && !cascade.empty()) return cascade;
    } catch (const cv::Exception& error) {
        throw Error(ErrorKind::Corrupt, path.string(), fmt::format("not a readable OpenCV cascade: {}", error.msg));
    }
    throw Error(ErrorKind::Corrupt, path.string(), "not a readable OpenCV cascade");
}

double overlap(const cv::Rect& a, const cv::Rect& b) {
    const double shared = (a & b).area();
    const double smaller = std::min(a.area(), b.area());
    return smaller > 0 ? shared / smaller : 0.0;
}

// Samples per frame as an exact reduced fraction; an unknown frame rate is
// taken as 25 fps, the same fallback as the rest of the analysis.
Rational samplesPerFrame(Rational frame_rate, Rational samples_per_second) {
    if (!samples_per_second.isPositive()) {
        throw Error(ErrorKind::InvalidArgument, "FaceParameters", "samples_per_second must be positive");
    }
    const Rational rate = frame_rate.isPositive() ? frame_rate : Rational{25, 1};
    return samples_per_second / rate;
}

}  // namespace

struct FaceSampler::Detector {
    cv::CascadeClassifier frontal;
    cv::CascadeClassifier profile;  // empty unless ProfileFaces::Detect
    media::FrameConverter converter;
    Rational samples_per_frame{0, 1};
};

FaceSampler::FaceSampler(Rational frame_rate, FaceParameters parameters)
    : detector_(std::make_unique<Detector>()), parameters_(std::move(parameters)) {
    if (parameters_.working_width < 32) {
        throw Error(ErrorKind::InvalidArgument, "FaceParameters",
                    fmt::format("working_width {} is too small for face detection", parameters_.working_width));
    }
    detector_->samples_per_frame = samplesPerFrame(frame_rate, parameters_.samples_per_second);
    detector_->frontal = loadCascade(parameters_.frontal_cascade, parameters_.cascade_folder);
    if (parameters_.profiles == ProfileFaces::Detect) {
        detector_->profile = loadCascade("haarcascade_profileface.xml", parameters_.cascade_folder);
    }
}

FaceSampler::~FaceSampler() = default;
FaceSampler::FaceSampler(FaceSampler&&) noexcept = default;
FaceSampler& FaceSampler::operator=(FaceSampler&&) noexcept = default;

const FaceParameters& FaceSampler::parameters() const noexcept {
    return parameters_;
}

bool FaceSampler::wants(std::int64_t frame_index) const noexcept {
    if (frame_index <= 0) return frame_index == 0;
    // Frame i is the first of its sampling period when floor(i·s) moves on,
    // s = samples per frame; exact in 128 bits for any real frame count.
    const Rational s = detector_->samples_per_frame;
    const auto period = [&](std::int64_t i) { return detail::i128(i) * s.num / s.den; };
    return period(frame_index) != period(frame_index - 1);
}

void FaceSampler::add(std::int64_t frame_index, const AVFrame& frame) {
    if (!samples_.empty() && frame_index <= samples_.back().frame) {
        throw Error(ErrorKind::InvalidArgument, fmt::format("frame {}", frame_index),
                    "face samples must come in increasing frame order");
    }
    // Never upscale: a small source is searched at its own size.
    int display_width = 0;
    int display_height = 0;
    media::FrameConverter::outputSize(frame, media::ImageSpec{}, display_width, display_height);
    const int width = std::min(parameters_.working_width, display_width);
    media::Image image =
        detector_->converter.convert(frame, media::ImageSpec{width, 0, AV_PIX_FMT_GRAY8, media::ScalePath::Auto});
    const cv::Mat converted(image.height, image.width, CV_8UC1, image.pixels.data());
    cv::Mat gray;
    // The cascades were trained on equalised faces; equalising also makes
    // dim and flat-lit interviews look like the training set.
    cv::equalizeHist(converted, gray);

    const int min_side = std::max(20, static_cast<int>(parameters_.min_face_height * gray.rows));
    const cv::Size min_size(min_side, min_side);
    std::vector<cv::Rect> found;
    detector_->frontal.detectMultiScale(gray, found, parameters_.scale_factor, parameters_.min_neighbours, 0, min_size);
    if (!detector_->profile.empty()) {
        // OpenCV's profile cascade knows faces turned one way only: run it on
        // the mirror image too for the other side.
        std::vector<cv::Rect> profiles;
        detector_->profile.detectMultiScale(gray, profiles, parameters_.scale_factor, parameters_.min_neighbours, 0,
                                            min_size);
        cv::Mat mirrored;
        cv::flip(gray, mirrored, 1);
        std::vector<cv::Rect> mirrored_profiles;
        detector_->profile.detectMultiScale(mirrored, mirrored_profiles, parameters_.scale_factor,
                                            parameters_.min_neighbours, 0, min_size);
        for (cv::Rect box : mirrored_profiles) {
            box.x = gray.cols - box.x - box.width;
            profiles.push_back(box);
        }
        for (const cv::Rect& box : profiles) {
            // A face seen by both cascades counts once.
            const bool known = std::any_of(found.begin(), found.end(),
                                           [&](const cv::Rect& other) { return overlap(box, other) > 0.5; });
            if (!known) found.push_back(box);
        }
    }
    std::sort(found.begin(), found.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });

    FaceSample sample;
    sample.frame = frame_index;
    const double cols = gray.cols;
    const double rows = gray.rows;
    for (const cv::Rect& box : found) {
        sample.faces.push_back({box.x / cols, box.y / rows, box.width / cols, box.height / rows});
    }
    samples_.push_back(std::move(sample));
}

std::vector<FaceSample> FaceSampler::takeSamples() {
    return std::exchange(samples_, {});
}

}  // namespace rushes::analysis
