// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "media/frame_index.h"
#include "media/probe.h"
#include "media/probe_json.h"
#include "support/fixtures.h"

using namespace rushes;
using nlohmann::json;

namespace {

template <typename T>
void checkIfPresent(const json& truth, const char* key, const T& actual) {
    if (truth.contains(key) && !truth[key].is_null()) {
        INFO(key);
        CHECK(actual == truth[key].get<T>());
    }
}

void checkVideo(const json& truth, const media::ProbeResult& result) {
    const media::StreamInfo* stream = result.mainVideo();
    REQUIRE(stream != nullptr);
    const media::VideoStreamInfo& video = *stream->video;
    checkIfPresent(truth, "codec", stream->codec);
    checkIfPresent(truth, "profile", stream->profile);
    checkIfPresent(truth, "width", video.width);
    checkIfPresent(truth, "height", video.height);
    checkIfPresent(truth, "pix_fmt", video.pixel_format);
    checkIfPresent(truth, "bit_depth", video.bit_depth);
    checkIfPresent(truth, "frame_rate", video.frame_rate.toString());
    checkIfPresent(truth, "cfr", video.constant_frame_rate);
    checkIfPresent(truth, "rotation", video.rotation_deg);
    checkIfPresent(truth, "field_order", video.field_order);
    checkIfPresent(truth, "sar", video.sample_aspect_ratio.toString());
    checkIfPresent(truth, "has_b_frames", video.has_b_frames);
    checkIfPresent(truth, "color_primaries", video.color_primaries);
    checkIfPresent(truth, "color_transfer", video.color_transfer);
    if (truth.contains("mastering_display") && truth["mastering_display"].is_boolean()) {
        CHECK(video.mastering_display.has_value() == truth["mastering_display"].get<bool>());
    }
    if (truth.contains("frames")) {
        // Frame numbers come from the index, so the count must be exact.
        const auto index = media::FrameIndex::build(result.path, stream->index);
        CHECK(index.frameCount() == truth["frames"].get<std::int64_t>());
    }
}

void checkAudio(const json& truth_streams, const media::ProbeResult& result) {
    std::vector<const media::StreamInfo*> audio;
    for (const auto& s : result.streams) {
        if (s.audio) audio.push_back(&s);
    }
    REQUIRE(audio.size() == truth_streams.size());
    for (std::size_t i = 0; i < audio.size(); ++i) {
        const json& truth = truth_streams[i];
        INFO("audio stream " << i);
        checkIfPresent(truth, "codec", audio[i]->codec);
        checkIfPresent(truth, "sample_rate", audio[i]->audio->sample_rate);
        checkIfPresent(truth, "channels", audio[i]->audio->channels);
        checkIfPresent(truth, "layout", audio[i]->audio->channel_layout);
    }
}

}  // namespace

TEST_CASE("probe reports what each fixture was made with", "[media][probe]") {
    for (const json& truth : test::allTruths()) {
        if (!truth.value("expect_error", json()).is_null()) continue;
        const std::string name = truth.at("file");
        INFO("fixture " << name);
        const media::ProbeResult result = media::probe(test::fixturePath(name));
        CHECK(result.format == truth.at("format").get<std::string>());
        if (truth.contains("duration_s") && !truth["duration_s"].is_null()) {
            REQUIRE(result.duration_us.has_value());
            CHECK(*result.duration_us / 1e6 == Approx(truth["duration_s"].get<double>()).margin(0.05));
        }
        if (truth.contains("start_time_s") && !truth["start_time_s"].is_null()) {
            REQUIRE(result.start_time_us.has_value());
            CHECK(*result.start_time_us / 1e6 == Approx(truth["start_time_s"].get<double>()).margin(0.002));
        }
        if (truth.contains("timecode")) {
            if (truth["timecode"].is_null()) {
                CHECK_FALSE(result.timecode.has_value());
            } else {
                REQUIRE(result.timecode.has_value());
                CHECK(result.timecode->value == truth["timecode"].get<std::string>());
            }
        }
        if (truth.contains("creation_time") && !truth["creation_time"].is_null()) {
            REQUIRE(result.creation_time.has_value());
            CHECK(*result.creation_time == truth["creation_time"].get<std::string>());
        }
        if (truth.contains("tags")) {
            for (const auto& [key, value] : truth["tags"].items()) {
                INFO("tag " << key);
                REQUIRE(result.tags.count(key) == 1);
                CHECK(result.tags.at(key) == value.get<std::string>());
            }
        }
        if (truth.contains("video") && !truth["video"].is_null()) checkVideo(truth["video"], result);
        if (truth.contains("audio") && !truth["audio"].is_null()) checkAudio(truth["audio"], result);
        // The JSON form carries the same facts and never throws.
        const json as_json = media::toJson(result);
        CHECK(as_json.at("file") == result.path.string());
        CHECK(as_json.at("streams").size() == result.streams.size());
    }
}

TEST_CASE("a variable-frame-rate file keeps every frame's own timestamp", "[media][probe]") {
    const json truth = test::truthFor("vfr.mkv");
    const auto index = media::FrameIndex::build(test::fixturePath("vfr.mkv"), -1);
    const auto& expected = truth.at("video").at("frame_pts_ms");
    REQUIRE(index.frameCount() == static_cast<std::int64_t>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Rational ms = index.timeBase() * Rational{index.presentationTimes()[i], 1} * Rational{1000, 1};
        INFO("frame " << i);
        CHECK(ms.num / ms.den == expected[i].get<std::int64_t>());
    }
}
