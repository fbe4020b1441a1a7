// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/sql_functions.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace rushes::catalog {

namespace {

// Parses "[1,2,3]" (spaces allowed). False for anything else, including values out of order.
bool parseSortedIntegers(std::string_view text, std::vector<int64_t>& out) {
    const auto skipSpaces = [&](size_t at) {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r')) ++at;
        return at;
    };
    size_t at = skipSpaces(0);
    if (at >= text.size() || text[at] != '[') return false;
    at = skipSpaces(at + 1);
    if (at < text.size() && text[at] == ']') return skipSpaces(at + 1) == text.size();
    while (at < text.size()) {
        int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
        if (error != std::errc{}) return false;
        if (!out.empty() && value < out.back()) return false;
        out.push_back(value);
        at = skipSpaces(size_t(end - text.data()));
        if (at < text.size() && text[at] == ']') return skipSpaces(at + 1) == text.size();
        if (at >= text.size() || text[at] != ',') return false;
        at = skipSpaces(at + 1);
    }
    return false;
}

void inSorted(sqlite3_context* context, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
    const bool integer = sqlite3_value_numeric_type(argv[1]) == SQLITE_INTEGER;
    const int64_t value = sqlite3_value_int64(argv[1]);
    if (const auto* set = static_cast<const std::vector<int64_t>*>(sqlite3_get_auxdata(context, 0))) {
        return sqlite3_result_int(context, integer && std::binary_search(set->begin(), set->end(), value) ? 1 : 0);
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    auto parsed = std::make_unique<std::vector<int64_t>>();
    if (text == nullptr || !parseSortedIntegers({text, size_t(sqlite3_value_bytes(argv[0]))}, *parsed)) {
        return sqlite3_result_error(context, "rushes_in_sorted: the set is not a JSON array of ascending integers", -1);
    }
    const bool found = integer && std::binary_search(parsed->begin(), parsed->end(), value);
    // SQLite owns the set from here, keeps it for the next calls of this statement run, and frees it with
    // the deleter (at once, if it cannot keep it).
    sqlite3_set_auxdata(context, 0, parsed.release(), [](void* p) { delete static_cast<std::vector<int64_t>*>(p); });
    sqlite3_result_int(context, found ? 1 : 0);
}

}  // namespace

void registerCatalogFunctions(sqlite3* connection) {
    sqlite3_create_function_v2(connection, "rushes_in_sorted", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr, inSorted, nullptr,
                               nullptr, nullptr);
}

}  // namespace rushes::catalog
