// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/saved_search_store.h"

#include <nlohmann/json.hpp>

#include "catalog/query/query_parser.h"
#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
const std::string kColumns = "id, project_id, name, query_json, updated_hlc, deleted";

SavedSearch readSavedSearch(const Database& db, const Statement& row) {
    SavedSearch search{row.textAt(0), row.textAt(1), row.textAt(2), {}, row.textAt(4), row.int64At(5) != 0};
    const auto json = nlohmann::json::parse(row.textAt(3), nullptr, false);
    if (!json.is_object() || !json.contains("query") || !json["query"].is_string()) {
        throw db.rowError(ErrorKind::Corrupt, "saved_search", search.id, "query_json has no \"query\" text");
    }
    search.query = json["query"].get<std::string>();
    return search;
}

std::string queryJson(std::string_view query) {
    (void)query::parseQuery(query);  // refuse what could never run
    return nlohmann::json{{"query", std::string(query)}}.dump();
}

void requireName(const Database& db, std::string_view id, std::string_view name) {
    if (name.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw db.rowError(ErrorKind::InvalidArgument, "saved_search", id, "a saved search needs a name");
    }
}
}  // namespace

SavedSearchStore::SavedSearchStore(Database& db) : db_(db), clock_(db) {}

void SavedSearchStore::requireFreeName(std::string_view project_id, std::string_view name,
                                       std::string_view except_id) {
    Statement clash = db_.prepare(
        "SELECT id FROM saved_search WHERE project_id = ?1 AND name = ?2 AND deleted = 0 AND id <> ?3");
    clash.bindAll(project_id, name, except_id);
    if (clash.step()) {
        throw db_.rowError(ErrorKind::Conflict, "saved_search", clash.textAt(0),
                           "the project already has a saved search named \"" + std::string(name) + "\"");
    }
}

SavedSearch SavedSearchStore::create(std::string_view project_id, std::string_view name, std::string_view query) {
    SavedSearch search{ids_.nextText(), std::string(project_id), std::string(name), std::string(query), {}, false};
    requireName(db_, search.id, name);
    const std::string json = queryJson(query);
    Transaction transaction(db_);
    support::requireLive(db_, "project", project_id);
    requireFreeName(project_id, name, "");
    search.updated_hlc = clock_.tick();
    db_.prepare("INSERT INTO saved_search(id, project_id, name, query_json, updated_hlc) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bindAll(search.id, search.project_id, search.name, json, search.updated_hlc)
        .run();
    transaction.commit();
    return search;
}

void SavedSearchStore::rename(std::string_view id, std::string_view name) {
    requireName(db_, id, name);
    Transaction transaction(db_);
    support::requireLive(db_, "saved_search", id);
    requireFreeName(find(id)->project_id, name, id);
    db_.prepare("UPDATE saved_search SET name = ?2, updated_hlc = ?3 WHERE id = ?1")
        .bindAll(id, name, clock_.tick())
        .run();
    transaction.commit();
}

void SavedSearchStore::updateQuery(std::string_view id, std::string_view query) {
    const std::string json = queryJson(query);
    Transaction transaction(db_);
    support::requireLive(db_, "saved_search", id);
    db_.prepare("UPDATE saved_search SET query_json = ?2, updated_hlc = ?3 WHERE id = ?1")
        .bindAll(id, json, clock_.tick())
        .run();
    transaction.commit();
}

void SavedSearchStore::remove(std::string_view id) {
    Transaction transaction(db_);
    support::requireLive(db_, "saved_search", id);
    db_.prepare("UPDATE saved_search SET deleted = 1, updated_hlc = ?2 WHERE id = ?1").bindAll(id, clock_.tick()).run();
    transaction.commit();
}

std::optional<SavedSearch> SavedSearchStore::find(std::string_view id) {
    Statement stmt = db_.prepare("SELECT " + kColumns + " FROM saved_search WHERE id = ?1");
    stmt.bindAll(id);
    if (!stmt.step()) return std::nullopt;
    return readSavedSearch(db_, stmt);
}

std::optional<SavedSearch> SavedSearchStore::findByName(std::string_view project_id, std::string_view name) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM saved_search WHERE project_id = ?1 AND name = ?2 AND deleted = 0");
    stmt.bindAll(project_id, name);
    if (!stmt.step()) return std::nullopt;
    return readSavedSearch(db_, stmt);
}

std::vector<SavedSearch> SavedSearchStore::list(std::string_view project_id) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM saved_search WHERE project_id = ?1 AND deleted = 0 ORDER BY name, id");
    stmt.bindAll(project_id);
    std::vector<SavedSearch> searches;
    while (stmt.step()) searches.push_back(readSavedSearch(db_, stmt));
    return searches;
}

}  // namespace rushes::catalog
