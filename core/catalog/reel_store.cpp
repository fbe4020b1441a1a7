// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/reel_store.h"

#include "catalog/fractional_index.h"
#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
const std::string kReelColumns = "id, project_id, name, created_at_ms, updated_hlc, deleted";
const std::string kItemColumns =
    "id, reel_id, segment_id, position, trim_in_ticks, trim_out_ticks, updated_hlc, deleted";

Reel readReel(const Statement& row) {
    return Reel{row.textAt(0), row.textAt(1), row.textAt(2), row.int64At(3), row.textAt(4), row.int64At(5) != 0};
}

ReelItem readItem(const Statement& row) {
    return ReelItem{row.textAt(0),          row.textAt(1),          row.textAt(2), row.textAt(3),
                    row.optionalInt64At(4), row.optionalInt64At(5), row.textAt(6), row.int64At(7) != 0};
}

std::string trimmedName(const Database& db, std::string_view id, std::string_view name) {
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        throw db.rowError(ErrorKind::InvalidArgument, "reel", id, "a reel name must not be empty");
    }
    return std::string(name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1));
}
}  // namespace

ReelStore::ReelStore(Database& db) : db_(db), clock_(db) {}

void ReelStore::requireUniqueName(std::string_view project_id, std::string_view reel_id, const std::string& name) {
    Statement clash =
        db_.prepare("SELECT id FROM reel WHERE project_id = ?1 AND name = ?2 AND id <> ?3 AND deleted = 0");
    clash.bindAll(project_id, name, reel_id);
    if (clash.step()) {
        throw db_.rowError(ErrorKind::Conflict, "reel", reel_id,
                           "the project already has a reel named \"" + name + "\" (" + clash.textAt(0) + ")");
    }
}

Reel ReelStore::create(std::string_view project_id, std::string_view name) {
    Reel reel{ids_.nextText(), std::string(project_id), "", support::nowUnixMs(), "", false};
    reel.name = trimmedName(db_, reel.id, name);
    Transaction transaction(db_);
    support::requireLive(db_, "project", project_id);
    requireUniqueName(project_id, reel.id, reel.name);
    reel.updated_hlc = clock_.tick();
    db_.prepare("INSERT INTO reel(" + kReelColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, 0)")
        .bindAll(reel.id, reel.project_id, reel.name, reel.created_at_ms, reel.updated_hlc)
        .run();
    transaction.commit();
    return reel;
}

void ReelStore::rename(std::string_view reel_id, std::string_view name) {
    const std::string trimmed = trimmedName(db_, reel_id, name);
    Transaction transaction(db_);
    support::requireLive(db_, "reel", reel_id);
    requireUniqueName(find(reel_id)->project_id, reel_id, trimmed);
    db_.prepare("UPDATE reel SET name = ?2, updated_hlc = ?3 WHERE id = ?1 AND name IS NOT ?2")
        .bindAll(reel_id, trimmed, clock_.tick())
        .run();
    transaction.commit();
}

void ReelStore::remove(std::string_view reel_id) {
    Transaction transaction(db_);
    support::requireLive(db_, "reel", reel_id);
    const std::string hlc = clock_.tick();
    db_.prepare("UPDATE reel_item SET deleted = 1, updated_hlc = ?2 WHERE reel_id = ?1 AND deleted = 0")
        .bindAll(reel_id, hlc)
        .run();
    db_.prepare("UPDATE reel SET deleted = 1, updated_hlc = ?2 WHERE id = ?1").bindAll(reel_id, hlc).run();
    transaction.commit();
}

void ReelStore::respread(std::vector<ReelItem>& order, const std::string& hlc) {
    std::optional<std::string> previous;
    for (ReelItem& item : order) {
        std::string key = fractionalKeyAfter(previous);
        if (key != item.position) {
            db_.prepare("UPDATE reel_item SET position = ?2, updated_hlc = ?3 WHERE id = ?1")
                .bindAll(item.id, key, hlc)
                .run();
            item.position = key;
            item.updated_hlc = hlc;
        }
        previous = std::move(key);
    }
}

