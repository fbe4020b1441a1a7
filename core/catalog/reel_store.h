// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/rows.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

// Reels: ordered selections of segments (selects, highlight reels) that export as one file or as an edit
// list. Order is a fractional index per item (catalog/fractional_index.h), so adding, moving or removing an
// item writes that item's row only and two editors reordering offline merge without renumbering; equal
// positions from concurrent inserts are ordered by item id.
class ReelStore {
public:
    explicit ReelStore(Database& db);

    // Names are trimmed. InvalidArgument for an empty name, Conflict when another live reel of the project
    // already has it (names are how editors and scripts address reels).
    [[nodiscard]] Reel create(std::string_view project_id, std::string_view name);
    void rename(std::string_view reel_id, std::string_view name);
    // Tombstones the reel and its items in one transaction; the segments stay.
    void remove(std::string_view reel_id);

    // Places the segments, in the order given, after `after_item_id` (nullopt: at the end of the reel), in
    // one transaction. Every segment must be live and belong to the reel's project; a segment may appear in
    // a reel more than once. Returns the new items in reel order.
    std::vector<ReelItem> addSegments(std::string_view reel_id, const std::vector<std::string>& segment_ids,
                                      std::optional<std::string_view> after_item_id = std::nullopt);
    // Moves a live item so that it ends up at `index` (0-based) of the reel's order. Writes that item's
    // position only, unless concurrent inserts left two neighbours with equal positions, in which case the
    // reel's positions are spread out again in the same transaction. InvalidArgument past the end.
    void move(std::string_view item_id, size_t index);
    // The item's own in/out for this reel, in its segment's time base; nullopt restores the segment's point
    // on that side. InvalidArgument unless 0 <= in < out once the segment's points fill the unset sides.
    void trim(std::string_view item_id, std::optional<int64_t> in_ticks, std::optional<int64_t> out_ticks);
    void removeItem(std::string_view item_id);

    [[nodiscard]] std::optional<Reel> find(std::string_view reel_id);  // tombstones included
    [[nodiscard]] std::optional<Reel> findByName(std::string_view project_id, std::string_view name);  // live
    [[nodiscard]] std::vector<Reel> list(std::string_view project_id);                                 // live, by name
    [[nodiscard]] std::optional<ReelItem> findItem(std::string_view item_id);  // tombstones included
    [[nodiscard]] std::vector<ReelItem> items(std::string_view reel_id);       // live, in reel order

private:
    void requireUniqueName(std::string_view project_id, std::string_view reel_id, const std::string& name);
    // Keys for `count` new items placed at `index` of `order` (live items in reel order); spreads the reel
    // out first when the neighbours at `index` share a position.
    std::vector<std::string> keysAt(std::vector<ReelItem>& order, size_t index, size_t count, const std::string& hlc);
    void respread(std::vector<ReelItem>& order, const std::string& hlc);

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
