// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "export/timeline.h"

namespace rushes::exporting {

// OpenTimelineIO JSON (.otio): Timeline.1 → Stack.1 → Track.1 "V1" (Video) and, when any source has sound,
// "A1" (Audio) → Clip.2 with an ExternalReference.1 (file URL, available range = the whole file from its
// start timecode) and Gap.1 where a clip has no picture or no sound, so the two tracks stay in sync. Times are
// RationalTime.1 / TimeRange.1 with whole-frame values: a clip's source_range starts at its source timecode as
// a frame count at the source rate (OTIO's convention) and lasts its record frames at the timeline rate;
// global_start_time is the record start. OTIO stores rates as JSON numbers: the nearest double to the exact
// rate (23.976023976023978 for 24000/1001), as OTIO itself computes it. Clip metadata holds the CMX reel
// ("cmx_3600") and the catalog's segment id, kind, rating, tags and note ("rushes").
[[nodiscard]] std::string writeOtio(const Timeline& timeline);

}  // namespace rushes::exporting
