// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rushes::test {

// The folder tests/fixtures/generate.py filled (RUSHES_FIXTURE_DIR, set by CTest).
std::filesystem::path fixtureDir();
std::filesystem::path fixturePath(const std::string& name);
// Every fixture's truth JSON, in manifest order.
std::vector<nlohmann::json> allTruths();
nlohmann::json truthFor(const std::string& name);
// Fixtures with a decodable video stream and no expected error.
std::vector<std::string> goodVideoFixtures();

}  // namespace rushes::test
