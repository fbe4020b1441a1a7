// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Turning what an editor types for a reel (its id, or its name within a project) into the reel, for
// `rushes reel` and `rushes export list`.
#include <string>
#include <string_view>

#include "catalog/database.h"
#include "catalog/rows.h"

namespace rushes::cli {

// A live reel by id, or by exact name in --project (any project when `project` is empty and the name is
// unique across them). Throws NotFound, or InvalidArgument when the name is ambiguous.
[[nodiscard]] catalog::Reel resolveReel(catalog::Database& db, std::string_view text, const std::string& project);

}  // namespace rushes::cli
