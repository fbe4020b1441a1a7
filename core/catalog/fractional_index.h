// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fractional indexing for ordered lists that sync (reel items): each item carries a key that sorts between
// its neighbours, so an insert or a move writes one row and two editors reordering offline never renumber
// each other's items. A key is a base-62 fraction 0.d1d2d3… written as its digits "0-9A-Za-z" (ASCII order
// is digit order, so SQLite's BINARY collation and std::string compare keys correctly). A valid key is
// non-empty, uses only those digits and does not end in '0', which keeps room below every key.
#include <optional>
#include <string>
#include <string_view>

namespace rushes::catalog {

[[nodiscard]] bool isFractionalKey(std::string_view key) noexcept;

// A key strictly between `before` and `after`; nullopt stands for the list's start (0) or end (1).
// Throws std::invalid_argument unless before < after and both are valid keys.
[[nodiscard]] std::string fractionalKeyBetween(std::optional<std::string_view> before,
                                               std::optional<std::string_view> after);

// The shortest key after `before` with nothing above it: appending repeatedly grows keys by one digit per
// ~30 appends, where plain halving would grow one per ~6.
[[nodiscard]] std::string fractionalKeyAfter(std::optional<std::string_view> before);

}  // namespace rushes::catalog
