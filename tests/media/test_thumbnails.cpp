// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "media/thumbnails.h"
#include "support/fixtures.h"

using namespace rushes;

TEST_CASE("keyframe thumbnails are evenly spread, sized and ordered", "[media][thumbnails]") {
    const media::ThumbnailSet set =
        media::makeThumbnails(test::fixturePath("h264_longgop.mp4"), {5, 160, AV_PIX_FMT_RGB24, media::ThumbnailPath::Keyframes});
    // GOP 50 over 250 frames: five keyframes, one per slot.
    REQUIRE(set.evenly_spaced.size() == 5);
    for (std::size_t i = 0; i < set.evenly_spaced.size(); ++i) {
        const auto& thumb = set.evenly_spaced[i];
        CHECK(thumb.image.width == 160);
        CHECK(thumb.image.height == 90);
        CHECK(thumb.image.pixels.size() == 160u * 90u * 3u);
        if (i > 0) CHECK(thumb.pts > set.evenly_spaced[i - 1].pts);
    }
    CHECK(set.poster.image.width == 160);
}

TEST_CASE("exact thumbnails land on the evenly spaced frame numbers", "[media][thumbnails]") {
    const media::ThumbnailSet set =
        media::makeThumbnails(test::fixturePath("h264_longgop.mp4"), {4, 64, AV_PIX_FMT_GRAY8, media::ThumbnailPath::Exact});
    REQUIRE(set.evenly_spaced.size() == 4);
    CHECK(set.evenly_spaced[0].frame_index == 31);
    CHECK(set.evenly_spaced[1].frame_index == 93);
    CHECK(set.evenly_spaced[2].frame_index == 156);
    CHECK(set.evenly_spaced[3].frame_index == 218);
}

TEST_CASE("thumbnails of an odd-sized clip keep its aspect ratio", "[media][thumbnails]") {
    const media::ThumbnailSet set =
        media::makeThumbnails(test::fixturePath("odd_size.mp4"), {2, 100, AV_PIX_FMT_RGB24, media::ThumbnailPath::Keyframes});
    REQUIRE_FALSE(set.evenly_spaced.empty());
    CHECK(set.evenly_spaced.front().image.width == 100);
    CHECK(set.evenly_spaced.front().image.height == 56);  // 100 * 179 / 317
}

TEST_CASE("sparse keyframes fall back to exact frames so every slot is filled", "[media][thumbnails]") {
    // hevc.mp4 has a keyframe every 30 of 60 frames: two keyframes for six slots.
    const media::ThumbnailSet set =
        media::makeThumbnails(test::fixturePath("hevc.mp4"), {6, 64, AV_PIX_FMT_RGB24, media::ThumbnailPath::Keyframes});
    REQUIRE(set.evenly_spaced.size() == 6);
    CHECK(set.evenly_spaced[0].frame_index == 5);
    CHECK(set.evenly_spaced[5].frame_index == 55);
}
