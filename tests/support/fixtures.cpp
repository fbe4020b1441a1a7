// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fixtures.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace rushes::test {

std::filesystem::path fixtureDir() {
    const char* dir = std::getenv("RUSHES_FIXTURE_DIR");
    return dir && *dir ? dir : RUSHES_DEFAULT_FIXTURE_DIR;
}

std::filesystem::path fixturePath(const std::string& name) { return fixtureDir() / name; }

namespace {
nlohmann::json readJson(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return nlohmann::json::parse(in);
}
}  // namespace

nlohmann::json truthFor(const std::string& name) { return readJson(fixtureDir() / (name + ".json")); }

std::vector<nlohmann::json> allTruths() {
    std::vector<nlohmann::json> truths;
    const nlohmann::json manifest = readJson(fixtureDir() / "manifest.json");
    for (const auto& name : manifest.at("fixtures")) {
        truths.push_back(truthFor(name.get<std::string>()));
    }
    return truths;
}

std::vector<std::string> goodVideoFixtures() {
    std::vector<std::string> names;
    for (const auto& truth : allTruths()) {
        if (truth.value("expect_error", nlohmann::json()).is_null() && truth.contains("video") &&
            !truth["video"].is_null()) {
            names.push_back(truth.at("file").get<std::string>());
        }
    }
    return names;
}

}  // namespace rushes::test
