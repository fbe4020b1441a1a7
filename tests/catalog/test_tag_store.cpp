// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_test_support.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {
struct TaggedCatalog : test::SeededCatalog {
    SegmentStore segments{db};
    TagStore tags{db};
    Segment segment;
    TaggedCatalog() {
        Segment s;
        s.asset_id = asset.id;
        s.out_ticks = 250;
        s.time_base = Rational{1, 25};
        segment = segments.add(s);
    }
};

std::vector<std::string> names(const std::vector<Tag>& tags) {
    std::vector<std::string> out;
    for (const auto& tag : tags) out.push_back(tag.name);
    return out;
}
}  // namespace

TEST_CASE("a tag is added to, removed from and re-added to a segment as one register", "[catalog]") {
    TaggedCatalog catalog;
    const Tag goal = catalog.tags.tagSegment(catalog.segment.id, "Goal");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(names(catalog.tags.tagsForSegment(catalog.segment.id)) == std::vector<std::string>{"Goal"});

    catalog.tags.removeFromSegment(catalog.segment.id, goal.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.tags.tagsForSegment(catalog.segment.id).empty());
    CHECK(catalog.tags.segmentsWithTag(goal.id).empty());

    catalog.tags.addToSegment(catalog.segment.id, goal.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.tags.segmentsWithTag(goal.id) == std::vector<std::string>{catalog.segment.id});
    // Still one register row, written three times: three outbox entries for its present flag.
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM segment_tag") == 1);
    CHECK(test::countRows(catalog.db,
                          "SELECT group_concat(value_json, '') FROM (SELECT value_json FROM outbox "
                          "WHERE table_name = 'segment_tag' ORDER BY op_id)") == 101);
}

TEST_CASE("adding a present tag or removing an absent one writes nothing", "[catalog]") {
    TaggedCatalog catalog;
    const Tag goal = catalog.tags.tagSegment(catalog.segment.id, "goal");
    const Tag save = catalog.tags.ensureTag(catalog.project.id, "save");
    const auto outbox = test::countRows(catalog.db, "SELECT count(*) FROM outbox");
    catalog.tags.addToSegment(catalog.segment.id, goal.id);
    catalog.tags.removeFromSegment(catalog.segment.id, save.id);
    CHECK(test::countRows(catalog.db, "SELECT count(*) FROM outbox") == outbox);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("tag names are unique among live tags regardless of case, Unicode included", "[catalog]") {
    TaggedCatalog catalog;
    const Tag first = catalog.tags.ensureTag(catalog.project.id, "Ärger");
    CHECK(catalog.tags.ensureTag(catalog.project.id, "ÄRGER").id == first.id);
    CHECK(catalog.tags.ensureTag(catalog.project.id, "  ärger ").id == first.id);
    const Tag goal_ru = catalog.tags.ensureTag(catalog.project.id, "Гол");
    CHECK(catalog.tags.ensureTag(catalog.project.id, "гОЛ").id == goal_ru.id);
    const Tag goal_de = catalog.tags.ensureTag(catalog.project.id, "⚽ Tor");
    CHECK(catalog.tags.ensureTag(catalog.project.id, "⚽ TOR").id == goal_de.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(names(catalog.tags.vocabulary(catalog.project.id)) == std::vector<std::string>{"Ärger", "Гол", "⚽ Tor"});
    CHECK(catalog.tags.findByName(catalog.project.id, "äRGER")->id == first.id);

    const Tag other = catalog.tags.ensureTag(catalog.project.id, "Foul");
    try {
        catalog.tags.rename(other.id, "ärger");
        FAIL("a rename onto a live name must be refused");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Conflict);
    }
    // A tombstoned tag frees its name.
    catalog.tags.removeTag(first.id);
    catalog.tags.rename(other.id, "ärger");
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.tags.findByName(catalog.project.id, "ÄRGER")->id == other.id);
}

TEST_CASE("the same tag name in two projects is two tags", "[catalog]") {
    TaggedCatalog catalog;
    const Project second = ProjectStore(catalog.db).create("Second");
    CHECK(catalog.tags.ensureTag(catalog.project.id, "goal").id != catalog.tags.ensureTag(second.id, "goal").id);
    const Tag foreign = catalog.tags.ensureTag(second.id, "foreign");
    CHECK_THROWS_AS(catalog.tags.addToSegment(catalog.segment.id, foreign.id), Error);
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("tag names that are empty or not UTF-8 are refused", "[catalog]") {
    TaggedCatalog catalog;
    CHECK_THROWS_AS(catalog.tags.ensureTag(catalog.project.id, "   "), Error);
    CHECK_THROWS_AS(catalog.tags.ensureTag(catalog.project.id, "bad\xff"), Error);
    CHECK_THROWS_AS(catalog.tags.ensureTag(catalog.project.id, "\xc3"), Error);  // cut-off sequence
    CHECK_FALSE(tagNameKey("\xed\xa0\x80").has_value());                         // a UTF-16 surrogate
    CHECK_FALSE(tagNameKey("\xc0\xaf").has_value());                             // overlong '/'
    REQUIRE_CONSISTENT(catalog.db);
}

TEST_CASE("removing a tag clears it from every segment", "[catalog]") {
    TaggedCatalog catalog;
    const Tag goal = catalog.tags.tagSegment(catalog.segment.id, "goal");
    catalog.tags.removeTag(goal.id);
    REQUIRE_CONSISTENT(catalog.db);
    CHECK(catalog.tags.tagsForSegment(catalog.segment.id).empty());
    CHECK(catalog.tags.vocabulary(catalog.project.id).empty());
}
