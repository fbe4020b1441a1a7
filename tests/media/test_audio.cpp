// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <cmath>

#include "media/audio_decoder.h"
#include "media/waveform.h"
#include "support/fixtures.h"

using namespace rushes;

namespace {

struct Decoded {
    std::int64_t samples = 0;
    std::vector<float> first_channel;
    double peak = 0;
};

Decoded decodeAll(const std::string& name, const media::AudioSpec& spec) {
    media::AudioDecoder decoder(test::fixturePath(name), spec);
    Decoded out;
    while (auto chunk = decoder.next()) {
        CHECK(chunk->first_sample == out.samples);
        CHECK(chunk->channels == decoder.outputSpec().channels);
        const auto values = chunk->as<float>();
        for (std::size_t i = 0; i < values.size(); i += static_cast<std::size_t>(chunk->channels)) {
            out.first_channel.push_back(values[i]);
            out.peak = std::max(out.peak, static_cast<double>(std::fabs(values[i])));
        }
        out.samples += chunk->samples;
    }
    return out;
}

}  // namespace

TEST_CASE("audio resamples to 16 kHz mono float with the right length", "[media][audio]") {
    for (const std::string name : {"h264_longgop.mp4", "prores.mov", "mpeg2.mxf", "hevc.mp4"}) {
        INFO("fixture " << name);
        const auto truth = test::truthFor(name);
        const Decoded decoded = decodeAll(name, {16000, 1, AV_SAMPLE_FMT_FLT});
        const double seconds = truth.at("duration_s").get<double>();
        // Within one AAC frame (1024 samples at 48 kHz ≈ 21 ms) plus resampler delay.
        CHECK(decoded.samples == Approx(seconds * 16000).margin(16000 * 0.05));
        CHECK(decoded.peak > 0.05);
    }
}

TEST_CASE("5.1 audio keeps six channels or downmixes to stereo on request", "[media][audio]") {
    const Decoded native = decodeAll("prores.mov", {0, 0, AV_SAMPLE_FMT_S16});
    media::AudioDecoder six(test::fixturePath("prores.mov"), {0, 0, AV_SAMPLE_FMT_S16});
    CHECK(six.outputSpec().channels == 6);
    CHECK(six.outputSpec().sample_rate == 48000);
    const Decoded stereo = decodeAll("prores.mov", {48000, 2, AV_SAMPLE_FMT_FLT});
    CHECK(stereo.samples == native.samples);
}

TEST_CASE("planar output stores each channel as its own block", "[media][audio]") {
    media::AudioDecoder decoder(test::fixturePath("h264_longgop.mp4"), {48000, 2, AV_SAMPLE_FMT_FLTP});
    auto chunk = decoder.next();
    REQUIRE(chunk);
    CHECK(chunk->data.size() == static_cast<std::size_t>(chunk->samples) * 2 * sizeof(float));
}

TEST_CASE("waveform peaks cover the whole file in fixed buckets", "[media][audio]") {
    const auto truth = test::truthFor("h264_longgop.mp4");
    const media::WaveformPeaks peaks = media::computeWaveform(test::fixturePath("h264_longgop.mp4"), 10'000);
    CHECK(peaks.sample_rate == 48000);
    CHECK(peaks.samples_per_bucket == 480);
    const double expected_buckets = truth.at("duration_s").get<double>() * 100;
    CHECK(static_cast<double>(peaks.min.size()) == Approx(expected_buckets).margin(5));
    REQUIRE(peaks.min.size() == peaks.max.size());
    for (std::size_t i = 0; i < peaks.min.size(); ++i) REQUIRE(peaks.min[i] <= peaks.max[i]);
    // A sine tone swings both ways inside every 10 ms bucket.
    CHECK(peaks.max[peaks.max.size() / 2] > 0.05f);
    CHECK(peaks.min[peaks.min.size() / 2] < -0.05f);
}
