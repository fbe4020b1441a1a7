// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/migrations.h"

#include "catalog/database.h"
#include "catalog/migration_steps.h"

namespace rushes::catalog {

namespace {

std::vector<MigrationStep> buildSteps() {
    std::vector<MigrationStep> list;
    list.push_back({1, "initial catalog: projects, volumes, assets, analysis, segments, tags, reels, sync tables",
                    steps::schemaV1Sql()});
    list.push_back({2, "search indexes: segments in result order, tags by key", steps::schemaV2Sql()});
    list.push_back({3, "covering index for the best-score-first search walk", steps::schemaV3Sql()});
    list.push_back({4, "analysis series: per-frame features and per-second curves of each run", steps::schemaV4Sql()});
    list.push_back({5, "reel items trim their segment for that reel alone", steps::schemaV5Sql()});
    list.push_back({6, "search planner inputs: each tag's segments best score first, tag counts, assets by day",
                    steps::schemaV6Sql()});
    // The next version goes here; never edit the steps above.
    return list;
}

// Turns foreign key enforcement back on however a migration ends.
class ForeignKeysOffScope {
public:
    explicit ForeignKeysOffScope(Database& db) : db_(db) { db_.execute("PRAGMA foreign_keys=OFF"); }
    ForeignKeysOffScope(const ForeignKeysOffScope&) = delete;
    ForeignKeysOffScope& operator=(const ForeignKeysOffScope&) = delete;
    ~ForeignKeysOffScope() { sqlite3_exec(db_.handle(), "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr); }

private:
    Database& db_;
};

void applyStep(Database& db, const MigrationStep& step) {
    Transaction transaction(db);
    // Re-read under the write lock: another process may have migrated while we waited for it.
    if (schemaVersion(db) >= step.version) return;
    try {
        db.execute(step.sql);
    } catch (const Error& error) {
        throw Error(error.kind(), db.path().string(),
                    "migration to schema version " + std::to_string(step.version) + " failed: " + error.reason());
    }
    Statement violations = db.prepare("PRAGMA foreign_key_check");
    if (violations.step()) {
        throw Error(ErrorKind::Corrupt, db.path().string(),
                    "migration to schema version " + std::to_string(step.version) + " left a row in table " +
                        violations.textAt(0) + " pointing at a missing " + violations.textAt(2) + " row");
    }
    db.execute("PRAGMA user_version = " + std::to_string(step.version));
    transaction.commit();
}

}  // namespace

const std::vector<MigrationStep>& migrationSteps() {
    static const std::vector<MigrationStep> list = buildSteps();
    return list;
}

int latestSchemaVersion() {
    return int(migrationSteps().size());
}

int schemaVersion(Database& db) {
    return int(db.queryInt64("PRAGMA user_version").value_or(0));
}

void migrate(Database& db) {
    migrateTo(db, latestSchemaVersion());
}

void migrateTo(Database& db, int target_version) {
    const int latest = latestSchemaVersion();
    if (target_version < 0 || target_version > latest) {
        throw Error(ErrorKind::InvalidArgument, db.path().string(),
                    "no schema version " + std::to_string(target_version) + " (this build knows 0.." +
                        std::to_string(latest) + ")");
    }
    const int current = schemaVersion(db);
    if (current > latest) {
        throw Error(ErrorKind::Unsupported, db.path().string(),
                    "catalog schema version " + std::to_string(current) +
                        " is newer than this build of Rushes knows (" + std::to_string(latest) +
                        "); open it with a newer Rushes");
    }
    if (current > target_version) {
        throw Error(ErrorKind::Unsupported, db.path().string(),
                    "catalog is at schema version " + std::to_string(current) + "; migrations never go back to " +
                        std::to_string(target_version));
    }
    if (current == target_version) return;
    if (db.inTransaction()) {
        throw Error(ErrorKind::Internal, db.path().string(), "migrations cannot run inside a transaction");
    }
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched off around the steps: a step
    // may then rebuild a table the way SQLite's ALTER TABLE guide prescribes, and proves the references
    // intact with foreign_key_check before it commits.
    ForeignKeysOffScope foreign_keys_off(db);
    for (const auto& step : migrationSteps()) {
        if (step.version > current && step.version <= target_version) applyStep(db, step);
    }
}

}  // namespace rushes::catalog
