// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/tag_store.h"

#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
const std::string kColumns = "id, project_id, name, name_key, created_at_ms, updated_hlc, deleted";
const std::string kPrefixedColumns =
    "t.id, t.project_id, t.name, t.name_key, t.created_at_ms, t.updated_hlc, t.deleted";

Tag readTag(const Statement& row) {
    return Tag{row.textAt(0),  row.textAt(1), row.textAt(2),      row.textAt(3),
               row.int64At(4), row.textAt(5), row.int64At(6) != 0};
}

std::string trimmed(std::string_view name) {
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1));
}
}  // namespace

TagStore::TagStore(Database& db) : db_(db), clock_(db) {}

Tag TagStore::ensureTag(std::string_view project_id, std::string_view name) {
    const auto key = tagNameKey(name);
    if (!key) throw db_.rowError(ErrorKind::InvalidArgument, "tag", name, "a tag name must be non-empty UTF-8");
    Transaction transaction(db_);
    support::requireLive(db_, "project", project_id);
    Statement existing =
        db_.prepare("SELECT " + kColumns + " FROM tag WHERE project_id = ?1 AND name_key = ?2 AND deleted = 0");
    existing.bindAll(project_id, *key);
    if (existing.step()) return readTag(existing);  // nothing written: the transaction just ends
    Tag tag{ids_.nextText(), std::string(project_id), trimmed(name), *key, support::nowUnixMs(), clock_.tick(), false};
    db_.prepare("INSERT INTO tag(" + kColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)")
        .bindAll(tag.id, tag.project_id, tag.name, tag.name_key, tag.created_at_ms, tag.updated_hlc)
        .run();
    transaction.commit();
    return tag;
}

void TagStore::rename(std::string_view tag_id, std::string_view name) {
    const auto key = tagNameKey(name);
    if (!key) throw db_.rowError(ErrorKind::InvalidArgument, "tag", tag_id, "a tag name must be non-empty UTF-8");
    Transaction transaction(db_);
    support::requireLive(db_, "tag", tag_id);
    Statement clash = db_.prepare(
        "SELECT other.id FROM tag AS this JOIN tag AS other ON other.project_id = this.project_id "
        "WHERE this.id = ?1 AND other.id <> ?1 AND other.name_key = ?2 AND other.deleted = 0");
    clash.bindAll(tag_id, *key);
    if (clash.step()) {
        throw db_.rowError(ErrorKind::Conflict, "tag", tag_id,
                           "the project already has a tag named \"" + trimmed(name) + "\" (" + clash.textAt(0) + ")");
    }
    db_.prepare("UPDATE tag SET name = ?2, name_key = ?3, updated_hlc = ?4 WHERE id = ?1")
        .bindAll(tag_id, trimmed(name), *key, clock_.tick())
        .run();
    transaction.commit();
}

void TagStore::removeTag(std::string_view tag_id) {
    Transaction transaction(db_);
    support::requireLive(db_, "tag", tag_id);
    const std::string hlc = clock_.tick();
    db_.prepare("UPDATE segment_tag SET present = 0, updated_hlc = ?2 WHERE tag_id = ?1 AND present = 1")
        .bindAll(tag_id, hlc)
        .run();
    db_.prepare("UPDATE tag SET deleted = 1, updated_hlc = ?2 WHERE id = ?1").bindAll(tag_id, hlc).run();
    transaction.commit();
}

std::optional<Tag> TagStore::find(std::string_view tag_id) {
    Statement stmt = db_.prepare("SELECT " + kColumns + " FROM tag WHERE id = ?1");
    stmt.bindAll(tag_id);
    if (!stmt.step()) return std::nullopt;
    return readTag(stmt);
}

std::optional<Tag> TagStore::findByName(std::string_view project_id, std::string_view name) {
    const auto key = tagNameKey(name);
    if (!key) return std::nullopt;
    Statement stmt =
        db_.prepare("SELECT " + kColumns + " FROM tag WHERE project_id = ?1 AND name_key = ?2 AND deleted = 0");
    stmt.bindAll(project_id, *key);
    if (!stmt.step()) return std::nullopt;
    return readTag(stmt);
}

