// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SQL functions the catalog's own queries call, registered on every connection Database opens. Never use
// them in the schema (triggers, views, indexes): other SQLite tools must still be able to open a catalog.
struct sqlite3;

namespace rushes::catalog {

// rushes_in_sorted(SET, VALUE): 1 when the integer VALUE is in SET, a JSON array of integers in ascending
// order (as FTS5 returns rowids), else 0; NULL when VALUE is NULL. SET is parsed once per statement run
// (SQLite keeps it as auxiliary data of a bound parameter), then each call is a binary search — where
// `VALUE IN (SELECT value FROM json_each(SET))` would first build a B-tree of every element.
void registerCatalogFunctions(sqlite3* connection);

}  // namespace rushes::catalog
