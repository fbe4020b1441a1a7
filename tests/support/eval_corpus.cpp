// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/eval_corpus.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace rushes::test {

std::filesystem::path evalDir() {
    const char* dir = std::getenv("RUSHES_EVAL_DIR");
    return dir && *dir ? dir : RUSHES_DEFAULT_EVAL_DIR;
}

std::filesystem::path evalClip(const std::string& clip) {
    return evalDir() / (clip + ".mp4");
}

nlohmann::json evalTruth(const std::string& clip) {
    const auto path = evalDir() / (clip + ".mp4.json");
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string() + " (run tests/eval/generate_eval.py)");
    return nlohmann::json::parse(in);
}

}  // namespace rushes::test
