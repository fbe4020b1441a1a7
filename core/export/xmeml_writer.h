// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "export/timeline.h"

namespace rushes::exporting {

// Final Cut Pro 7 XML (xmeml version 5; Premiere Pro and Resolve import it too): one sequence at the
// timeline's rate with its start timecode, a video track V1 and audio tracks A1 (and A2 for stereo
// sources), linked clipitems whose in/out are source frames at the source's rate and start/end record
// frames, and one <file> per source (pathurl, duration, start timecode with frame count, DF/NDF, reel name).
// Rates are <timebase> + <ntsc>: 24000/1001 → 24 TRUE, 30000/1001 → 30 TRUE, 25 → 25 FALSE. Tags, note and
// rating go to the clip's master comments. Throws Error(InvalidArgument) for a rate xmeml cannot express
// (e.g. 25/2).
[[nodiscard]] std::string writeXmeml(const Timeline& timeline);

}  // namespace rushes::exporting
