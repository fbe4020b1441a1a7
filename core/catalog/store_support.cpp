// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/store_support.h"

#include <chrono>

#include "catalog/rows.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

std::string_view toString(AssetStatus status) noexcept {
    switch (status) {
        case AssetStatus::Ok: return "ok";
        case AssetStatus::Error: return "error";
        case AssetStatus::Missing: return "missing";
    }
    return "ok";
}

std::optional<AssetStatus> parseAssetStatus(std::string_view text) noexcept {
    if (text == "ok") return AssetStatus::Ok;
    if (text == "error") return AssetStatus::Error;
    if (text == "missing") return AssetStatus::Missing;
    return std::nullopt;
}

std::string_view toString(SegmentKind kind) noexcept {
    switch (kind) {
        case SegmentKind::Shot: return "shot";
        case SegmentKind::Highlight: return "highlight";
        case SegmentKind::Interview: return "interview";
        case SegmentKind::Qc: return "qc";
        case SegmentKind::Manual: return "manual";
    }
    return "manual";
}

std::optional<SegmentKind> parseSegmentKind(std::string_view text) noexcept {
    for (auto kind :
         {SegmentKind::Shot, SegmentKind::Highlight, SegmentKind::Interview, SegmentKind::Qc, SegmentKind::Manual}) {
        if (text == toString(kind)) return kind;
    }
    return std::nullopt;
}

namespace support {

int64_t nowUnixMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void requireUuid(const Database& db, std::string_view table, std::string_view id) {
    if (!isUuidV7Text(id)) {
        throw db.rowError(ErrorKind::InvalidArgument, table, id, "not a canonical lowercase UUIDv7 id");
    }
}

bool isLive(Database& db, std::string_view table, std::string_view id) {
    Statement stmt = db.prepare("SELECT deleted FROM " + std::string(table) + " WHERE id = ?1");
    stmt.bindAll(id);
    return stmt.step() && stmt.int64At(0) == 0;
}

void requireLive(Database& db, std::string_view table, std::string_view id) {
    requireUuid(db, table, id);
    if (!isLive(db, table, id)) throw db.rowError(ErrorKind::NotFound, table, id, "no such live row");
}

}  // namespace support
}  // namespace rushes::catalog
