// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stop_token>

#include "export/clip_range.h"
#include "export/export_types.h"

namespace rushes::exporting {

// Stream copy of every stream, from the keyframe at or before in to the first point at or after out where
// the frames shown so far are contiguous (a B-frame shown before out may need a picture shown after it).
// Keeps metadata and rotation; the start timecode is the source's at the actual in. The report gives the
// actual in and out, which a copy cannot choose freely.
[[nodiscard]] ExportReport exportCopy(const ClipSource& source, const ResolvedClip& requested,
                                      const ExportOptions& options, std::stop_token stop = {},
                                      const ExportProgress& progress = {});

}  // namespace rushes::exporting
