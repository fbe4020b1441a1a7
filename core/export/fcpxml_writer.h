// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "export/timeline.h"
#include "time/rational.h"

namespace rushes::exporting {

// An FCPXML time: exact rational seconds, reduced, "0s", "5s" or "1001/30000s".
[[nodiscard]] std::string fcpxmlTime(Rational seconds);

// FCPXML 1.9 (Final Cut Pro 10.5+, DaVinci Resolve 17+; every element used is unchanged in 1.10): resources
// with one <format> per picture shape and rate (frameDuration such as 1001/30000s) and one <asset> per source
// (start = its start timecode as time, duration, media-rep with the file URL, reel metadata), then a library
// → event → project → sequence (tcStart, tcFormat DF/NDF) whose spine holds one <asset-clip> per clip with
// offset, start and duration, the note, and one <keyword> per tag. Every time is a whole number of frames of
// the rate it is counted in: offsets and durations of the sequence's, starts of the source's.
[[nodiscard]] std::string writeFcpxml(const Timeline& timeline);

}  // namespace rushes::exporting
