// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "export/timeline.h"

namespace rushes::exporting {

struct TimelineOptions {
    std::optional<std::string> name;          // default: the reel's name, or "Rushes segments"
    std::optional<Rational> frame_rate;       // default: the first video source's rate
    std::optional<bool> drop_frame;           // default: the counting of that source's timecode (NDF without one)
    std::optional<std::string> record_start;  // label of the first record frame; default 01:00:00:00
};

// The reel's live items in reel order, each trimmed as the reel says. Throws Error(NotFound) for a reel that
// is not live, Error(InvalidArgument) for an item whose range is empty or an option that does not fit
// (drop frame at 25 fps, a record start label the rate skips), Error(Cancelled) when `stop` fires.
[[nodiscard]] Timeline timelineFromReel(catalog::Database& db, std::string_view reel_id, const TimelineOptions& options,
                                        std::stop_token stop = {});
// The live segments in the order given (a segment may repeat).
[[nodiscard]] Timeline timelineFromSegments(catalog::Database& db, const std::vector<std::string>& segment_ids,
                                            const TimelineOptions& options, std::stop_token stop = {});

}  // namespace rushes::exporting
