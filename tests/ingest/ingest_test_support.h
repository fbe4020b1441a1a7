// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <tuple>

#include "catalog/database.h"

namespace rushes::test {

// A fake camera card made of the media fixtures (good and broken), a nested
// folder, a sidecar and a hidden file — what ingest meets in the field.
void makeCard(const std::filesystem::path& card, int copies = 1);

// What a catalog says about its assets, comparable across runs: (path, hash, status).
using AssetFacts = std::set<std::tuple<std::string, std::string, std::string>>;
AssetFacts assetFacts(catalog::Database& db);

}  // namespace rushes::test
