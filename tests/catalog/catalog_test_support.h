// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "catalog/asset_store.h"
#include "catalog/consistency.h"
#include "catalog/database.h"
#include "catalog/migrations.h"
#include "catalog/project_store.h"
#include "catalog/rows.h"

namespace rushes::test {

// A fresh folder under the system temp dir, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A migrated catalog in its own temp folder.
struct TempCatalog {
    TempDir dir;
    std::filesystem::path file = dir.path() / "catalog" / "rushes.db";
    catalog::Database db{file};
    TempCatalog() { catalog::migrate(db); }
};

// A catalog with one project, one volume and one asset, the usual parents of what a test stores.
struct SeededCatalog : TempCatalog {
    catalog::Project project;
    catalog::Volume volume;
    catalog::Asset asset;
    SeededCatalog();
};

[[nodiscard]] catalog::Asset sampleAsset(const std::string& project_id, const std::string& volume_id,
                                         const std::string& rel_path);

// Migration harness: sample rows written with raw SQL exactly as a catalog at `version` holds them, and
// the check that they are all still there after migrating to the latest version. Version 0 has no rows.
// Adding schema version N means adding a seed for N here; the old seeds stay.
void seedAtVersion(catalog::Database& db, int version);
void requireSeedSurvived(catalog::Database& db, int seeded_version);

[[nodiscard]] int64_t countRows(catalog::Database& db, const std::string& sql);

}  // namespace rushes::test

// checkConsistency() must report nothing; on failure the violations are printed.
#define REQUIRE_CONSISTENT(database)                                          \
    do {                                                                      \
        const auto violations_ = rushes::catalog::checkConsistency(database); \
        INFO(rushes::catalog::describe(violations_));                         \
        REQUIRE(violations_.empty());                                         \
    } while (false)
