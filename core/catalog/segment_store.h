// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/rows.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

// Time ranges of an asset: detected shots, highlights, interviews, QC findings and editors' own picks,
// with the editor's rating and note. Every edit is one field change, so two editors changing the rating
// and the note of one segment both keep their change after sync.
class SegmentStore {
public:
    explicit SegmentStore(Database& db);

    // Stores a new segment on a live asset; `id`, `created_at_ms`, `updated_hlc`, `deleted` are ignored.
    // Throws InvalidArgument for in < 0, out <= in, a non-positive time base or a rating outside 0..5.
    [[nodiscard]] Segment add(const Segment& segment);
    void setRating(std::string_view id, std::optional<int> rating);
    void setNote(std::string_view id, std::optional<std::string> note);
    // Moves in/out, in the segment's own time base.
    void setRange(std::string_view id, int64_t in_ticks, int64_t out_ticks);
    // Tombstones the segment and, in the same transaction, its tag memberships and reel items. The row
    // stays (deleted = 1) so the deletion can sync; lists no longer show it.
    void remove(std::string_view id);

    [[nodiscard]] std::optional<Segment> find(std::string_view id);              // tombstones included
    [[nodiscard]] std::vector<Segment> listForAsset(std::string_view asset_id);  // live, by in point

private:
    void requireValidRange(std::string_view id, int64_t in_ticks, int64_t out_ticks) const;

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
