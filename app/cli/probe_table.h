// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "media/probe.h"

namespace rushes::cli {

// The human-readable form of a probe: one block per file, one line per stream.
[[nodiscard]] std::string formatProbeTable(const media::ProbeResult& probe);

}  // namespace rushes::cli
