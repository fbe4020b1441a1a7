// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/sync_triggers.h"

#include <fmt/format.h>

namespace rushes::catalog {

namespace {
constexpr std::string_view kLocalChange = "NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying_remote')";
// Wall milliseconds, for humans reading the outbox; ordering uses op_id and the HLC, never this.
constexpr std::string_view kNowMs = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
// An upsert, not INSERT OR REPLACE: a conflict clause inside a trigger is overridden by the outer
// statement's, so an outer upsert (segment_tag's) would turn REPLACE into ABORT.
constexpr std::string_view kRaiseClock =
    "ON CONFLICT(table_name, row_id, column_name) DO UPDATE SET hlc = excluded.hlc";
}  // namespace

std::string syncRowIdSql(std::string_view row_alias, const std::vector<std::string_view>& key_columns) {
    std::string sql;
    for (const auto& key : key_columns) {
        if (!sql.empty()) sql += " || ':' || ";
        sql += fmt::format("{}.{}", row_alias, key);
    }
    return sql;
}

std::string syncTriggersSql(std::string_view table, const std::vector<std::string_view>& key_columns,
                            const std::vector<std::string_view>& synced_columns) {
    const std::string new_id = syncRowIdSql("NEW", key_columns);
    std::string key_changed;
    for (const auto& key : key_columns) key_changed += fmt::format(" OR NEW.{0} IS NOT OLD.{0}", key);

    std::string sql = fmt::format(
        "CREATE TRIGGER {0}_sync_guard_update BEFORE UPDATE ON {0}\n"
        "WHEN {1} AND (NEW.updated_hlc IS NULL OR NEW.updated_hlc <= OLD.updated_hlc{2})\n"
        "BEGIN SELECT RAISE(ABORT, '{0}: a local change must keep the key and carry a newer updated_hlc'); END;\n"
        "CREATE TRIGGER {0}_sync_guard_delete BEFORE DELETE ON {0}\n"
        "WHEN {1}\n"
        "BEGIN SELECT RAISE(ABORT, '{0}: synced rows are deleted by tombstone, not DELETE'); END;\n",
        table, kLocalChange, key_changed);

    std::string outbox_values, clock_values;
    for (const auto& column : synced_columns) {
        if (!outbox_values.empty()) {
            outbox_values += ",\n    ";
            clock_values += ",\n    ";
        }
        outbox_values += fmt::format("('{}', {}, '{}', json_quote(NEW.{}), NEW.updated_hlc, {})", table, new_id, column,
                                     column, kNowMs);
        clock_values += fmt::format("('{}', {}, '{}', NEW.updated_hlc)", table, new_id, column);
    }
    sql += fmt::format(
        "CREATE TRIGGER {0}_sync_insert AFTER INSERT ON {0}\n"
        "WHEN {1}\nBEGIN\n"
        "  INSERT INTO outbox(table_name, row_id, column_name, value_json, hlc, created_at_ms) VALUES\n    {2};\n"
        "  INSERT INTO field_clock(table_name, row_id, column_name, hlc) VALUES\n    {3}\n  {4};\n"
        "END;\n",
        table, kLocalChange, outbox_values, clock_values, kRaiseClock);

    sql += fmt::format("CREATE TRIGGER {0}_sync_update AFTER UPDATE ON {0}\nWHEN {1}\nBEGIN\n", table, kLocalChange);
    for (const auto& column : synced_columns) {
        sql += fmt::format(
            "  INSERT INTO outbox(table_name, row_id, column_name, value_json, hlc, created_at_ms)\n"
            "    SELECT '{0}', {1}, '{2}', json_quote(NEW.{2}), NEW.updated_hlc, {3} WHERE OLD.{2} IS NOT NEW.{2};\n"
            "  INSERT INTO field_clock(table_name, row_id, column_name, hlc)\n"
            "    SELECT '{0}', {1}, '{2}', NEW.updated_hlc WHERE OLD.{2} IS NOT NEW.{2}\n  {4};\n",
            table, new_id, column, kNowMs, kRaiseClock);
    }
    sql += "END;\n";
    return sql;
}

std::string dropSyncTriggersSql(std::string_view table) {
    return fmt::format(
        "DROP TRIGGER IF EXISTS {0}_sync_guard_update;\nDROP TRIGGER IF EXISTS {0}_sync_guard_delete;\n"
        "DROP TRIGGER IF EXISTS {0}_sync_insert;\nDROP TRIGGER IF EXISTS {0}_sync_update;\n",
        table);
}

}  // namespace rushes::catalog
