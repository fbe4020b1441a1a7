// SPDX-License-Identifier: GPL-3.0-or-later
// Audio QC and loudness on the labelled evaluation corpus (tests/eval/README.md).
// Hidden from the default run (the corpus takes ~45 s to generate):
//   RUSHES_EVAL_DIR=/path/to/corpus test_analysis "[eval]"
#include <fmt/core.h>

#include <catch2/catch.hpp>

#include "support/eval_corpus.h"
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analysis/audio_test_support.h"

using namespace rushes;
using nlohmann::json;

namespace {

// The corpus CTest's eval.generate fixture made (RUSHES_EVAL_DIR overrides it).
std::filesystem::path evalDir() {
    const std::filesystem::path dir = test::evalDir();
    INFO("no corpus at " << dir << ": run tests/eval/generate_eval.py there or set RUSHES_EVAL_DIR");
    REQUIRE(std::filesystem::exists(dir / "manifest.json"));
    return dir;
}

json readJson(const std::filesystem::path& path) {
    std::ifstream in(path);
    REQUIRE(in);
    return json::parse(in);
}

// The truth holds FFmpeg's summary, rounded to 0.1. FFmpeg's meter itself bins loudness in 0.01 LU
// steps, so a value on a rounding edge may round either way: allow the half step plus one bin.
constexpr double kTruthTolerance = 0.05 + 0.01;

// Matches detections to labels one to one with both boundaries within `tolerance`;
// returns the worst boundary error in samples. Every detection and label must match.
std::int64_t matchRuns(const std::vector<analysis::SampleRun>& found, const std::vector<analysis::SampleRun>& truth,
                       std::int64_t tolerance) {
    std::vector<bool> used(found.size(), false);
    std::int64_t worst = 0;
    for (const analysis::SampleRun& label : truth) {
        bool matched = false;
        for (std::size_t i = 0; i < found.size() && !matched; ++i) {
            const std::int64_t error =
                std::max(std::llabs(found[i].start - label.start), std::llabs(found[i].end - label.end));
            if (!used[i] && error <= tolerance) {
                used[i] = matched = true;
                worst = std::max(worst, error);
            }
        }
        INFO("label [" << label.start << ", " << label.end << ")");
        CHECK(matched);
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        INFO("unlabelled detection [" << found[i].start << ", " << found[i].end << ")");
        CHECK(used[i]);
    }
    return worst;
}

}  // namespace

TEST_CASE("evaluation corpus: silence and clipping within 20 ms and loudness as labelled with no near miss",
          "[.eval][audio]") {
    const std::filesystem::path dir = evalDir();
    const json manifest = readJson(dir / "manifest.json");
    for (const auto& entry : manifest.at("clips")) {
        const std::string file = entry.get<std::string>();
        INFO(file);
        const json truth = readJson(dir / (file + ".json"));
        const analysis::AudioAnalysis audio = test::analyzeAudioFile(dir / file);
        REQUIRE(audio.sample_rate == 48000);
        std::vector<analysis::SampleRun> silences, clipping;
        for (const auto& label : truth.at("qc")) {
            const std::string kind = label.at("kind");
            if (kind != "silence" && kind != "clipping") continue;
            (kind == "silence" ? silences : clipping)
                .push_back({label.at("start_sample").get<std::int64_t>(), label.at("end_sample").get<std::int64_t>()});
        }
        const std::int64_t tolerance = audio.sample_rate / 50;  // 20 ms
        const std::int64_t silence_error = matchRuns(audio.silences, silences, tolerance);
        const std::int64_t clipping_error = matchRuns(audio.clipping, clipping, tolerance);

        const json& loudness = truth.at("loudness");
        REQUIRE(audio.loudness.integrated_lufs);
        REQUIRE(audio.loudness.true_peak_dbtp);
        CHECK(*audio.loudness.integrated_lufs ==
              Approx(loudness.at("integrated_lufs").get<double>()).margin(kTruthTolerance));
        CHECK(audio.loudness.lra_lu == Approx(loudness.at("lra_lu").get<double>()).margin(kTruthTolerance));
        CHECK(*audio.loudness.true_peak_dbtp ==
              Approx(loudness.at("true_peak_dbtp").get<double>()).margin(kTruthTolerance));
        fmt::print(
            "{:<18} silence {}/{} worst {:.2f} ms, clipping {}/{} worst {:.2f} ms; "
            "I {:.2f} LUFS (truth {}), LRA {:.2f} LU ({}), TP {:.2f} dBTP ({})\n",
            file, audio.silences.size(), silences.size(), 1000.0 * silence_error / audio.sample_rate,
            audio.clipping.size(), clipping.size(), 1000.0 * clipping_error / audio.sample_rate,
            *audio.loudness.integrated_lufs, loudness.at("integrated_lufs").dump(), audio.loudness.lra_lu,
            loudness.at("lra_lu").dump(), *audio.loudness.true_peak_dbtp, loudness.at("true_peak_dbtp").dump());
    }
}
