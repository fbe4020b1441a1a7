// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog_location.h"

#include <cstdlib>

#include "base/error.h"

namespace rushes::catalog {
namespace {

std::optional<std::filesystem::path> environmentPath(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::filesystem::path(value);
}

}  // namespace

std::filesystem::path resolveCatalogPath(const std::optional<std::filesystem::path>& explicit_path) {
    if (explicit_path && !explicit_path->empty()) return *explicit_path;
    if (auto path = environmentPath("RUSHES_CATALOG")) return *path;
    // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (auto data_home = environmentPath("XDG_DATA_HOME"); data_home && data_home->is_absolute()) {
        return *data_home / "rushes" / "catalog.db";
    }
    if (auto home = environmentPath("HOME")) return *home / ".local" / "share" / "rushes" / "catalog.db";
    throw Error(ErrorKind::InvalidArgument, "catalog",
                "no catalog location: pass --catalog, or set RUSHES_CATALOG or HOME");
}

}  // namespace rushes::catalog
