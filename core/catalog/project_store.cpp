// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/project_store.h"

#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
constexpr std::string_view kProjectColumns = "id, name, created_at_ms, updated_hlc, deleted";
constexpr std::string_view kVolumeColumns = "id, label, last_mount_path, fs_uuid, fs_serial, updated_hlc, deleted";

Project readProject(const Statement& row) {
    return Project{row.textAt(0), row.textAt(1), row.int64At(2), row.textAt(3), row.int64At(4) != 0};
}

Volume readVolume(const Statement& row) {
    return Volume{row.textAt(0),         row.textAt(1), row.optionalTextAt(2), row.optionalTextAt(3),
                  row.optionalTextAt(4), row.textAt(5), row.int64At(6) != 0};
}

void requireName(const Database& db, std::string_view table, std::string_view id, std::string_view name) {
    if (name.empty()) throw db.rowError(ErrorKind::InvalidArgument, table, id, "a name cannot be empty");
}
}  // namespace

// ---- ProjectStore ----------------------------------------------------------------------------------

ProjectStore::ProjectStore(Database& db) : db_(db), clock_(db) {}

Project ProjectStore::create(std::string_view name) {
    Project project{ids_.nextText(), std::string(name), support::nowUnixMs(), {}, false};
    requireName(db_, "project", project.id, name);
    Transaction transaction(db_);
    project.updated_hlc = clock_.tick();
    db_.prepare("INSERT INTO project(id, name, created_at_ms, updated_hlc) VALUES (?1, ?2, ?3, ?4)")
        .bindAll(project.id, project.name, project.created_at_ms, project.updated_hlc)
        .run();
    transaction.commit();
    return project;
}

void ProjectStore::rename(std::string_view id, std::string_view name) {
    requireName(db_, "project", id, name);
    Transaction transaction(db_);
    support::requireLive(db_, "project", id);
    db_.prepare("UPDATE project SET name = ?2, updated_hlc = ?3 WHERE id = ?1").bindAll(id, name, clock_.tick()).run();
    transaction.commit();
}

void ProjectStore::remove(std::string_view id) {
    Transaction transaction(db_);
    support::requireLive(db_, "project", id);
    Statement count = db_.prepare(
        "SELECT (SELECT count(*) FROM asset WHERE project_id = ?1 AND deleted = 0)"
        " + (SELECT count(*) FROM tag WHERE project_id = ?1 AND deleted = 0)"
        " + (SELECT count(*) FROM reel WHERE project_id = ?1 AND deleted = 0)"
        " + (SELECT count(*) FROM saved_search WHERE project_id = ?1 AND deleted = 0)");
    count.bindAll(id);
    if (count.step() && count.int64At(0) > 0) {
        throw db_.rowError(ErrorKind::Conflict, "project", id,
                           "still has " + std::to_string(count.int64At(0)) + " live assets, tags, reels or searches");
    }
    db_.prepare("UPDATE project SET deleted = 1, updated_hlc = ?2 WHERE id = ?1").bindAll(id, clock_.tick()).run();
    transaction.commit();
}

std::optional<Project> ProjectStore::find(std::string_view id) {
    Statement stmt = db_.prepare("SELECT " + std::string(kProjectColumns) + " FROM project WHERE id = ?1");
    stmt.bindAll(id);
    if (!stmt.step()) return std::nullopt;
    return readProject(stmt);
}

std::vector<Project> ProjectStore::list() {
    Statement stmt =
        db_.prepare("SELECT " + std::string(kProjectColumns) + " FROM project WHERE deleted = 0 ORDER BY name, id");
    std::vector<Project> projects;
    while (stmt.step()) projects.push_back(readProject(stmt));
    return projects;
}

// ---- VolumeStore -----------------------------------------------------------------------------------

VolumeStore::VolumeStore(Database& db) : db_(db), clock_(db) {}

Volume VolumeStore::create(const Volume& volume) {
    Volume row = volume;
    row.id = ids_.nextText();
    row.deleted = false;
    Transaction transaction(db_);
    row.updated_hlc = clock_.tick();
    db_.prepare(
           "INSERT INTO volume(id, label, last_mount_path, fs_uuid, fs_serial, updated_hlc) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bindAll(row.id, row.label, row.last_mount_path, row.fs_uuid, row.fs_serial, row.updated_hlc)
        .run();
    transaction.commit();
    return row;
}

void VolumeStore::updateMountPath(std::string_view id, std::optional<std::string> mount_path) {
    Transaction transaction(db_);
    support::requireLive(db_, "volume", id);
    db_.prepare("UPDATE volume SET last_mount_path = ?2, updated_hlc = ?3 WHERE id = ?1")
        .bindAll(id, mount_path, clock_.tick())
        .run();
    transaction.commit();
}

std::optional<Volume> VolumeStore::find(std::string_view id) {
    Statement stmt = db_.prepare("SELECT " + std::string(kVolumeColumns) + " FROM volume WHERE id = ?1");
    stmt.bindAll(id);
    if (!stmt.step()) return std::nullopt;
    return readVolume(stmt);
}

std::optional<Volume> VolumeStore::findByFsUuid(std::string_view fs_uuid) {
    Statement stmt = db_.prepare("SELECT " + std::string(kVolumeColumns) +
                                 " FROM volume WHERE fs_uuid = ?1 AND deleted = 0 ORDER BY id LIMIT 1");
    stmt.bindAll(fs_uuid);
    if (!stmt.step()) return std::nullopt;
    return readVolume(stmt);
}

std::vector<Volume> VolumeStore::list() {
    Statement stmt =
        db_.prepare("SELECT " + std::string(kVolumeColumns) + " FROM volume WHERE deleted = 0 ORDER BY label, id");
    std::vector<Volume> volumes;
    while (stmt.step()) volumes.push_back(readVolume(stmt));
    return volumes;
}

}  // namespace rushes::catalog
