// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stop_token>

#include "export/clip_range.h"
#include "export/export_types.h"

namespace rushes::exporting {

// Exports [in, out) of `source` to options.output in the given mode. The file appears only when the export
// succeeded (written under a temporary name, renamed at the end); a stop request, an error or a full disk
// leaves nothing behind. Throws rushes::Error naming the file and the reason.
[[nodiscard]] ExportReport exportClip(const ClipSource& source, const ResolvedClip& clip, ExportMode mode,
                                      const ExportOptions& options, std::stop_token stop = {},
                                      const ExportProgress& progress = {});

}  // namespace rushes::exporting