std::vector<Tag> TagStore::vocabulary(std::string_view project_id) {
    Statement stmt =
        db_.prepare("SELECT " + kColumns + " FROM tag WHERE project_id = ?1 AND deleted = 0 ORDER BY name_key, id");
    stmt.bindAll(project_id);
    std::vector<Tag> tags;
    while (stmt.step()) tags.push_back(readTag(stmt));
    return tags;
}

std::string TagStore::projectOfSegment(std::string_view segment_id) {
    support::requireLive(db_, "segment", segment_id);
    Statement stmt =
        db_.prepare("SELECT a.project_id FROM segment s JOIN asset a ON a.id = s.asset_id WHERE s.id = ?1");
    stmt.bindAll(segment_id);
    if (!stmt.step()) throw db_.rowError(ErrorKind::Corrupt, "segment", segment_id, "its asset is missing");
    return stmt.textAt(0);
}

void TagStore::setMembership(std::string_view segment_id, std::string_view tag_id, bool present) {
    Transaction transaction(db_);
    const std::string project_id = projectOfSegment(segment_id);
    support::requireLive(db_, "tag", tag_id);
    if (const auto tag = find(tag_id); tag->project_id != project_id) {
        throw db_.rowError(ErrorKind::InvalidArgument, "segment_tag",
                           std::string(segment_id) + ":" + std::string(tag_id), "the tag belongs to another project");
    }
    Statement current = db_.prepare("SELECT present FROM segment_tag WHERE segment_id = ?1 AND tag_id = ?2");
    current.bindAll(segment_id, tag_id);
    const bool exists = current.step();
    // Writing an unchanged register would only add an outbox entry and a newer clock that could wrongly
    // beat a concurrent real change elsewhere.
    if ((exists && (current.int64At(0) != 0) == present) || (!exists && !present)) return;
    db_.prepare(
           "INSERT INTO segment_tag(segment_id, tag_id, present, updated_hlc) VALUES (?1, ?2, ?3, ?4) "
           "ON CONFLICT(segment_id, tag_id) DO UPDATE SET present = excluded.present, updated_hlc = "
           "excluded.updated_hlc")
        .bindAll(segment_id, tag_id, present ? 1 : 0, clock_.tick())
        .run();
    transaction.commit();
}

void TagStore::addToSegment(std::string_view segment_id, std::string_view tag_id) {
    setMembership(segment_id, tag_id, true);
}

void TagStore::removeFromSegment(std::string_view segment_id, std::string_view tag_id) {
    setMembership(segment_id, tag_id, false);
}

Tag TagStore::tagSegment(std::string_view segment_id, std::string_view name) {
    Transaction transaction(db_);
    Tag tag = ensureTag(projectOfSegment(segment_id), name);
    addToSegment(segment_id, tag.id);
    transaction.commit();
    return tag;
}

std::vector<Tag> TagStore::tagsForSegment(std::string_view segment_id) {
    Statement stmt = db_.prepare("SELECT " + kPrefixedColumns +
                                 " FROM segment_tag st JOIN tag t ON t.id = st.tag_id"
                                 " WHERE st.segment_id = ?1 AND st.present = 1 AND t.deleted = 0"
                                 " ORDER BY t.name_key, t.id");
    stmt.bindAll(segment_id);
    std::vector<Tag> tags;
    while (stmt.step()) tags.push_back(readTag(stmt));
    return tags;
}

std::vector<std::string> TagStore::segmentsWithTag(std::string_view tag_id) {
    Statement stmt = db_.prepare(
        "SELECT st.segment_id FROM segment_tag st JOIN segment s ON s.id = st.segment_id"
        " WHERE st.tag_id = ?1 AND st.present = 1 AND s.deleted = 0 ORDER BY st.segment_id");
    stmt.bindAll(tag_id);
    std::vector<std::string> ids;
    while (stmt.step()) ids.push_back(stmt.textAt(0));
    return ids;
}

}  // namespace rushes::catalog
