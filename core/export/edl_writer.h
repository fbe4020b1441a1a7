// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "export/timeline.h"

namespace rushes::exporting {

// CMX3600 reel names, one per timeline source (same index): the source's reel, upper-cased, reduced to
// A-Z 0-9 and '_', cut to the format's 8 characters, and made unique across the list (a clash keeps its
// first 5–6 characters and gains "_2", "_3", …), because two cards both holding MVI_0001.MP4 must not
// conform from one tape. A name with nothing left becomes "SRC" + the source number.
[[nodiscard]] std::vector<std::string> cmxReelNames(const Timeline& timeline);

// The CMX3600 channel field: V (picture only), A / AA (one / two or more audio channels), B (picture and one
// channel) or AA/V (picture and two or more).
[[nodiscard]] std::string cmxChannels(const SourceMedia& source);

// A CMX3600 EDL: TITLE, FCM for the record side, then one cut event per clip — 3-digit event number, reel,
// channels, C, source in/out and record in/out (out points exclusive, labels wrapped at 24 h, drop-frame
// labels with ';'), with "* FROM CLIP NAME:", "* SOURCE FILE:" and "* COMMENT:" lines for tags and the
// note. A source counted in the other mode (a DF card on an NDF timeline) gets its own FCM line before
// its event, as the format provides. Throws Error(InvalidArgument) for more than 999 events or a source
// whose timecode counts at another nominal rate than the timeline: CMX3600 has one rate per list.
[[nodiscard]] std::string writeEdl(const Timeline& timeline);

}  // namespace rushes::exporting
