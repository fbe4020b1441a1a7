// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace rushes::test {

// The labelled evaluation corpus of tests/eval (RUSHES_EVAL_DIR in the
// environment, else where the eval.generate CTest fixture writes it).
std::filesystem::path evalDir();
// `<clip>.mp4` in the corpus, and its truth (`<clip>.mp4.json`).
std::filesystem::path evalClip(const std::string& clip);
nlohmann::json evalTruth(const std::string& clip);

}  // namespace rushes::test
