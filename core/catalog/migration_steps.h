// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The SQL of each migration step. Internal to core/catalog: callers use migrations.h.
// A step, once released, is never edited — a fix is a new step — because catalogs already at that
// version will never run it again.
#include <string>

namespace rushes::catalog::steps {

[[nodiscard]] std::string schemaV1Sql();  // schema_v1.cpp
[[nodiscard]] std::string schemaV2Sql();  // schema_v2.cpp
[[nodiscard]] std::string schemaV3Sql();  // schema_v3.cpp
[[nodiscard]] std::string schemaV4Sql();  // schema_v4.cpp
[[nodiscard]] std::string schemaV5Sql();  // schema_v5.cpp
[[nodiscard]] std::string schemaV6Sql();  // schema_v6.cpp

}  // namespace rushes::catalog::steps
