// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rushes::catalog {

class Database;

// One full-text match: which kind of row ("asset", "segment", "tag") and its id.
struct TextHit {
    std::string kind;
    std::string row_id;
};

// Live assets (by file name), segments (by note) and tags (by name) whose text contains every word of
// `query`, best match first. Each word is matched as a literal prefix ("inter" finds "interview"),
// diacritics and case ignored. The query is never parsed as FTS5 syntax, so any text an editor types —
// quotes, NEAR, '*', '-' — is safe and cannot fail or widen the search.
[[nodiscard]] std::vector<TextHit> searchText(Database& db, std::string_view query, int limit = 100);

}  // namespace rushes::catalog
