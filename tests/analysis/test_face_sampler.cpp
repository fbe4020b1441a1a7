// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/cascade_files.h"
#include "analysis/face_sampler.h"
#include "base/error.h"
#include "media/video_decoder.h"

using namespace rushes;
using analysis::FaceSample;
using analysis::FaceSampler;

namespace {

// Real footage from Debian's opencv-doc (scripts/setup installs it; see
// tests/eval/README.md): a dialogue scene, a pedestrian street, a tree.
const std::filesystem::path kSamples = "/usr/share/doc/opencv-doc/examples/data";

FaceSample sampleFrame(const std::filesystem::path& clip, std::int64_t frame_index,
                       analysis::FaceParameters parameters = {}) {
    media::VideoDecoder decoder(clip);
    const media::VideoFrame frame = decoder.seek(frame_index);
    FaceSampler sampler(decoder.frameRate(), std::move(parameters));
    sampler.add(frame_index, *frame.frame);
    auto samples = sampler.takeSamples();
    REQUIRE(samples.size() == 1);
    CHECK(samples[0].frame == frame_index);
    CHECK(sampler.takeSamples().empty());
    return samples[0];
}

}  // namespace

TEST_CASE("a face on a real frame is found where it is, as fractions of the picture", "[analysis]") {
    // Megamind.avi frame 180: Roxanne in close-up, her face in the left-centre
    // third (the frame the evaluation corpus uses as an interview still).
    const FaceSample sample = sampleFrame(kSamples / "Megamind.avi", 180);
    REQUIRE(sample.faces.size() >= 1);
    const analysis::FaceBox& face = sample.faces.front();
    CHECK(face.centreX() > 0.25);
    CHECK(face.centreX() < 0.6);
    CHECK(face.centreY() > 0.25);
    CHECK(face.centreY() < 0.65);
    CHECK(face.height > 0.2);
    CHECK(face.height < 0.6);
    for (std::size_t i = 1; i < sample.faces.size(); ++i) {
        CHECK(sample.faces[i].width * sample.faces[i].height <= face.width * face.height);  // largest first
    }
}

TEST_CASE("a street and a tree without a face in close-up give no face", "[analysis]") {
    // vtest.avi: pedestrians far from the camera; their faces are far below
    // a tenth of the picture height, so nothing may be reported.
    CHECK(sampleFrame(kSamples / "vtest.avi", 100).faces.empty());
    // tree.avi: branches and leaves, the texture Haar cascades misfire on most.
    CHECK(sampleFrame(kSamples / "tree.avi", 30).faces.empty());
}

TEST_CASE("the profile cascade adds to the frontal one and still finds the frontal face", "[analysis]") {
    analysis::FaceParameters with_profiles;
    with_profiles.profiles = analysis::ProfileFaces::Detect;
    const FaceSample frontal_only = sampleFrame(kSamples / "Megamind.avi", 240);
    const FaceSample both = sampleFrame(kSamples / "Megamind.avi", 240, with_profiles);
    REQUIRE_FALSE(frontal_only.faces.empty());
    CHECK(both.faces.size() >= frontal_only.faces.size());
}

TEST_CASE("face samples are the first frame of each half second", "[analysis]") {
    const FaceSampler at_25(Rational{25, 1});
    std::vector<std::int64_t> wanted;
    for (std::int64_t i = 0; i < 76; ++i) {
        if (at_25.wants(i)) wanted.push_back(i);
    }
    // Frame i starts at i/25 s; the half seconds start at 0, 12.5, 25, 37.5, 50, 62.5 frames.
    CHECK(wanted == std::vector<std::int64_t>{0, 13, 25, 38, 50, 63, 75});

    // NTSC: 2 samples a second of 30000/1001 fps, exactly, over an hour.
    const FaceSampler at_ntsc(Rational{30000, 1001});
    std::int64_t count = 0;
    const std::int64_t hour = 107892;  // frames in 3600 s at 29.97, rounded down
    for (std::int64_t i = 0; i < hour; ++i) count += at_ntsc.wants(i) ? 1 : 0;
    CHECK(count == 7200);
    CHECK_FALSE(at_ntsc.wants(-1));
}

TEST_CASE("a missing face cascade is a clear error naming the package", "[analysis]") {
    analysis::FaceParameters parameters;
    parameters.frontal_cascade = "haarcascade_no_such_face.xml";
    try {
        FaceSampler sampler(Rational{25, 1}, parameters);
        FAIL("a sampler was built without its cascade");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::NotFound);
        CHECK(error.subject() == "haarcascade_no_such_face.xml");
        CHECK_THAT(error.reason(),
                   Catch::Contains("opencv-data") && Catch::Contains("/usr/share/opencv4/haarcascades"));
    }
}

TEST_CASE("a damaged cascade file is reported as corrupt", "[analysis]") {
    const auto folder = std::filesystem::temp_directory_path() / "rushes_test_cascades";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "broken.xml") << "<?xml version=\"1.0\"?><opencv_storage><cascade>nonsense";
    analysis::FaceParameters parameters;
    parameters.cascade_folder = folder;
    parameters.frontal_cascade = "broken.xml";
    CHECK(analysis::findHaarCascade("broken.xml", folder) == folder / "broken.xml");
    CHECK_THROWS_MATCHES(FaceSampler(Rational{25, 1}, parameters), Error,
                         Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::Corrupt; }));
    std::filesystem::remove_all(folder);
}

TEST_CASE("frames given out of order are refused", "[analysis]") {
    media::VideoDecoder decoder(kSamples / "Megamind.avi");
    const media::VideoFrame frame = decoder.seek(10);
    FaceSampler sampler(decoder.frameRate());
    sampler.add(10, *frame.frame);
    CHECK_THROWS_AS(sampler.add(10, *frame.frame), Error);
    CHECK_THROWS_AS(sampler.add(3, *frame.frame), Error);
}
