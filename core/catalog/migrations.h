// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rushes::catalog {

class Database;

// One schema change. Step k takes a catalog from user_version k-1 to k.
struct MigrationStep {
    int version = 0;
    std::string_view summary;
    std::string sql;
};

// Every step in order; steps()[i].version == i + 1. Released steps are never edited.
[[nodiscard]] const std::vector<MigrationStep>& migrationSteps();
[[nodiscard]] int latestSchemaVersion();

// PRAGMA user_version of the catalog: 0 for a new file.
[[nodiscard]] int schemaVersion(Database& db);

// Brings a catalog at any earlier version to the newest, one step per transaction, so a crash or an error
// leaves it at the last completed version. A catalog newer than this build is refused with
// ErrorKind::Unsupported and left untouched.
void migrate(Database& db);

// Same, but stops at `target_version` — for tests that build a catalog as an older release left it.
// Throws ErrorKind::InvalidArgument for an unknown target, ErrorKind::Unsupported to go backwards.
void migrateTo(Database& db, int target_version);

}  // namespace rushes::catalog
