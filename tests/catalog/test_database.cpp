// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>

#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"

using namespace rushes;
using namespace rushes::catalog;
using Catch::Matchers::Contains;

TEST_CASE("opening a catalog creates the file and its missing parent folders", "[catalog]") {
    test::TempDir dir;
    const auto file = dir.path() / "a" / "b" / "rushes.db";
    Database db(file);
    CHECK(std::filesystem::exists(file));
    CHECK(db.path() == file);
}

TEST_CASE("a catalog connection runs in WAL mode with foreign keys on and synchronous NORMAL", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    CHECK(db.queryText("PRAGMA journal_mode") == "wal");
    CHECK(db.queryInt64("PRAGMA foreign_keys") == 1);
    CHECK(db.queryInt64("PRAGMA synchronous") == 1);  // NORMAL
    CHECK(db.queryInt64("PRAGMA busy_timeout") == 5000);
}

TEST_CASE("a statement binds typed values and reads them back, nulls included", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT)");
    const std::optional<std::string> none;
    db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        .bindAll(int64_t(9'007'199'254'740'993), 0.25, std::string("Ärger \"quoted\""), none)
        .run();
    Statement read = db.prepare("SELECT i, r, s, n FROM t");
    REQUIRE(read.step());
    CHECK(read.int64At(0) == 9'007'199'254'740'993);  // above 2^53: no trip through double
    CHECK(read.doubleAt(1) == 0.25);
    CHECK(read.textAt(2) == "Ärger \"quoted\"");
    CHECK(read.isNull(3));
    CHECK_FALSE(read.optionalTextAt(3).has_value());
    CHECK_FALSE(read.step());
}

TEST_CASE("the statement cache hands a nested use of the same SQL its own statement", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    db.execute("CREATE TABLE t(i INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const std::string sql = "SELECT i FROM t WHERE i >= ?1 ORDER BY i";
    int64_t pairs = 0;
    Statement outer = db.prepare(sql);
    outer.bindAll(1);
    while (outer.step()) {
        Statement inner = db.prepare(sql);  // same text while the outer one is mid-iteration
        inner.bindAll(outer.int64At(0));
        while (inner.step()) ++pairs;
    }
    CHECK(pairs == 3 + 2 + 1);
}

TEST_CASE("SQL errors name the catalog file and SQLite's reason", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    try {
        (void)db.prepare("SELECT * FROM no_such_table");
        FAIL("prepare should throw");
    } catch (const Error& error) {
        CHECK(error.subject() == (dir.path() / "rushes.db").string());
        CHECK_THAT(error.reason(), Contains("no such table: no_such_table"));
    }
}

TEST_CASE("a file that is not a catalog is refused as corrupt, naming the file", "[catalog]") {
    test::TempDir dir;
    const auto file = dir.path() / "notes.db";
    std::ofstream(file) << std::string(4096, 'x');
    try {
        Database db(file);
        FAIL("opening garbage should throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Corrupt);
        CHECK_THAT(error.what(), Contains("notes.db"));
    }
}

TEST_CASE("a transaction that throws leaves nothing behind", "[catalog]") {
    test::SeededCatalog catalog;
    SegmentStore segments(catalog.db);
    const auto outbox_before = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    try {
        Transaction transaction(catalog.db);
        Segment segment;
        segment.asset_id = catalog.asset.id;
        segment.in_ticks = 0;
        segment.out_ticks = 100;
        segment.time_base = Rational{1, 25};
        segment.note = "never committed";
        (void)segments.add(segment);
        (void)segments.add(segment);
        throw std::runtime_error("editor cancelled");
    } catch (const std::runtime_error&) {
    }
    CHECK(segments.listForAsset(catalog.asset.id).empty());
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == outbox_before);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM search_doc WHERE kind = 'segment'") == 0);
    CHECK_FALSE(catalog.db.inTransaction());
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("a nested transaction that throws rolls back only its own writes", "[catalog]") {
    test::TempDir dir;
    Database db(dir.path() / "rushes.db");
    db.execute("CREATE TABLE t(i INTEGER)");
    {
        Transaction outer(db);
        db.execute("INSERT INTO t VALUES (1)");
        try {
            Transaction inner(db);
            db.execute("INSERT INTO t VALUES (2)");
            throw std::runtime_error("inner failure");
        } catch (const std::runtime_error&) {
        }
        db.execute("INSERT INTO t VALUES (3)");
        outer.commit();
    }
    CHECK(test::countRows(db, "SELECT group_concat(i, '') FROM t") == 13);
}

TEST_CASE("a second writer waits for the busy timeout and then fails as busy", "[catalog]") {
    test::TempDir dir;
    Database first(dir.path() / "rushes.db");
    Database second(dir.path() / "rushes.db", DatabaseOptions{50});
    first.execute("CREATE TABLE t(i INTEGER)");
    Transaction holding(first);
    try {
        Transaction blocked(second);
        FAIL("the second writer should not get the lock");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Busy);
    }
}

TEST_CASE("every connection can ask whether an integer is in a sorted JSON array", "[catalog]") {
    test::TempCatalog catalog;
    const auto in = [&](const std::string& set, const std::string& value) {
        return catalog.db.queryInt64("SELECT rushes_in_sorted('" + set + "', " + value + ")");
    };
    CHECK(in("[1,5,9]", "5") == 1);
    CHECK(in("[1,5,9]", "4") == 0);
    CHECK(in("[ 1, 5 ,9 ]", "9") == 1);
    CHECK(in("[]", "1") == 0);
    CHECK(in("[3298534883328]", "3298534883328") == 1);
    CHECK(in("[1,5,9]", "5.5") == 0);
    CHECK_FALSE(in("[1,5,9]", "NULL").has_value());
    // Each row of one statement run reuses the parsed set.
    CHECK(catalog.db.queryInt64("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)"
                                " SELECT sum(rushes_in_sorted('[2,4,6,8]', i)) FROM n") == 4);
    for (const char* bad : {"[5,1]", "[1,x]", "{}", "[1,", "1"}) {
        INFO(bad);
        CHECK_THROWS_AS(in(bad, "1"), Error);
    }
    // Not usable from the schema, so other SQLite tools can always open a catalog.
    CHECK_THROWS_AS(catalog.db.execute("CREATE VIEW v AS SELECT rushes_in_sorted('[1]', 1); SELECT * FROM v"), Error);
}
