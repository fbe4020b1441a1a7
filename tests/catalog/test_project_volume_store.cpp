// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/uuid.h"

using namespace rushes;
using namespace rushes::catalog;

TEST_CASE("a project is created, renamed and listed by name", "[catalog]") {
    test::TempCatalog catalog;
    ProjectStore projects(catalog.db);
    const Project b = projects.create("B-roll 2026");
    REQUIRE_CONSISTENT(catalog.db);
    const Project a = projects.create("Archive");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(isUuidV7Text(a.id));
    projects.rename(b.id, "Bundesliga");
    REQUIRE_CONSISTENT(catalog.db);
    const auto list = projects.list();
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == "Archive");
    CHECK(list[1].name == "Bundesliga");
    CHECK(list[1].updated_hlc > b.updated_hlc);
}

TEST_CASE("an empty project is tombstoned but one with assets is not", "[catalog]") {
    test::SeededCatalog catalog;
    ProjectStore projects(catalog.db);
    try {
        projects.remove(catalog.project.id);
        FAIL("a project with live assets must not be deleted");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Conflict);
    }
    const Project empty = projects.create("Empty");
    projects.remove(empty.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(projects.list().size() == 1);
    REQUIRE(projects.find(empty.id).has_value());
    CHECK(projects.find(empty.id)->deleted);
}

TEST_CASE("a project name cannot be empty and an unknown project cannot be renamed", "[catalog]") {
    test::TempCatalog catalog;
    ProjectStore projects(catalog.db);
    CHECK_THROWS_AS(projects.create(""), Error);
    try {
        projects.rename(UuidV7Generator().nextText(), "x");
        FAIL("renaming a missing project must fail");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::NotFound);
    }
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("a volume is found again by its filesystem UUID and remembers where it was mounted", "[catalog]") {
    test::TempCatalog catalog;
    VolumeStore volumes(catalog.db);
    Volume card;
    card.label = "CARD_B";
    card.fs_uuid = "1234-ABCD";
    const Volume stored = volumes.create(card);
    REQUIRE_CONSISTENT(catalog.db);
    volumes.updateMountPath(stored.id, "/media/editor/CARD_B1");
    REQUIRE_CONSISTENT(catalog.db);
    const auto found = volumes.findByFsUuid("1234-ABCD");
    REQUIRE(found.has_value());
    CHECK(found->id == stored.id);
    CHECK(found->last_mount_path == "/media/editor/CARD_B1");
    CHECK_FALSE(volumes.findByFsUuid("FFFF-0000").has_value());
    CHECK(volumes.list().size() == 1);
}
