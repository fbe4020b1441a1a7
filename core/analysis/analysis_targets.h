// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "analysis/analysis_batch.h"
#include "catalog/database.h"

namespace rushes::analysis {

// The catalogued files an `analyze --all` works on: live, readable assets with a picture whose newest
// finished run used other detector versions, or that have none (every asset with `force`). A run killed
// half-way recorded nothing, so its file is simply pending again. Oldest assets first.
[[nodiscard]] std::vector<AnalysisTarget> pendingTargets(catalog::Database& db, bool force);

}  // namespace rushes::analysis
