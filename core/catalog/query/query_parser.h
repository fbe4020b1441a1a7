// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include "catalog/query/query_ast.h"

namespace rushes::catalog::query {

// Parses the search language (docs/search.md) into a tree. Precedence NOT > AND > OR; terms side by side
// are ANDed; "-term" is NOT term. The empty query (or only spaces) is MatchAll. Every problem is a
// rushes::Error (InvalidArgument) pointing at its column, e.g. for "rating>=x":
//   column 9: expected a number after 'rating>='
//     rating>=x
//             ^
[[nodiscard]] Node parseQuery(std::string_view query);

}  // namespace rushes::catalog::query