std::vector<std::string> ReelStore::keysAt(std::vector<ReelItem>& order, size_t index, size_t count,
                                           const std::string& hlc) {
    const auto neighbour = [&](size_t at) -> std::optional<std::string_view> {
        if (at >= order.size()) return std::nullopt;
        return std::string_view(order[at].position);
    };
    // A position written by another catalog is not trusted to be a key this code can split; nor can two
    // equal positions (concurrent inserts) have a key between them.
    bool usable = true;
    for (const auto& item : order) usable = usable && isFractionalKey(item.position);
    for (size_t i = 1; i < order.size(); ++i) usable = usable && order[i - 1].position < order[i].position;
    if (!usable) respread(order, hlc);

    std::vector<std::string> keys;
    std::optional<std::string> before =
        index > 0 ? std::optional<std::string>(order[index - 1].position) : std::nullopt;
    const auto after = neighbour(index);
    for (size_t i = 0; i < count; ++i) {
        keys.push_back(after ? fractionalKeyBetween(before, after) : fractionalKeyAfter(before));
        before = keys.back();
    }
    return keys;
}

std::vector<ReelItem> ReelStore::addSegments(std::string_view reel_id, const std::vector<std::string>& segment_ids,
                                             std::optional<std::string_view> after_item_id) {
    Transaction transaction(db_);
    support::requireLive(db_, "reel", reel_id);
    const std::string project_id = find(reel_id)->project_id;
    for (const std::string& segment_id : segment_ids) {
        support::requireLive(db_, "segment", segment_id);
        Statement project =
            db_.prepare("SELECT a.project_id FROM segment s JOIN asset a ON a.id = s.asset_id WHERE s.id = ?1");
        project.bindAll(segment_id);
        if (!project.step() || project.textAt(0) != project_id) {
            throw db_.rowError(ErrorKind::InvalidArgument, "segment", segment_id,
                               "belongs to another project than reel " + std::string(reel_id));
        }
    }
    std::vector<ReelItem> order = items(reel_id);
    size_t index = order.size();
    if (after_item_id) {
        index = 0;
        while (index < order.size() && order[index].id != *after_item_id) ++index;
        if (index == order.size()) {
            throw db_.rowError(ErrorKind::NotFound, "reel_item", *after_item_id,
                               "no live item of reel " + std::string(reel_id) + " has this id");
        }
        ++index;
    }
    const std::string hlc = clock_.tick();
    const auto keys = keysAt(order, index, segment_ids.size(), hlc);
    std::vector<ReelItem> added;
    for (size_t i = 0; i < segment_ids.size(); ++i) {
        ReelItem item{
            ids_.nextText(), std::string(reel_id), segment_ids[i], keys[i], std::nullopt, std::nullopt, hlc, false};
        db_.prepare(
               "INSERT INTO reel_item(id, reel_id, segment_id, position, updated_hlc, deleted)"
               " VALUES (?1, ?2, ?3, ?4, ?5, 0)")
            .bindAll(item.id, item.reel_id, item.segment_id, item.position, item.updated_hlc)
            .run();
        added.push_back(std::move(item));
    }
    transaction.commit();
    return added;
}

void ReelStore::move(std::string_view item_id, size_t index) {
    Transaction transaction(db_);
    support::requireLive(db_, "reel_item", item_id);
    const ReelItem moved = *findItem(item_id);
    std::vector<ReelItem> order = items(moved.reel_id);
    std::erase_if(order, [&](const ReelItem& item) { return item.id == moved.id; });
    if (index > order.size()) {
        throw db_.rowError(ErrorKind::InvalidArgument, "reel_item", item_id,
                           "position " + std::to_string(index) + " is past the end of a reel of " +
                               std::to_string(order.size() + 1) + " items");
    }
    // Already there: writing an unchanged order would only add an outbox entry.
    const bool in_place = (index == 0 || order[index - 1].position < moved.position ||
                           (order[index - 1].position == moved.position && order[index - 1].id < moved.id)) &&
                          (index == order.size() || moved.position < order[index].position ||
                           (moved.position == order[index].position && moved.id < order[index].id));
    if (in_place) return;
    const std::string hlc = clock_.tick();
    const std::string key = keysAt(order, index, 1, hlc).front();
    db_.prepare("UPDATE reel_item SET position = ?2, updated_hlc = ?3 WHERE id = ?1").bindAll(item_id, key, hlc).run();
    transaction.commit();
}

