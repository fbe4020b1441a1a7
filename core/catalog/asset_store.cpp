// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/asset_store.h"

#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
const std::string kColumns =
    "id, project_id, volume_id, rel_path, size_bytes, mtime_ns, content_hash, fingerprint, probe_json, status, "
    "error_reason, duration_ticks, time_base_num, time_base_den, created_at_ms, updated_hlc, deleted";

Asset readAsset(const Database& db, const Statement& row) {
    Asset asset;
    asset.id = row.textAt(0);
    asset.project_id = row.textAt(1);
    asset.volume_id = row.textAt(2);
    asset.rel_path = row.textAt(3);
    asset.size_bytes = row.int64At(4);
    asset.mtime_ns = row.int64At(5);
    asset.content_hash = row.optionalTextAt(6);
    asset.fingerprint = row.optionalTextAt(7);
    asset.probe_json = row.optionalTextAt(8);
    const auto status = parseAssetStatus(row.textAt(9));
    if (!status) throw db.rowError(ErrorKind::Corrupt, "asset", asset.id, "unknown status " + row.textAt(9));
    asset.status = *status;
    asset.error_reason = row.optionalTextAt(10);
    if (!row.isNull(11)) asset.duration = TickDuration{row.int64At(11), Rational{row.int64At(12), row.int64At(13)}};
    asset.created_at_ms = row.int64At(14);
    asset.updated_hlc = row.textAt(15);
    asset.deleted = row.int64At(16) != 0;
    return asset;
}

std::vector<Asset> readAll(const Database& db, Statement& stmt) {
    std::vector<Asset> assets;
    while (stmt.step()) assets.push_back(readAsset(db, stmt));
    return assets;
}

bool isLowerHex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}
}  // namespace

bool isCleanRelativePath(std::string_view rel_path) noexcept {
    if (rel_path.empty() || rel_path.front() == '/' || rel_path.find('\\') != std::string_view::npos) return false;
    size_t start = 0;
    while (start <= rel_path.size()) {
        const size_t end = std::min(rel_path.find('/', start), rel_path.size());
        const auto part = rel_path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = end + 1;
    }
    return true;
}

AssetStore::AssetStore(Database& db) : db_(db), clock_(db) {}

void AssetStore::validate(const Asset& asset) const {
    const auto fail = [&](std::string reason) {
        return db_.rowError(ErrorKind::InvalidArgument, "asset", asset.id.empty() ? asset.rel_path : asset.id,
                            std::move(reason));
    };
    if (!isCleanRelativePath(asset.rel_path))
        throw fail("path \"" + asset.rel_path + "\" is not a clean relative path");
    if (asset.size_bytes < 0) throw fail("negative size");
    if (asset.content_hash && (asset.content_hash->size() != 32 || !isLowerHex(*asset.content_hash))) {
        throw fail("content hash must be 32 lowercase hex digits (xxh3-128)");
    }
    if (asset.status == AssetStatus::Error && !asset.error_reason) throw fail("status error needs a reason");
    if (asset.duration && (asset.duration->ticks < 0 || !asset.duration->time_base.isPositive())) {
        throw fail("duration needs ticks >= 0 and a positive time base");
    }
}

Asset AssetStore::insert(const Asset& asset) {
    Asset row = asset;
    row.id = ids_.nextText();
    row.created_at_ms = support::nowUnixMs();
    row.deleted = false;
    validate(row);
    Transaction transaction(db_);
    support::requireLive(db_, "project", row.project_id);
    support::requireLive(db_, "volume", row.volume_id);
    if (findByPath(row.project_id, row.volume_id, row.rel_path)) {
        throw db_.rowError(ErrorKind::Conflict, "asset", row.rel_path, "this path is already in the project");
    }
    row.updated_hlc = clock_.tick();
    const auto tb = row.duration
                        ? std::optional(Rational::make(row.duration->time_base.num, row.duration->time_base.den))
                        : std::nullopt;
    db_.prepare("INSERT INTO asset(" + kColumns +
                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0)")
        .bindAll(row.id, row.project_id, row.volume_id, row.rel_path, row.size_bytes, row.mtime_ns, row.content_hash,
                 row.fingerprint, row.probe_json, toString(row.status), row.error_reason,
                 row.duration ? std::optional(row.duration->ticks) : std::nullopt,
                 tb ? std::optional(tb->num) : std::nullopt, tb ? std::optional(tb->den) : std::nullopt,
                 row.created_at_ms, row.updated_hlc)
        .run();
    transaction.commit();
    if (tb) row.duration->time_base = *tb;
    return row;
}

