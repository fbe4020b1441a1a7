// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the stores; internal to core/catalog.
#include <cstdint>
#include <string_view>

#include "catalog/database.h"

namespace rushes::catalog::support {

[[nodiscard]] int64_t nowUnixMs();

// Throws ErrorKind::InvalidArgument naming the table unless `id` is a canonical UUIDv7.
void requireUuid(const Database& db, std::string_view table, std::string_view id);

// Throws ErrorKind::NotFound naming the row unless it exists and is not a tombstone. `table` must be one of
// the catalog's own table names (it is spliced into SQL; never pass user input).
void requireLive(Database& db, std::string_view table, std::string_view id);

// Whether a live row exists.
[[nodiscard]] bool isLive(Database& db, std::string_view table, std::string_view id);

}  // namespace rushes::catalog::support
