// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <cmath>

#include "media/frame_converter.h"
#include "media/video_decoder.h"
#include "support/fixtures.h"

using namespace rushes;

namespace {

double meanAbsoluteDifference(const media::Image& a, const media::Image& b) {
    REQUIRE(a.pixels.size() == b.pixels.size());
    double sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
    return sum / static_cast<double>(a.pixels.size());
}

}  // namespace

TEST_CASE("the fast area path matches swscale closely when shrinking", "[media][convert]") {
    media::VideoDecoder decoder(test::fixturePath("h264_longgop.mp4"));
    const media::VideoFrame frame = decoder.seek(60);
    media::FrameConverter converter;
    for (AVPixelFormat format : {AV_PIX_FMT_GRAY8, AV_PIX_FMT_RGB24, AV_PIX_FMT_BGR24}) {
        const media::Image fast = converter.convert(*frame.frame, {160, 90, format, media::ScalePath::Auto});
        const media::Image reference = converter.convert(*frame.frame, {160, 90, format, media::ScalePath::Swscale});
        CHECK(fast.width == 160);
        CHECK(fast.height == 90);
        // testsrc2 is full of sharp edges; a few levels of filter difference is invisible.
        CHECK(meanAbsoluteDifference(fast, reference) < 6.0);
    }
}

TEST_CASE("a zero dimension keeps the display aspect ratio", "[media][convert]") {
    media::VideoDecoder decoder(test::fixturePath("h264_longgop.mp4"));
    auto frame = decoder.next();
    REQUIRE(frame);
    media::FrameConverter converter;
    const media::Image image = converter.convert(*frame->frame, {0, 180, AV_PIX_FMT_RGB24});
    CHECK(image.width == 320);
    CHECK(image.height == 180);
}