void ReelStore::trim(std::string_view item_id, std::optional<int64_t> in_ticks, std::optional<int64_t> out_ticks) {
    Transaction transaction(db_);
    support::requireLive(db_, "reel_item", item_id);
    Statement segment = db_.prepare(
        "SELECT s.in_ticks, s.out_ticks FROM reel_item ri JOIN segment s ON s.id = ri.segment_id WHERE ri.id = ?1");
    segment.bindAll(item_id);
    if (!segment.step()) throw db_.rowError(ErrorKind::Corrupt, "reel_item", item_id, "its segment is missing");
    const int64_t in = in_ticks.value_or(segment.int64At(0));
    const int64_t out = out_ticks.value_or(segment.int64At(1));
    if (in < 0 || out <= in) {
        throw db_.rowError(ErrorKind::InvalidArgument, "reel_item", item_id,
                           "trim [" + std::to_string(in) + ", " + std::to_string(out) + ") needs 0 <= in < out");
    }
    db_.prepare(
           "UPDATE reel_item SET trim_in_ticks = ?2, trim_out_ticks = ?3, updated_hlc = ?4 WHERE id = ?1"
           " AND (trim_in_ticks IS NOT ?2 OR trim_out_ticks IS NOT ?3)")
        .bindAll(item_id, in_ticks, out_ticks, clock_.tick())
        .run();
    transaction.commit();
}

void ReelStore::removeItem(std::string_view item_id) {
    Transaction transaction(db_);
    support::requireLive(db_, "reel_item", item_id);
    db_.prepare("UPDATE reel_item SET deleted = 1, updated_hlc = ?2 WHERE id = ?1")
        .bindAll(item_id, clock_.tick())
        .run();
    transaction.commit();
}

std::optional<Reel> ReelStore::find(std::string_view reel_id) {
    Statement stmt = db_.prepare("SELECT " + kReelColumns + " FROM reel WHERE id = ?1");
    stmt.bindAll(reel_id);
    if (!stmt.step()) return std::nullopt;
    return readReel(stmt);
}

std::optional<Reel> ReelStore::findByName(std::string_view project_id, std::string_view name) {
    Statement stmt =
        db_.prepare("SELECT " + kReelColumns + " FROM reel WHERE project_id = ?1 AND name = ?2 AND deleted = 0");
    stmt.bindAll(project_id, name);
    if (!stmt.step()) return std::nullopt;
    return readReel(stmt);
}

std::vector<Reel> ReelStore::list(std::string_view project_id) {
    Statement stmt =
        db_.prepare("SELECT " + kReelColumns + " FROM reel WHERE project_id = ?1 AND deleted = 0 ORDER BY name, id");
    stmt.bindAll(project_id);
    std::vector<Reel> reels;
    while (stmt.step()) reels.push_back(readReel(stmt));
    return reels;
}

std::optional<ReelItem> ReelStore::findItem(std::string_view item_id) {
    Statement stmt = db_.prepare("SELECT " + kItemColumns + " FROM reel_item WHERE id = ?1");
    stmt.bindAll(item_id);
    if (!stmt.step()) return std::nullopt;
    return readItem(stmt);
}

std::vector<ReelItem> ReelStore::items(std::string_view reel_id) {
    Statement stmt = db_.prepare("SELECT " + kItemColumns +
                                 " FROM reel_item WHERE reel_id = ?1 AND deleted = 0 ORDER BY position, id");
    stmt.bindAll(reel_id);
    std::vector<ReelItem> order;
    while (stmt.step()) order.push_back(readItem(stmt));
    return order;
}

}  // namespace rushes::catalog
