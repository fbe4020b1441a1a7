// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rushes::catalog {

// The sync row id of a table's row: its key columns joined with ':' ("id", or "segment_id:tag_id").
// Migration steps and the sync layer must agree on it, so both build it here.
[[nodiscard]] std::string syncRowIdSql(std::string_view row_alias, const std::vector<std::string_view>& key_columns);

// Triggers that make a table syncable (DESIGN §6), applied by migration steps:
//  - every local insert, and every local update of a listed column, writes one outbox row per changed
//    column and raises that column's field_clock, stamped with the row's updated_hlc — in the same
//    transaction as the change, so a crash can never lose an outbox entry or leave one for a rolled-back
//    change;
//  - a local update must carry a newer updated_hlc and must not change the key; a local hard DELETE is
//    refused (deletes are tombstones);
//  - while sync_state holds the key 'applying_remote' (set by the sync layer inside its apply transaction)
//    the triggers stay silent, so remote changes never echo back into the outbox.
// A later step that adds a column drops these triggers and calls this again with the longer list.
[[nodiscard]] std::string syncTriggersSql(std::string_view table, const std::vector<std::string_view>& key_columns,
                                          const std::vector<std::string_view>& synced_columns);

// "DROP TRIGGER IF EXISTS …" for the triggers above, for steps that recreate them.
[[nodiscard]] std::string dropSyncTriggersSql(std::string_view table);

}  // namespace rushes::catalog
