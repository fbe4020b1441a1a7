// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>

namespace rushes::catalog {

// Where the catalog lives: an explicit path (--catalog) wins, then
// $RUSHES_CATALOG, then $XDG_DATA_HOME/rushes/catalog.db, then
// ~/.local/share/rushes/catalog.db (the XDG default).
[[nodiscard]] std::filesystem::path resolveCatalogPath(const std::optional<std::filesystem::path>& explicit_path);

}  // namespace rushes::catalog
