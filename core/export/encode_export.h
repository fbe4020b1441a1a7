// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stop_token>

#include "export/clip_range.h"
#include "export/encode_presets.h"
#include "export/export_types.h"

namespace rushes::exporting {

// Re-encodes [in, out) with a preset: every frame decoded, converted (and scaled for proxies) and encoded;
// every audio stream re-encoded sample-exact as AAC or PCM (the preset's choice unless options.audio says).
// Presentation times stay the source's (VFR survives); rotation, metadata and the start timecode at in are
// kept. Frame-accurate by construction.
[[nodiscard]] ExportReport exportEncode(const ClipSource& source, const ResolvedClip& clip, const EncodePreset& preset,
                                        const ExportOptions& options, std::stop_token stop = {},
                                        const ExportProgress& progress = {});

}  // namespace rushes::exporting
