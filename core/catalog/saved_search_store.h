// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

// A named query of a project: a smart collection whose members are whatever the query finds now.
struct SavedSearch {
    std::string id;
    std::string project_id;
    std::string name;
    std::string query;  // search language text (docs/search.md)
    std::string updated_hlc;
    bool deleted = false;
};

// Saved searches over the saved_search table. query_json holds {"query": "<text>"}: the text, not a
// compiled form, so a later release with a richer language (or a fixed compiler) still reads old rows.
// Every query is parsed before it is stored, so a stored search never fails to run on this version.
// Names are unique among a project's live saved searches (compared exactly).
class SavedSearchStore {
public:
    explicit SavedSearchStore(Database& db);

    // Throws the parser's column-pointing InvalidArgument for a bad query, Conflict for a taken name.
    [[nodiscard]] SavedSearch create(std::string_view project_id, std::string_view name, std::string_view query);
    void rename(std::string_view id, std::string_view name);
    void updateQuery(std::string_view id, std::string_view query);
    void remove(std::string_view id);  // tombstone, so the deletion syncs

    [[nodiscard]] std::optional<SavedSearch> find(std::string_view id);  // tombstones included
    [[nodiscard]] std::optional<SavedSearch> findByName(std::string_view project_id, std::string_view name);  // live
    [[nodiscard]] std::vector<SavedSearch> list(std::string_view project_id);  // live, by name

private:
    void requireFreeName(std::string_view project_id, std::string_view name, std::string_view except_id);

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
