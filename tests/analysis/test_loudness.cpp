// SPDX-License-Identifier: GPL-3.0-or-later
// EBU R128 loudness against FFmpeg's own meter (ebur128=peak=true) on the same
// files: an independent implementation of BS.1770 / Tech 3341 / Tech 3342.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "analysis/audio_test_support.h"
#include "analysis/loudness_range.h"

using namespace rushes;

namespace {

void requireSameLoudness(const std::filesystem::path& file) {
    INFO(file.filename().string());
    const analysis::AudioAnalysis ours = test::analyzeAudioFile(file);
    const test::FfmpegLoudness reference = test::ffmpegEbur128(file);
    REQUIRE(ours.loudness.integrated_lufs);
    REQUIRE(ours.loudness.true_peak_dbtp);
    CHECK(*ours.loudness.integrated_lufs == Approx(reference.integrated_lufs).margin(0.1));
    CHECK(ours.loudness.lra_lu == Approx(reference.lra_lu).margin(0.1));
    CHECK(*ours.loudness.true_peak_dbtp == Approx(reference.true_peak_dbtp).margin(0.1));

    // Both meters sample the 400 ms window every 100 ms; from the first whole window on they must agree.
    const auto& momentary = ours.loudness_series.momentary_lufs;
    REQUIRE(momentary.size() >= reference.momentary_lufs.size());
    double worst = 0;
    for (std::size_t k = 3; k < reference.momentary_lufs.size(); ++k) {
        if (reference.momentary_lufs[k] < -70) continue;  // silence: both at their own floors
        worst = std::max(worst, std::fabs(momentary[k] - reference.momentary_lufs[k]));
    }
    CHECK(worst <= 0.1);
}

}  // namespace

TEST_CASE("integrated loudness, range, true peak and momentary series match FFmpeg's ebur128", "[analysis][audio]") {
    SECTION("stereo, different programme on each channel, with level changes (LRA)") {
        requireSameLoudness(test::generatedAudio(
            "audio_loudness_dynamic_v1.wav",
            "-filter_complex \"anoisesrc=c=pink:r=48000:a=0.3:seed=21:d=16[l];sine=f=997:r=48000:d=16[r];"
            "[l][r]amerge=inputs=2,volume='if(lt(t,5),0.2,if(lt(t,10),1.0,0.5))':eval=frame:precision=float[out]\" "
            "-map \"[out]\" -c:a pcm_f32le"));
    }
    SECTION("5.1: the LFE does not count and the surrounds weigh 1.41") {
        requireSameLoudness(test::generatedAudio(
            "audio_loudness_51side_v1.wav",
            "-filter_complex "
            "\"anoisesrc=c=pink:r=48000:a=0.2:seed=31:d=8[a];anoisesrc=c=pink:r=48000:a=0.2:seed=32:d=8[b];"
            "anoisesrc=c=pink:r=48000:a=0.2:seed=33:d=8[c];anoisesrc=c=brown:r=48000:a=0.6:seed=34:d=8[d];"
            "anoisesrc=c=pink:r=48000:a=0.2:seed=35:d=8[e];anoisesrc=c=pink:r=48000:a=0.2:seed=36:d=8[f];"
            "[a][b][c][d][e][f]amerge=inputs=6,pan=5.1(side)|FL=c0|FR=0.5*c1|FC=0.7*c2|LFE=c3|SL=0.3*c4|SR=0.6*c5[out]"
            "\" "
            "-map \"[out]\" -c:a pcm_s16le"));
    }
    SECTION("mono speech at 22.05 kHz") {
        requireSameLoudness(test::speechWav());
    }
    SECTION("AAC with a clipped tone and silences, true peak above 0 dBTP") {
        requireSameLoudness(test::qcAudioClip(test::QcCodec::Aac));
    }
}

TEST_CASE("loudness range is the 10th to 95th percentile of the gated short-term values", "[analysis][audio]") {
    std::vector<float> values;
    for (int i = 0; i < 100; ++i) values.push_back(-30.0f + 0.1f * static_cast<float>(i));  // −30.0 … −20.1
    // Rank ⌊0.95·100 + ½⌋ = 95 → −20.6; rank ⌊0.10·100 + ½⌋ = 10 → −29.1.
    CHECK(analysis::loudnessRange(values) == Approx(8.5).margin(1e-4));
    // Below −70 LUFS (silence) and more than 20 LU under the mean, values do not count.
    std::vector<float> with_quiet = values;
    with_quiet.insert(with_quiet.end(), 50, -120.0f);
    with_quiet.insert(with_quiet.end(), 50, -60.0f);
    CHECK(analysis::loudnessRange(with_quiet) == Approx(8.5).margin(1e-4));
    CHECK(analysis::loudnessRange(std::vector<float>(10, -120.0f)) == 0.0);
}

TEST_CASE("silence has no integrated loudness and no true peak, and is outside R128", "[analysis][audio]") {
    const auto file =
        test::generatedAudio("audio_silence_v1.wav", "-f lavfi -i anullsrc=r=48000:cl=stereo -t 5 -c:a pcm_s16le");
    const analysis::AudioAnalysis audio = test::analyzeAudioFile(file);
    CHECK_FALSE(audio.loudness.integrated_lufs);
    CHECK_FALSE(audio.loudness.true_peak_dbtp);
    CHECK_FALSE(audio.loudness.integrated_within_r128);
    CHECK(audio.loudness.true_peak_within_r128);
    CHECK(audio.loudness.lra_lu == 0.0);
    REQUIRE(audio.loudness_series.momentary_lufs.size() == 50);
    for (float value : audio.loudness_series.momentary_lufs) CHECK(value == -120.0f);
}

TEST_CASE("R128 flags: −23 LUFS within 1 LU and true peak at most −1 dBTP", "[analysis][audio]") {
    // Pink noise normalised by FFmpeg's loudnorm to −23 LUFS with −2 dBTP headroom, then the same 10 dB hotter.
    const auto compliant = test::generatedAudio(
        "audio_r128_compliant_v1.wav",
        "-f lavfi -i anoisesrc=c=pink:r=48000:a=0.1:seed=41:d=20 -af loudnorm=I=-23:TP=-2:LRA=7 -ar 48000 -ac 1 "
        "-c:a pcm_f32le");
    const auto hot = test::generatedAudio("audio_r128_hot_v2.wav",
                                          "-i \"" + compliant.string() + "\" -af volume=10dB -c:a pcm_f32le");
    const analysis::AudioAnalysis ok = test::analyzeAudioFile(compliant);
    REQUIRE(ok.loudness.integrated_lufs);
    CHECK(*ok.loudness.integrated_lufs == Approx(-23.0).margin(1.0));
    CHECK(ok.loudness.integrated_within_r128);
    CHECK(ok.loudness.true_peak_within_r128);
    const analysis::AudioAnalysis loud = test::analyzeAudioFile(hot);
    CHECK_FALSE(loud.loudness.integrated_within_r128);
    CHECK(*loud.loudness.integrated_lufs == Approx(*ok.loudness.integrated_lufs + 10.0).margin(0.05));
    CHECK_FALSE(loud.loudness.true_peak_within_r128);
}