void AssetStore::update(const Asset& asset) {
    validate(asset);
    Transaction transaction(db_);
    support::requireLive(db_, "asset", asset.id);
    const auto tb = asset.duration
                        ? std::optional(Rational::make(asset.duration->time_base.num, asset.duration->time_base.den))
                        : std::nullopt;
    db_.prepare(
           "UPDATE asset SET rel_path = ?2, size_bytes = ?3, mtime_ns = ?4, content_hash = ?5, fingerprint = ?6, "
           "probe_json = ?7, status = ?8, error_reason = ?9, duration_ticks = ?10, time_base_num = ?11, "
           "time_base_den = ?12, updated_hlc = ?13, volume_id = ?14 WHERE id = ?1")
        .bindAll(asset.id, asset.rel_path, asset.size_bytes, asset.mtime_ns, asset.content_hash, asset.fingerprint,
                 asset.probe_json, toString(asset.status), asset.error_reason,
                 asset.duration ? std::optional(asset.duration->ticks) : std::nullopt,
                 tb ? std::optional(tb->num) : std::nullopt, tb ? std::optional(tb->den) : std::nullopt, clock_.tick(),
                 asset.volume_id)
        .run();
    transaction.commit();
}

void AssetStore::markMissing(std::string_view id) {
    Transaction transaction(db_);
    support::requireLive(db_, "asset", id);
    db_.prepare("UPDATE asset SET status = 'missing', updated_hlc = ?2 WHERE id = ?1 AND status <> 'missing'")
        .bindAll(id, clock_.tick())
        .run();
    transaction.commit();
}

void AssetStore::remove(std::string_view id) {
    Transaction transaction(db_);
    support::requireLive(db_, "asset", id);
    const std::string hlc = clock_.tick();
    // Children first, so no statement ever sees a live child under a tombstoned parent.
    for (const char* sql : {
             "UPDATE segment_tag SET present = 0, updated_hlc = ?2 WHERE present = 1 AND segment_id IN "
             "(SELECT id FROM segment WHERE asset_id = ?1)",
             "UPDATE reel_item SET deleted = 1, updated_hlc = ?2 WHERE deleted = 0 AND segment_id IN "
             "(SELECT id FROM segment WHERE asset_id = ?1)",
             "UPDATE segment SET deleted = 1, updated_hlc = ?2 WHERE deleted = 0 AND asset_id = ?1",
             "UPDATE shot SET deleted = 1, updated_hlc = ?2 WHERE deleted = 0 AND asset_id = ?1",
             "UPDATE marker SET deleted = 1, updated_hlc = ?2 WHERE deleted = 0 AND asset_id = ?1",
             "UPDATE analysis_run SET deleted = 1, updated_hlc = ?2 WHERE deleted = 0 AND asset_id = ?1",
             "UPDATE asset SET deleted = 1, updated_hlc = ?2 WHERE id = ?1",
         }) {
        db_.prepare(sql).bindAll(id, hlc).run();
    }
    transaction.commit();
}

std::optional<Asset> AssetStore::find(std::string_view id) {
    Statement stmt = db_.prepare("SELECT " + kColumns + " FROM asset WHERE id = ?1");
    stmt.bindAll(id);
    if (!stmt.step()) return std::nullopt;
    return readAsset(db_, stmt);
}

std::vector<Asset> AssetStore::findByHash(std::string_view content_hash) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM asset WHERE content_hash = ?1 AND deleted = 0 ORDER BY created_at_ms, id");
    stmt.bindAll(content_hash);
    return readAll(db_, stmt);
}

std::vector<Asset> AssetStore::findByFingerprint(std::string_view fingerprint) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM asset WHERE fingerprint = ?1 AND deleted = 0 ORDER BY created_at_ms, id");
    stmt.bindAll(fingerprint);
    return readAll(db_, stmt);
}

std::optional<Asset> AssetStore::findByPath(std::string_view project_id, std::string_view volume_id,
                                            std::string_view rel_path) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM asset WHERE project_id = ?1 AND volume_id = ?2 AND rel_path = ?3"
                                 " AND deleted = 0");
    stmt.bindAll(project_id, volume_id, rel_path);
    if (!stmt.step()) return std::nullopt;
    return readAsset(db_, stmt);
}

std::vector<Asset> AssetStore::list(std::string_view project_id, std::optional<AssetStatus> status) {
    Statement stmt = db_.prepare("SELECT " + kColumns +
                                 " FROM asset WHERE project_id = ?1 AND deleted = 0 AND (?2 IS NULL OR status = ?2)"
                                 " ORDER BY rel_path, id");
    stmt.bindAll(project_id, status ? std::optional(std::string(toString(*status))) : std::nullopt);
    return readAll(db_, stmt);
}

}  // namespace rushes::catalog
