// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

#include "catalog/uuid.h"

using namespace rushes::catalog;

TEST_CASE("a UUIDv7 is canonical lowercase text with version 7, the RFC variant and the current time", "[catalog]") {
    UuidV7Generator generator([] { return int64_t(0x0190c6e27b1a); }, 42);
    const Uuid uuid = generator.next();
    const std::string text = uuid.toString();
    REQUIRE(text.size() == 36);
    CHECK(text.substr(0, 14) == "0190c6e2-7b1a-");
    CHECK(text[14] == '7');
    CHECK((text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b'));
    CHECK(uuid.version() == 7);
    CHECK(uuid.unixMs() == 0x0190c6e27b1a);
    CHECK(isUuidV7Text(text));
    CHECK(Uuid::parse(text) == uuid);
}

TEST_CASE("UUIDv7 ids from one generator strictly increase, also within one millisecond", "[catalog]") {
    UuidV7Generator generator([] { return int64_t(1'700'000'000'000); }, 7);  // a frozen clock
    std::string previous = generator.nextText();
    for (int i = 0; i < 100'000; ++i) {
        std::string next = generator.nextText();
        REQUIRE(previous < next);  // text order is byte order: what SQLite indexes see
        previous = std::move(next);
    }
}

TEST_CASE("UUIDv7 ids keep increasing when the wall clock steps back", "[catalog]") {
    int64_t now = 2'000'000;
    UuidV7Generator generator([&] { return now; }, 1);
    const Uuid before = generator.next();
    now -= 1000;
    const Uuid after = generator.next();
    CHECK(before < after);
    CHECK(after.unixMs() == 2'000'000);
}

TEST_CASE("100k UUIDv7 ids from the system clock are unique and ordered", "[catalog]") {
    UuidV7Generator generator;
    std::vector<std::string> ids;
    ids.reserve(100'000);
    for (int i = 0; i < 100'000; ++i) ids.push_back(generator.nextText());
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    for (size_t i = 0; i < ids.size(); i += 997) REQUIRE(isUuidV7Text(ids[i]));
}

TEST_CASE("one UUIDv7 generator shared by threads never repeats an id", "[catalog]") {
    UuidV7Generator generator;
    std::vector<std::vector<std::string>> per_thread(4);
    {
        std::vector<std::jthread> threads;
        for (auto& ids : per_thread) {
            threads.emplace_back([&generator, &ids] {
                for (int i = 0; i < 10'000; ++i) ids.push_back(generator.nextText());
            });
        }
    }
    std::set<std::string> all;
    for (const auto& ids : per_thread) {
        CHECK(std::is_sorted(ids.begin(), ids.end()));
        all.insert(ids.begin(), ids.end());
    }
    CHECK(all.size() == 40'000);
}

TEST_CASE("the UUID parser and validator refuse anything but canonical UUIDv7 text", "[catalog]") {
    CHECK(isUuidV7Text("0190c6e2-7b1a-7def-8abc-0123456789ab"));
    CHECK_FALSE(isUuidV7Text("0190C6E2-7B1A-7DEF-8ABC-0123456789AB"));  // upper case: parses, not canonical
    CHECK(Uuid::parse("0190C6E2-7B1A-7DEF-8ABC-0123456789AB").has_value());
    CHECK_FALSE(isUuidV7Text("0190c6e2-7b1a-4def-8abc-0123456789ab"));             // version 4
    CHECK_FALSE(isUuidV7Text("0190c6e2-7b1a-7def-cabc-0123456789ab"));             // wrong variant
    CHECK_FALSE(Uuid::parse("0190c6e27b1a7def8abc0123456789ab").has_value());      // no dashes
    CHECK_FALSE(Uuid::parse("0190c6e2-7b1a-7def-8abc-0123456789a").has_value());   // short
    CHECK_FALSE(Uuid::parse("0190c6e2-7b1a-7def-8abc-0123456789ag").has_value());  // not hex
    CHECK_FALSE(Uuid::parse("0190c6e2+7b1a-7def-8abc-0123456789ab").has_value());  // wrong separator
    CHECK_FALSE(Uuid::parse("").has_value());
    CHECK_FALSE(isUuidV7Text("'; DROP TABLE segment; --"));
}
