// SPDX-License-Identifier: GPL-3.0-or-later
// The per-second excitement features on media with known content: pink noise
// (a crowd), espeak-ng speech (a commentator), sines and a harmonic tone.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "analysis/audio_test_support.h"
#include "base/error.h"

using namespace rushes;
using analysis::AudioSecond;

namespace {

// The whole seconds of a file (the last, partial one left out).
std::vector<AudioSecond> wholeSeconds(const analysis::AudioAnalysis& audio) {
    std::vector<AudioSecond> out = audio.seconds;
    if (audio.samples % audio.sample_rate != 0) out.pop_back();
    return out;
}

template <typename Field>
double mean(const std::vector<AudioSecond>& seconds, Field field) {
    double sum = 0;
    for (const AudioSecond& second : seconds) sum += second.*field;
    return seconds.empty() ? 0.0 : sum / static_cast<double>(seconds.size());
}

analysis::AudioAnalysis pinkNoise() {
    return test::analyzeAudioFile(test::generatedAudio(
        "audio_pink_v1.wav", "-f lavfi -i anoisesrc=c=pink:r=48000:a=0.2:seed=51:d=8 -ac 2 -c:a pcm_s16le"));
}

// The speech file's seconds that lie inside its spoken extent (espeak pads a little silence at the ends).
std::vector<AudioSecond> spokenSeconds(const analysis::AudioAnalysis& speech) {
    std::vector<AudioSecond> out;
    for (const AudioSecond& second : wholeSeconds(speech)) {
        if (second.rms_dbfs > -40) out.push_back(second);
    }
    return out;
}

}  // namespace

TEST_CASE("there is one feature second per started second of audio", "[analysis][audio]") {
    const analysis::AudioAnalysis speech = test::analyzeAudioFile(test::speechWav());
    CHECK(speech.sample_rate == 22050);
    CHECK(speech.channels == 1);
    CHECK(static_cast<std::int64_t>(speech.seconds.size()) == (speech.samples + 22049) / 22050);
    // The R128 fields come from the 100 ms series: each second's momentary maximum is one of its ten values.
    const auto& momentary = speech.loudness_series.momentary_lufs;
    for (std::size_t s = 0; s + 1 < speech.seconds.size(); ++s) {
        const float loudest = *std::max_element(momentary.begin() + static_cast<std::ptrdiff_t>(10 * s),
                                                momentary.begin() + static_cast<std::ptrdiff_t>(10 * s + 10));
        CHECK(speech.seconds[s].momentary_max_lufs == loudest);
        CHECK(speech.seconds[s].short_term_lufs == speech.loudness_series.short_term_lufs[10 * s + 9]);
    }
}

TEST_CASE("pink noise (a crowd) is flatter than speech, and is not voiced", "[analysis][audio]") {
    const auto noise = wholeSeconds(pinkNoise());
    const auto speech = spokenSeconds(test::analyzeAudioFile(test::speechWav()));
    REQUIRE(speech.size() >= 6);
    const double noise_flatness = mean(noise, &AudioSecond::spectral_flatness);
    const double speech_flatness = mean(speech, &AudioSecond::spectral_flatness);
    INFO("flatness: pink noise " << noise_flatness << ", speech " << speech_flatness);
    // A single frame's periodogram of any smooth-spectrum noise reads e^−γ ≈ 0.56 per band.
    CHECK(noise_flatness == Approx(0.56).margin(0.06));
    CHECK(speech_flatness < noise_flatness - 0.2);
    for (const AudioSecond& second : noise) {
        CHECK(second.voiced_fraction <= 0.02);
        CHECK(second.spectral_flatness > 0.45);
    }
}

TEST_CASE("voiced fraction is high on espeak-ng speech and its pitch is a male voice's", "[analysis][audio]") {
    const auto speech = spokenSeconds(test::analyzeAudioFile(test::speechWav()));
    REQUIRE(speech.size() >= 6);
    const double voiced = mean(speech, &AudioSecond::voiced_fraction);
    INFO("voiced fraction " << voiced);
    // Spoken seconds still hold pauses and unvoiced consonants: espeak-ng reads ≈ 0.5, noise 0.
    CHECK(voiced >= 0.4);
    for (const AudioSecond& second : speech) {
        CHECK(second.median_pitch_hz > 70);
        CHECK(second.median_pitch_hz < 160);
        // Voiced frames are the loud part of speech: their energy is above the second's average.
        CHECK(second.voiced_energy_dbfs > second.rms_dbfs);
    }
}

