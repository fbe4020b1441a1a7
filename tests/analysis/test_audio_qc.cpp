// SPDX-License-Identifier: GPL-3.0-or-later
// Silence and clipping as exact sample runs: the rules on synthetic buffers,
// then on media made with the ffmpeg CLI (PCM and AAC) with known boundaries.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "analysis/audio_qc.h"
#include "analysis/audio_test_support.h"

using namespace rushes;
using analysis::SampleRun;

namespace {

constexpr int kRate = 48000;

// Interleaved stereo noise at about −30 dBFS, never below the −60 dB gate for long.
std::vector<float> noise(std::int64_t frames, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> sample(0.01f, 0.05f);
    std::vector<float> out(static_cast<std::size_t>(frames) * 2);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = (i % 4 < 2 ? 1.0f : -1.0f) * sample(random);
    return out;
}

void silence(std::vector<float>& samples, std::int64_t first, std::int64_t end, int channel_mask = 3) {
    for (std::int64_t i = first; i < end; ++i) {
        for (int c = 0; c < 2; ++c) {
            if (channel_mask & (1 << c)) samples[static_cast<std::size_t>(i * 2 + c)] = 0.0f;
        }
    }
}

// A sine of `amplitude` (may exceed 1: then hard-clipped at ±1, like a saturating converter).
void tone(std::vector<float>& samples, std::int64_t first, std::int64_t end, double hz, double amplitude,
          int channel_mask = 3) {
    for (std::int64_t i = first; i < end; ++i) {
        const double value = amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i - first) / kRate);
        for (int c = 0; c < 2; ++c) {
            if (channel_mask & (1 << c)) {
                samples[static_cast<std::size_t>(i * 2 + c)] = static_cast<float>(std::clamp(value, -1.0, 1.0));
            }
        }
    }
}

template <typename Detector>
std::vector<SampleRun> runInChunks(const std::vector<float>& samples, std::int64_t chunk_frames) {
    Detector detector(kRate, 2);
    const auto frames = static_cast<std::int64_t>(samples.size() / 2);
    for (std::int64_t at = 0; at < frames; at += chunk_frames) {
        detector.add(samples.data() + at * 2, std::min(chunk_frames, frames - at));
    }
    return detector.finish();
}

std::int64_t ms(double milliseconds) {
    return static_cast<std::int64_t>(std::llround(milliseconds * kRate / 1000.0));
}

void requireNear(const SampleRun& found, const SampleRun& truth, std::int64_t tolerance) {
    INFO("found [" << found.start << ", " << found.end << ") truth [" << truth.start << ", " << truth.end << ")");
    CHECK(std::llabs(found.start - truth.start) <= tolerance);
    CHECK(std::llabs(found.end - truth.end) <= tolerance);
}

}  // namespace

TEST_CASE("silence is every channel below -60 dBFS for at least 2 s, as exact samples", "[analysis][audio]") {
    auto samples = noise(10 * kRate, 1);
    silence(samples, 1 * kRate, 3 * kRate);                         // exactly 2 s: reported
    silence(samples, 4 * kRate, 4 * kRate + 2 * kRate - 1);         // one sample short: not reported
    silence(samples, 6 * kRate + 100, 9 * kRate, /*left only*/ 1);  // the right channel still plays
    CHECK(runInChunks<analysis::SilenceDetector>(samples, 4096) == std::vector<SampleRun>{{1 * kRate, 3 * kRate}});
}

TEST_CASE("silence that reaches the end of the stream ends there", "[analysis][audio]") {
    auto samples = noise(5 * kRate, 2);
    silence(samples, 2 * kRate + 17, 5 * kRate);
    CHECK(runInChunks<analysis::SilenceDetector>(samples, 1000) == std::vector<SampleRun>{{2 * kRate + 17, 5 * kRate}});
}

TEST_CASE("a clipped tone is one run from its first flat top to its last, and a clean loud tone is not clipping",
          "[analysis][audio]") {
    auto samples = noise(8 * kRate, 3);
    tone(samples, 1 * kRate, 2 * kRate, 440, 1.25);    // clipped: flat tops at ±1
    tone(samples, 3 * kRate, 4 * kRate, 1000, 0.966);  // −0.3 dBFS, clean
    tone(samples, 5 * kRate, 6 * kRate, 1000, 0.7);    // −3 dBFS, clean
    const auto runs = runInChunks<analysis::ClippingDetector>(samples, 4096);
    REQUIRE(runs.size() == 1);
    // The first flat top begins where the sine first reaches 1/1.25 of its peak (its shoulders within
    // 0.5 dB of the rail count too, a few samples either way).
    const auto first_top = static_cast<std::int64_t>(std::ceil(std::asin(0.8) / (2 * std::numbers::pi) * kRate / 440));
    requireNear(runs[0], {1 * kRate + first_top, 2 * kRate - first_top}, ms(0.1));
}

TEST_CASE("clipping on one channel counts, a lone flat top does not", "[analysis][audio]") {
    auto samples = noise(4 * kRate, 4);
    tone(samples, kRate, kRate + ms(500), 220, 2.0, /*right only*/ 2);
    // One half-cycle of a slow clipped wave: a single flat top, then nothing near full scale.
    tone(samples, 3 * kRate, 3 * kRate + ms(4), 100, 2.0);
    const auto runs = runInChunks<analysis::ClippingDetector>(samples, 333);
    REQUIRE(runs.size() == 1);
    requireNear(runs[0], {kRate, kRate + ms(500)}, ms(2));
}

TEST_CASE("QC runs do not depend on how the stream is chunked", "[analysis][audio]") {
    auto samples = noise(6 * kRate, 5);
    silence(samples, ms(100), ms(2300));
    tone(samples, ms(3000), ms(3700), 1000, 1.6, 1);
    tone(samples, ms(3300), ms(4400), 300, 1.3, 2);
    for (std::int64_t chunk : {1, 7, 4096, 6 * kRate}) {
        INFO("chunk " << chunk);
        CHECK(runInChunks<analysis::SilenceDetector>(samples, chunk) ==
              runInChunks<analysis::SilenceDetector>(samples, 1024));
        CHECK(runInChunks<analysis::ClippingDetector>(samples, chunk) ==
              runInChunks<analysis::ClippingDetector>(samples, 1024));
    }
}

TEST_CASE("silence and clipping boundaries land within 20 ms on PCM and on AAC", "[analysis][audio]") {
    for (const auto codec : {test::QcCodec::Pcm, test::QcCodec::Aac}) {
        const auto file = test::qcAudioClip(codec);
        INFO(file.filename().string());
        const analysis::AudioAnalysis audio = test::analyzeAudioFile(file);
        CHECK(audio.sample_rate == kRate);
        REQUIRE(audio.silences.size() == 1);  // the 1.0 s silence is a near miss
        requireNear(audio.silences[0], test::kQcClipSilence, ms(20));
        REQUIRE(audio.clipping.size() == 1);  // the −3 dBFS tone is loud but clean
        requireNear(audio.clipping[0], test::kQcClipClipping, ms(20));
    }
}
