// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/segment_store.h"

#include "catalog/store_support.h"

namespace rushes::catalog {

namespace {
const std::string kColumns =
    "id, asset_id, analysis_run_id, kind, in_ticks, out_ticks, time_base_num, time_base_den, score, rating, note, "
    "created_at_ms, updated_hlc, deleted";

Segment readSegment(const Database& db, const Statement& row) {
    Segment segment;
    segment.id = row.textAt(0);
    segment.asset_id = row.textAt(1);
    segment.analysis_run_id = row.optionalTextAt(2);
    const auto kind = parseSegmentKind(row.textAt(3));
    if (!kind) throw db.rowError(ErrorKind::Corrupt, "segment", segment.id, "unknown kind " + row.textAt(3));
    segment.kind = *kind;
    segment.in_ticks = row.int64At(4);
    segment.out_ticks = row.int64At(5);
    segment.time_base = Rational{row.int64At(6), row.int64At(7)};
    segment.score = row.optionalDoubleAt(8);
    if (const auto rating = row.optionalInt64At(9)) segment.rating = int(*rating);
    segment.note = row.optionalTextAt(10);
    segment.created_at_ms = row.int64At(11);
    segment.updated_hlc = row.textAt(12);
    segment.deleted = row.int64At(13) != 0;
    return segment;
}

void requireValidRating(const Database& db, std::string_view id, std::optional<int> rating) {
    if (rating && (*rating < 0 || *rating > 5)) {
        throw db.rowError(ErrorKind::InvalidArgument, "segment", id,
                          "rating " + std::to_string(*rating) + " is outside 0..5");
    }
}
}  // namespace

SegmentStore::SegmentStore(Database& db) : db_(db), clock_(db) {}

void SegmentStore::requireValidRange(std::string_view id, int64_t in_ticks, int64_t out_ticks) const {
    if (in_ticks < 0 || out_ticks <= in_ticks) {
        throw db_.rowError(
            ErrorKind::InvalidArgument, "segment", id,
            "range [" + std::to_string(in_ticks) + ", " + std::to_string(out_ticks) + ") needs 0 <= in < out");
    }
}

Segment SegmentStore::add(const Segment& segment) {
    Segment row = segment;
    row.id = ids_.nextText();
    row.created_at_ms = support::nowUnixMs();
    row.deleted = false;
    requireValidRange(row.id, row.in_ticks, row.out_ticks);
    requireValidRating(db_, row.id, row.rating);
    if (!row.time_base.isPositive()) {
        throw db_.rowError(ErrorKind::InvalidArgument, "segment", row.id, "time base must be positive");
    }
    row.time_base = Rational::make(row.time_base.num, row.time_base.den);
    Transaction transaction(db_);
    support::requireLive(db_, "asset", row.asset_id);
    if (row.analysis_run_id) support::requireLive(db_, "analysis_run", *row.analysis_run_id);
    row.updated_hlc = clock_.tick();
    db_.prepare("INSERT INTO segment(" + kColumns +
                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0)")
        .bindAll(row.id, row.asset_id, row.analysis_run_id, toString(row.kind), row.in_ticks, row.out_ticks,
                 row.time_base.num, row.time_base.den, row.score, row.rating, row.note, row.created_at_ms,
                 row.updated_hlc)
        .run();
    transaction.commit();
    return row;
}

void SegmentStore::setRating(std::string_view id, std::optional<int> rating) {
    requireValidRating(db_, id, rating);
    Transaction transaction(db_);
    support::requireLive(db_, "segment", id);
    db_.prepare("UPDATE segment SET rating = ?2, updated_hlc = ?3 WHERE id = ?1")
        .bindAll(id, rating, clock_.tick())
        .run();
    transaction.commit();
}

void SegmentStore::setNote(std::string_view id, std::optional<std::string> note) {
    Transaction transaction(db_);
    support::requireLive(db_, "segment", id);
    db_.prepare("UPDATE segment SET note = ?2, updated_hlc = ?3 WHERE id = ?1").bindAll(id, note, clock_.tick()).run();
    transaction.commit();
}

void SegmentStore::setRange(std::string_view id, int64_t in_ticks, int64_t out_ticks) {
    requireValidRange(id, in_ticks, out_ticks);
    Transaction transaction(db_);
    support::requireLive(db_, "segment", id);
    db_.prepare("UPDATE segment SET in_ticks = ?2, out_ticks = ?3, updated_hlc = ?4 WHERE id = ?1")
        .bindAll(id, in_ticks, out_ticks, clock_.tick())
        .run();
    transaction.commit();
}

void SegmentStore::remove(std::string_view id) {
    Transaction transaction(db_);
    support::requireLive(db_, "segment", id);
    const std::string hlc = clock_.tick();
    db_.prepare("UPDATE segment_tag SET present = 0, updated_hlc = ?2 WHERE segment_id = ?1 AND present = 1")
        .bindAll(id, hlc)
        .run();
    db_.prepare("UPDATE reel_item SET deleted = 1, updated_hlc = ?2 WHERE segment_id = ?1 AND deleted = 0")
        .bindAll(id, hlc)
        .run();
    db_.prepare("UPDATE segment SET deleted = 1, updated_hlc = ?2 WHERE id = ?1").bindAll(id, hlc).run();
    transaction.commit();
}

std::optional<Segment> SegmentStore::find(std::string_view id) {
    Statement stmt = db_.prepare("SELECT " + kColumns + " FROM segment WHERE id = ?1");
    stmt.bindAll(id);
    if (!stmt.step()) return std::nullopt;
    return readSegment(db_, stmt);
}

std::vector<Segment> SegmentStore::listForAsset(std::string_view asset_id) {
    Statement stmt =
        db_.prepare("SELECT " + kColumns + " FROM segment WHERE asset_id = ?1 AND deleted = 0 ORDER BY in_ticks, id");
    stmt.bindAll(asset_id);
    std::vector<Segment> segments;
    while (stmt.step()) segments.push_back(readSegment(db_, stmt));
    return segments;
}

}  // namespace rushes::catalog
