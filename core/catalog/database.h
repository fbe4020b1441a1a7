// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "catalog/sqlite_handles.h"

namespace rushes::catalog {

class Database;

// One prepared statement borrowed from its Database's cache. Destruction resets it and hands it back, so
// the hot statements of the stores are compiled once per connection. Must not outlive its Database.
// Binding indices are 1-based (SQLite's), column indices 0-based (SQLite's).
class Statement {
public:
    Statement(Database& db, StatementPtr stmt);
    Statement(Statement&& other) noexcept = default;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    template <std::integral I>
    Statement& bind(int index, I value) {
        return bindInt64(index, static_cast<int64_t>(value));
    }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullopt_t);
    Statement& bind(int index, std::span<const std::byte> blob);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }
    // Binds the arguments to ?1, ?2, … in order.
    template <typename... Args>
    Statement& bindAll(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // True when a row is available; false when the statement has finished.
    bool step();
    // Runs a statement that returns no rows of interest to completion.
    void run();

    [[nodiscard]] int columnCount() const;
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] int64_t int64At(int column) const;
    [[nodiscard]] double doubleAt(int column) const;
    [[nodiscard]] std::string textAt(int column) const;
    [[nodiscard]] std::optional<int64_t> optionalInt64At(int column) const;
    [[nodiscard]] std::optional<double> optionalDoubleAt(int column) const;
    [[nodiscard]] std::optional<std::string> optionalTextAt(int column) const;
    [[nodiscard]] std::vector<std::byte> blobAt(int column) const;

    [[nodiscard]] std::string_view sql() const;

private:
    Statement& bindInt64(int index, int64_t value);
    void check(int rc, std::string_view what) const;

    Database* db_;
    StatementPtr stmt_;
};

struct DatabaseOptions {
    // How long a writer waits for another connection's write lock before failing with ErrorKind::Busy.
    int busy_timeout_ms = 5000;
};

// One SQLite connection to a catalog file, configured the way DESIGN §4 asks (WAL, foreign keys on,
// synchronous=NORMAL — durable across application crashes, and WAL keeps the file consistent across
// power loss). A Database is used by one thread at a time; other threads open their own.
class Database {
public:
    // Creates the file and its parent folders if needed. Throws Error naming the path.
    explicit Database(std::filesystem::path path, DatabaseOptions options = {});
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

    // A cached prepared statement for exactly this SQL text (the cache key), reset and unbound.
    [[nodiscard]] Statement prepare(std::string_view sql);
    // Runs one or more statements without results (schema scripts, pragmas).
    void execute(std::string_view sql);
    // Convenience for "SELECT one value" queries such as pragmas.
    [[nodiscard]] std::optional<int64_t> queryInt64(std::string_view sql);
    [[nodiscard]] std::optional<std::string> queryText(std::string_view sql);

    [[nodiscard]] int64_t changes() const noexcept;
    [[nodiscard]] bool inTransaction() const noexcept;

    // Errors name the catalog file and, where there is one, the row; the reason ends with SQLite's message.
    [[nodiscard]] Error sqliteError(int rc, std::string_view what) const;
    [[nodiscard]] Error rowError(ErrorKind kind, std::string_view table, std::string_view row_id,
                                 std::string reason) const;

    // For code that needs the C API directly (sync, backups); ownership stays here.
    [[nodiscard]] sqlite3* handle() const noexcept { return connection_.get(); }

private:
    friend class Statement;
    friend class Transaction;
    void recycle(StatementPtr stmt) noexcept;

    std::filesystem::path path_;
    ConnectionPtr connection_;
    // Idle statements by SQL text; a statement in use is owned by its Statement, so two live uses of the
    // same SQL (e.g. a nested query) each get their own compiled copy.
    std::unordered_map<std::string, std::vector<StatementPtr>> idle_statements_;
    int transaction_depth_ = 0;
};

// BEGIN IMMEDIATE … COMMIT, rolled back by the destructor unless commit() ran. IMMEDIATE takes the write
// lock up front so a transaction never fails half-way with SQLITE_BUSY on its first write. Nested
// Transactions become savepoints, so a store's write can join a caller's larger transaction.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

private:
    Database& db_;
    std::string savepoint_;  // empty for the outermost transaction
    bool finished_ = false;
};

// Maps SQLite result codes onto the error kinds of core/ (busy, conflict, corrupt, io, …).
[[nodiscard]] ErrorKind errorKindFor(int sqlite_rc) noexcept;

}  // namespace rushes::catalog
