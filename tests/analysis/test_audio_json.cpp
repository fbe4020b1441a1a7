// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "analysis/analysis_json.h"
#include "analysis/audio_json.h"
#include "analysis/audio_test_support.h"

using namespace rushes;

TEST_CASE("the audio half of the analyze JSON: qc entries, loudness and per-second columns", "[analysis][audio]") {
    const auto file = test::qcAudioClip(test::QcCodec::Pcm);
    const analysis::AudioAnalysis audio = test::analyzeAudioFile(file);
    nlohmann::json document = analysis::toJson(file, analysis::VideoAnalysis{});
    analysis::appendAudio(document, audio);

    const auto& qc = document.at("qc");
    REQUIRE(qc.size() == 2);
    CHECK(qc[0].at("kind") == "silence");
    CHECK(qc[0].at("start_s").get<double>() == Approx(3.0).margin(0.02));
    CHECK(qc[0].at("end_s").get<double>() == Approx(5.5).margin(0.02));
    CHECK(qc[0].at("start_sample").get<std::int64_t>() == audio.silences[0].start);
    CHECK(qc[1].at("kind") == "clipping");
    CHECK(qc[1].at("start_s").get<double>() == Approx(9.0).margin(0.02));

    const auto& loudness = document.at("loudness");
    CHECK(loudness.at("integrated_lufs").get<double>() == Approx(*audio.loudness.integrated_lufs));
    CHECK(loudness.at("lra_lu").get<double>() == Approx(audio.loudness.lra_lu));
    CHECK(loudness.at("true_peak_dbtp").get<double>() == Approx(*audio.loudness.true_peak_dbtp));
    CHECK(loudness.at("within_r128").at("true_peak") == false);  // the clipped tone peaks above 0 dBTP

    const auto& seconds = document.at("audio").at("seconds");
    for (const char* column : {"momentary_max_lufs", "short_term_lufs", "rms_dbfs", "spectral_flatness",
                               "spectral_flux", "voiced_fraction", "median_pitch_hz", "voiced_energy_dbfs"}) {
        INFO(column);
        CHECK(seconds.at(column).size() == audio.seconds.size());
    }
    CHECK(document.at("audio").at("loudness_series").at("momentary_lufs").size() ==
          audio.loudness_series.momentary_lufs.size());
}

TEST_CASE("silence writes null loudness rather than minus infinity", "[analysis][audio]") {
    const auto file =
        test::generatedAudio("audio_silence_v1.wav", "-f lavfi -i anullsrc=r=48000:cl=stereo -t 5 -c:a pcm_s16le");
    nlohmann::json document = nlohmann::json::object();
    analysis::appendAudio(document, test::analyzeAudioFile(file));
    CHECK(document.at("loudness").at("integrated_lufs").is_null());
    CHECK(document.at("loudness").at("true_peak_dbtp").is_null());
    CHECK(document.at("qc").size() == 1);
    CHECK_NOTHROW(document.dump());
}
