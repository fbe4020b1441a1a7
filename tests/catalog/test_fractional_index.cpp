// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "catalog/fractional_index.h"

using namespace rushes::catalog;

TEST_CASE("a fractional key lies strictly between its neighbours and never ends in the lowest digit", "[catalog]") {
    CHECK(fractionalKeyBetween(std::nullopt, std::nullopt) == "V");
    CHECK(fractionalKeyBetween(std::string_view("V"), std::string_view("W")) == "VV");
    CHECK(fractionalKeyBetween(std::string_view("V"), std::string_view("V5")) == "V3");
    CHECK(fractionalKeyBetween(std::string_view("V"), std::string_view("V01")) == "V00V");
    CHECK(fractionalKeyBetween(std::nullopt, std::string_view("1")) == "0V");
    CHECK(fractionalKeyAfter(std::string_view("V")) == "W");
    CHECK(fractionalKeyAfter(std::string_view("z")) == "zV");
    CHECK(fractionalKeyAfter(std::string_view("Vz")) == "W");
    CHECK_THROWS_AS(fractionalKeyBetween(std::string_view("W"), std::string_view("V")), std::invalid_argument);
    CHECK_THROWS_AS(fractionalKeyBetween(std::string_view("V"), std::string_view("V")), std::invalid_argument);
    CHECK_THROWS_AS(fractionalKeyBetween(std::string_view("V0"), std::nullopt), std::invalid_argument);
    CHECK_THROWS_AS(fractionalKeyAfter(std::string_view("a-b")), std::invalid_argument);
}

TEST_CASE("random inserts into a list keep every key valid, unique and in list order", "[catalog]") {
    std::mt19937 random(20260724);
    std::vector<std::string> keys;
    for (int step = 0; step < 3000; ++step) {
        const size_t at = std::uniform_int_distribution<size_t>(0, keys.size())(random);
        const auto before = at > 0 ? std::optional<std::string_view>(keys[at - 1]) : std::nullopt;
        const auto after = at < keys.size() ? std::optional<std::string_view>(keys[at]) : std::nullopt;
        keys.insert(keys.begin() + std::ptrdiff_t(at), fractionalKeyBetween(before, after));
    }
    REQUIRE(std::is_sorted(keys.begin(), keys.end()));
    REQUIRE(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    for (const auto& key : keys) REQUIRE(isFractionalKey(key));
}

TEST_CASE("appending a thousand items one at a time keeps keys short", "[catalog]") {
    std::optional<std::string> last;
    for (int i = 0; i < 1000; ++i) {
        std::string next = fractionalKeyAfter(last);
        if (last) REQUIRE(*last < next);
        last = std::move(next);
    }
    CHECK(last->size() <= 40);
}