TEST_CASE("pitch of a sine and of a harmonic tone, and the RMS of a sine", "[analysis][audio]") {
    SECTION("220 Hz sine at amplitude 0.5, dual-mono stereo at 44.1 kHz: 220 Hz, −9.03 dBFS RMS") {
        const auto tone = test::analyzeAudioFile(test::generatedAudio(
            "audio_sine220_v2.wav",
            "-f lavfi -i \"aevalsrc=0.5*sin(2*PI*220*t):s=44100:d=4\" -af \"pan=stereo|c0=c0|c1=c0\" -c:a pcm_f32le"));
        for (const AudioSecond& second : wholeSeconds(tone)) {
            CHECK(second.voiced_fraction >= 0.98);
            CHECK(second.median_pitch_hz == Approx(220).margin(1.0));
            CHECK(second.rms_dbfs == Approx(20 * std::log10(0.5 / std::sqrt(2.0))).margin(0.05));
            CHECK(second.spectral_flux < 0.02);  // nothing changes but the window's phase on the wave
        }
    }
    SECTION("150 Hz with four harmonics (a vowel-like tone): the fundamental, not a harmonic") {
        const auto tone = test::analyzeAudioFile(
            test::generatedAudio("audio_harmonic150_v1.wav",
                                 "-f lavfi -i \"aevalsrc=0.2*sin(2*PI*150*t)+0.3*sin(2*PI*300*t)+0.2*sin(2*PI*450*t)"
                                 "+0.1*sin(2*PI*600*t)+0.05*sin(2*PI*750*t):s=48000:d=4\" -c:a pcm_f32le"));
        for (const AudioSecond& second : wholeSeconds(tone)) {
            CHECK(second.voiced_fraction >= 0.98);
            CHECK(second.median_pitch_hz == Approx(150).margin(1.0));
        }
    }
}

TEST_CASE("spectral flux is low on steady noise and a steady tone, higher on speech", "[analysis][audio]") {
    const auto noise = wholeSeconds(pinkNoise());
    const auto speech = spokenSeconds(test::analyzeAudioFile(test::speechWav()));
    const double noise_flux = mean(noise, &AudioSecond::spectral_flux);
    const double speech_flux = mean(speech, &AudioSecond::spectral_flux);
    INFO("flux: pink noise " << noise_flux << ", speech " << speech_flux);
    CHECK(noise_flux < 0.15);
    CHECK(speech_flux > noise_flux + 0.03);
}

TEST_CASE("digital silence has level at the floor and no texture or voice", "[analysis][audio]") {
    const auto silence = test::analyzeAudioFile(
        test::generatedAudio("audio_silence_v1.wav", "-f lavfi -i anullsrc=r=48000:cl=stereo -t 5 -c:a pcm_s16le"));
    REQUIRE(silence.seconds.size() == 5);
    for (const AudioSecond& second : silence.seconds) {
        CHECK(second.rms_dbfs == -120.0f);
        CHECK(second.momentary_max_lufs == -120.0f);
        CHECK(second.spectral_flatness == 0.0f);
        CHECK(second.voiced_fraction == 0.0f);
        CHECK(second.median_pitch_hz == 0.0f);
    }
    REQUIRE(silence.silences.size() == 1);
    CHECK(silence.silences[0] == analysis::SampleRun{0, 5 * 48000});
}

TEST_CASE("the same audio gives the same analysis", "[analysis][audio]") {
    const auto file = test::qcAudioClip(test::QcCodec::Aac);
    const analysis::AudioAnalysis a = test::analyzeAudioFile(file);
    const analysis::AudioAnalysis b = test::analyzeAudioFile(file);
    CHECK(a.silences == b.silences);
    CHECK(a.clipping == b.clipping);
    CHECK(a.loudness_series.momentary_lufs == b.loudness_series.momentary_lufs);
    REQUIRE(a.seconds.size() == b.seconds.size());
    for (std::size_t s = 0; s < a.seconds.size(); ++s) {
        CHECK(a.seconds[s].spectral_flatness == b.seconds[s].spectral_flatness);
        CHECK(a.seconds[s].median_pitch_hz == b.seconds[s].median_pitch_hz);
    }
}

TEST_CASE("the analyzer refuses chunks that do not match its stream or leave a gap", "[analysis][audio]") {
    analysis::AudioAnalyzer analyzer(48000, 2);
    media::AudioChunk chunk;
    chunk.format = AV_SAMPLE_FMT_FLT;
    chunk.sample_rate = 48000;
    chunk.channels = 2;
    chunk.samples = 480;
    chunk.data.assign(480 * 2 * sizeof(float), 0);
    analyzer.add(chunk);
    chunk.first_sample = 480;
    analyzer.add(chunk);
    media::AudioChunk gap = chunk;
    gap.first_sample = 2000;
    CHECK_THROWS_AS(analyzer.add(gap), Error);
    media::AudioChunk other_rate = chunk;
    other_rate.first_sample = 960;
    other_rate.sample_rate = 44100;
    CHECK_THROWS_AS(analyzer.add(other_rate), Error);
    media::AudioChunk planar = chunk;
    planar.first_sample = 960;
    planar.format = AV_SAMPLE_FMT_FLTP;
    CHECK_THROWS_AS(analyzer.add(planar), Error);
    media::AudioChunk short_data = chunk;
    short_data.first_sample = 960;
    short_data.data.resize(100);
    CHECK_THROWS_AS(analyzer.add(short_data), Error);
    const analysis::AudioAnalysis audio = analyzer.finish();
    CHECK(audio.samples == 960);
    CHECK(audio.seconds.size() == 1);
}
