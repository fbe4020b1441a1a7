// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace rushes::catalog {

class Database;

// One broken rule, e.g. {"live_child_of_tombstone", "segment 0190… (asset_id) -> asset 0190… is deleted"}.
struct ConsistencyViolation {
    std::string rule;
    std::string detail;
};

// Checks every invariant of the catalog that SQLite's own constraints cannot express (and the ones they
// can, in case a row came in with enforcement off): integrity_check, foreign keys, orphan memberships, live
// rows under tombstoned parents, segment ranges and ratings, tag name keys and their uniqueness among live
// tags, tags used across projects, and the full-text index matching its sources. Empty means consistent.
// Tests call it after every mutation (DESIGN §4); the app can run it after a crash.
[[nodiscard]] std::vector<ConsistencyViolation> checkConsistency(Database& db);

// "rule: detail" lines, for test failure messages and logs.
[[nodiscard]] std::string describe(const std::vector<ConsistencyViolation>& violations);

}  // namespace rushes::catalog
