// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "base/error.h"
#include "media/probe.h"
#include "media/video_decoder.h"
#include "support/fixtures.h"

using namespace rushes;

TEST_CASE("every broken fixture gives its typed error naming the file", "[media][errors]") {
    int broken = 0;
    for (const auto& truth : test::allTruths()) {
        if (truth.value("expect_error", nlohmann::json()).is_null()) continue;
        ++broken;
        const std::string name = truth.at("file");
        const std::string expected = truth.at("expect_error");
        INFO("fixture " << name);
        const auto path = test::fixturePath(name);
        try {
            (void)media::probe(path);
            FAIL("probe accepted a broken file");
        } catch (const Error& error) {
            CHECK(std::string(toString(error.kind())) == expected);
            CHECK(std::string(error.what()).find(path.string()) != std::string::npos);
            CHECK_FALSE(error.reason().empty());
        }
        // Opening a decoder on it fails the same way instead of crashing later.
        CHECK_THROWS_AS(media::VideoDecoder(path), Error);
    }
    CHECK(broken >= 4);
}

TEST_CASE("a missing file and a directory are unreadable, not crashes", "[media][errors]") {
    try {
        (void)media::probe(test::fixtureDir() / "does-not-exist.mov");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Unreadable);
        CHECK(std::string(error.what()).find("does-not-exist.mov") != std::string::npos);
    }
    try {
        (void)media::probe(test::fixtureDir());
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Unreadable);
    }
}
