// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_location.h"
#include "cli/commands.h"

namespace rushes::cli {

std::filesystem::path CommandContext::catalogPath() const { return catalog::resolveCatalogPath(catalog_flag); }

}  // namespace rushes::cli
