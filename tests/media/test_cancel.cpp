// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "base/error.h"
#include "media/frame_index.h"
#include "media/video_decoder.h"
#include "support/fixtures.h"

using namespace rushes;
using Clock = std::chrono::steady_clock;

TEST_CASE("a stop request ends a running decode promptly with Cancelled", "[media][cancel]") {
    std::stop_source stop;
    media::VideoDecoder decoder(test::fixturePath("h264_longgop.mp4"), {}, stop.get_token());
    REQUIRE(decoder.next());  // running
    Clock::time_point stopped_at;
    std::jthread canceller([&] {
        stopped_at = Clock::now();
        stop.request_stop();
    });
    canceller.join();
    try {
        while (decoder.next()) {
        }
        FAIL("decode ran to the end despite the stop request");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Cancelled);
    }
    // Generous bound: a correct implementation returns at the next packet.
    CHECK(Clock::now() - stopped_at < std::chrono::milliseconds(1000));
}

TEST_CASE("a stopped token stops indexing and opening before they start", "[media][cancel]") {
    std::stop_source stop;
    stop.request_stop();
    CHECK_THROWS_AS(media::FrameIndex::build(test::fixturePath("h264_longgop.mp4"), -1, stop.get_token()), Error);
    try {
        media::VideoDecoder decoder(test::fixturePath("h264_longgop.mp4"), {}, stop.get_token());
        FAIL("opened despite the stop request");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Cancelled);
    }
}
