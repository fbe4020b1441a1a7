// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"

using namespace rushes;
using namespace rushes::catalog;
using Catch::Matchers::Contains;

TEST_CASE("a new catalog migrates to the latest schema version", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    CHECK(schemaVersion(db) == 0);
    migrate(db);
    CHECK(schemaVersion(db) == latestSchemaVersion());
    CHECK(latestSchemaVersion() == int(migrationSteps().size()));
    REQUIRE_CONSISTENT(db);
}

TEST_CASE("migration steps are numbered 1, 2, 3, … with no gaps", "[catalog]") {
    int expected = 1;
    for (const auto& step : migrationSteps()) {
        CHECK(step.version == expected++);
        CHECK_FALSE(step.summary.empty());
    }
}

TEST_CASE("a catalog built at every earlier version migrates to the latest with its data intact", "[catalog]") {
    for (int version = 0; version <= latestSchemaVersion(); ++version) {
        INFO("catalog built at schema version " << version);
        test::TempDir dir;
        {
            Database db(dir.path() / "rushes.db");
            migrateTo(db, version);
            REQUIRE(schemaVersion(db) == version);
            test::seedAtVersion(db, version);
        }
        Database db(dir.path() / "rushes.db");  // reopened, as the next release would
        migrate(db);
        CHECK(schemaVersion(db) == latestSchemaVersion());
        test::requireSeedSurvived(db, version);
        REQUIRE_CONSISTENT(db);
    }
}

TEST_CASE("migrating an up-to-date catalog changes nothing", "[catalog]") {
    test::SeededCatalog catalog;
    const auto outbox = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    migrate(catalog.db);
    CHECK(schemaVersion(catalog.db) == latestSchemaVersion());
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == outbox);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM sync_state WHERE key = 'site_id'") == 1);
}

TEST_CASE("a catalog from a newer Rushes is refused and left untouched", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    const int newer = latestSchemaVersion() + 1;
    db.execute("CREATE TABLE future_table(x INTEGER); PRAGMA user_version = " + std::to_string(newer));
    try {
        migrate(db);
        FAIL("a newer catalog must be refused");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Unsupported);
        CHECK_THAT(error.what(), Contains("rushes.db"));
        CHECK_THAT(error.reason(), Contains("newer than this build"));
    }
    CHECK(schemaVersion(db) == newer);
    CHECK(test::countRows(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'project'") == 0);
}

TEST_CASE("migrations never go backwards or to an unknown version", "[catalog]") {
    test::TempCatalog catalog;
    CHECK_THROWS_AS(migrateTo(catalog.db, 0), Error);
    CHECK_THROWS_AS(migrateTo(catalog.db, latestSchemaVersion() + 1), Error);
    CHECK(schemaVersion(catalog.db) == latestSchemaVersion());
}

TEST_CASE("migration turns foreign key enforcement back on afterwards", "[catalog]") {
    test::TempCatalog catalog;
    CHECK(catalog.db.queryInt64("PRAGMA foreign_keys") == 1);
}
