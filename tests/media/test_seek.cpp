// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <random>

#include "media/video_decoder.h"
#include "support/fixtures.h"
#include "support/frame_hash.h"

using namespace rushes;

namespace {

std::vector<std::uint64_t> sequentialHashes(const std::filesystem::path& path) {
    media::VideoDecoder decoder(path);
    std::vector<std::uint64_t> hashes;
    while (auto frame = decoder.next()) {
        CHECK(frame->index == static_cast<std::int64_t>(hashes.size()));
        hashes.push_back(test::hashPicture(*frame->frame));
    }
    return hashes;
}

}  // namespace

TEST_CASE("seek(i) returns exactly the i-th frame of a sequential decode on every fixture", "[media][seek]") {
    std::mt19937 rng(20260724);
    for (const std::string& name : test::goodVideoFixtures()) {
        INFO("fixture " << name);
        const auto path = test::fixturePath(name);
        const std::vector<std::uint64_t> expected = sequentialHashes(path);
        media::VideoDecoder decoder(path);
        const std::int64_t count = decoder.index().frameCount();
        REQUIRE(count == static_cast<std::int64_t>(expected.size()));

        // Random jumps both ways, plus the edges and a few forward steps.
        std::vector<std::int64_t> targets = {0, count - 1, count / 2, count / 2 + 1, count / 2 + 2, 1, 0};
        std::uniform_int_distribution<std::int64_t> pick(0, count - 1);
        for (int i = 0; i < 16; ++i) targets.push_back(pick(rng));
        for (std::int64_t target : targets) {
            INFO("frame " << target);
            const media::VideoFrame frame = decoder.seek(target);
            CHECK(frame.index == target);
            CHECK(test::hashPicture(*frame.frame) == expected[static_cast<std::size_t>(target)]);
        }
    }
}

TEST_CASE("decoding on after a seek continues with the next frame", "[media][seek]") {
    const auto path = test::fixturePath("h264_longgop.mp4");
    const std::vector<std::uint64_t> expected = sequentialHashes(path);
    media::VideoDecoder decoder(path);
    (void)decoder.seek(137);
    for (std::int64_t i = 138; i < 150; ++i) {
        auto frame = decoder.next();
        REQUIRE(frame);
        CHECK(frame->index == i);
        CHECK(test::hashPicture(*frame->frame) == expected[static_cast<std::size_t>(i)]);
    }
}

TEST_CASE("seeking outside the stream is an error naming the range", "[media][seek]") {
    media::VideoDecoder decoder(test::fixturePath("h264_longgop.mp4"));
    CHECK_THROWS_WITH(decoder.seek(100000), Catch::Contains("outside 0..249"));
    CHECK_THROWS(decoder.seek(-1));
}
