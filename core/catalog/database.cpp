// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/database.h"

#include <system_error>

#include "catalog/sql_functions.h"

namespace rushes::catalog {

namespace {
// Enough idle copies for nested uses of one statement without growing without bound.
constexpr size_t kMaxIdleCopiesPerSql = 4;
}  // namespace

ErrorKind errorKindFor(int sqlite_rc) noexcept {
    switch (sqlite_rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return ErrorKind::Busy;
        case SQLITE_CONSTRAINT: return ErrorKind::Conflict;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return ErrorKind::Corrupt;
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_AUTH: return ErrorKind::Unreadable;
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_PROTOCOL: return ErrorKind::Io;
        case SQLITE_INTERRUPT: return ErrorKind::Cancelled;
        case SQLITE_RANGE:
        case SQLITE_MISMATCH:
        case SQLITE_TOOBIG: return ErrorKind::InvalidArgument;
        default: return ErrorKind::Internal;
    }
}

// ---- Statement -------------------------------------------------------------------------------------

Statement::Statement(Database& db, StatementPtr stmt) : db_(&db), stmt_(std::move(stmt)) {}

Statement::~Statement() {
    if (stmt_) db_->recycle(std::move(stmt_));
}

void Statement::check(int rc, std::string_view what) const {
    if (rc != SQLITE_OK) throw db_->sqliteError(rc, std::string(what) + " in \"" + std::string(sql()) + "\"");
}

Statement& Statement::bindInt64(int index, int64_t value) {
    check(sqlite3_bind_int64(stmt_.get(), index, value), "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check(sqlite3_bind_double(stmt_.get(), index, value), "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT copies: callers routinely bind temporaries.
    check(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
          "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, std::span<const std::byte> blob) {
    // A zero-length blob is still a blob, not NULL: SQLite needs a non-null pointer for that.
    static const std::byte kEmpty{};
    check(sqlite3_bind_blob64(stmt_.get(), index, blob.empty() ? &kEmpty : blob.data(), blob.size(),
                              SQLITE_TRANSIENT),
          "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
    check(sqlite3_bind_null(stmt_.get(), index), "binding parameter " + std::to_string(index));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Reset so the statement is reusable and the error message reflects this failure, not a stale one.
    const std::string where = "running \"" + std::string(sql()) + "\"";
    Error error = db_->sqliteError(rc, where);
    sqlite3_reset(stmt_.get());
    throw error;
}

void Statement::run() {
    while (step()) {
    }
}

int Statement::columnCount() const {
    return sqlite3_column_count(stmt_.get());
}
bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}
int64_t Statement::int64At(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
}
double Statement::doubleAt(int column) const {
    return sqlite3_column_double(stmt_.get(), column);
}

std::string Statement::textAt(int column) const {
    const auto* text = sqlite3_column_text(stmt_.get(), column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text), size_t(sqlite3_column_bytes(stmt_.get(), column)));
}

std::vector<std::byte> Statement::blobAt(int column) const {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_.get(), column));
    const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column));
    if (data == nullptr) return {};
    return std::vector<std::byte>(data, data + size);
}

std::optional<int64_t> Statement::optionalInt64At(int column) const {
    if (isNull(column)) return std::nullopt;
    return int64At(column);
}
std::optional<double> Statement::optionalDoubleAt(int column) const {
    if (isNull(column)) return std::nullopt;
    return doubleAt(column);
}
std::optional<std::string> Statement::optionalTextAt(int column) const {
    if (isNull(column)) return std::nullopt;
    return textAt(column);
}

std::string_view Statement::sql() const {
    const char* text = sqlite3_sql(stmt_.get());
    return text ? std::string_view(text) : std::string_view();
}

// ---- Database --------------------------------------------------------------------------------------

Database::Database(std::filesystem::path path, DatabaseOptions options) : path_(std::move(path)) {
    if (path_.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path_.parent_path(), ec);
        if (ec) throw Error(ErrorKind::Io, path_.string(), "cannot create the catalog folder: " + ec.message());
    }
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
    connection_.reset(raw);  // owned even on failure: sqlite hands out a handle carrying the message
    if (rc != SQLITE_OK) {
        throw sqliteError(rc, "cannot open the catalog");
    }
    sqlite3_busy_timeout(connection_.get(), options.busy_timeout_ms);

    // journal_mode answers with the mode it got; a file on a filesystem without shared memory silently
    // stays in rollback mode, which would break the reader/writer concurrency the app relies on.
    const auto mode = queryText("PRAGMA journal_mode=WAL");
    if (!mode || *mode != "wal") {
        throw Error(ErrorKind::Io, path_.string(),
                    "cannot switch the catalog to WAL mode (got \"" + mode.value_or("nothing") + "\")");
    }
    execute("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
    if (queryInt64("PRAGMA foreign_keys").value_or(0) != 1) {
        throw Error(ErrorKind::Internal, path_.string(), "this SQLite cannot enforce foreign keys");
    }
    registerCatalogFunctions(connection_.get());
}

Database::~Database() {
    // Statements must be finalised before the connection; close_v2 would cope, but this keeps it tidy.
    idle_statements_.clear();
}

Statement Database::prepare(std::string_view sql) {
    auto found = idle_statements_.find(std::string(sql));
    if (found != idle_statements_.end() && !found->second.empty()) {
        StatementPtr stmt = std::move(found->second.back());
        found->second.pop_back();
        return Statement(*this, std::move(stmt));
    }
    sqlite3_stmt* raw = nullptr;
    const int rc =
        sqlite3_prepare_v3(connection_.get(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) throw sqliteError(rc, "cannot prepare \"" + std::string(sql) + "\"");
    if (!stmt) throw Error(ErrorKind::InvalidArgument, path_.string(), "empty SQL statement");
    return Statement(*this, std::move(stmt));
}

void Database::recycle(StatementPtr stmt) noexcept {
    sqlite3_reset(stmt.get());
    sqlite3_clear_bindings(stmt.get());
    try {
        auto& idle = idle_statements_[std::string(sqlite3_sql(stmt.get()))];
        if (idle.size() < kMaxIdleCopiesPerSql) idle.push_back(std::move(stmt));
    } catch (...) {
        // Out of memory while caching: finalising the statement (stmt's destructor) is the right fallback.
    }
}

void Database::execute(std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(connection_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string reason = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(errorKindFor(rc), path_.string(),
                    "cannot run \"" + std::string(sql.substr(0, 120)) + "\": " + reason);
    }
}

std::optional<int64_t> Database::queryInt64(std::string_view sql) {
    Statement stmt = prepare(sql);
    if (!stmt.step()) return std::nullopt;
    return stmt.optionalInt64At(0);
}

std::optional<std::string> Database::queryText(std::string_view sql) {
    Statement stmt = prepare(sql);
    if (!stmt.step()) return std::nullopt;
    return stmt.optionalTextAt(0);
}

int64_t Database::changes() const noexcept {
    return sqlite3_changes64(connection_.get());
}

bool Database::inTransaction() const noexcept {
    return sqlite3_get_autocommit(connection_.get()) == 0;
}

Error Database::sqliteError(int rc, std::string_view what) const {
    std::string reason(what);
    reason += ": ";
    // The connection's message is only about this failure if its code matches.
    if (connection_ && sqlite3_extended_errcode(connection_.get()) == rc) {
        reason += sqlite3_errmsg(connection_.get());
    } else {
        reason += sqlite3_errstr(rc);
    }
    return Error(errorKindFor(rc), path_.string(), std::move(reason));
}

Error Database::rowError(ErrorKind kind, std::string_view table, std::string_view row_id, std::string reason) const {
    return Error(kind, path_.string() + " [" + std::string(table) + " " + std::string(row_id) + "]", std::move(reason));
}

// ---- Transaction -----------------------------------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db) {
    if (db_.transaction_depth_ == 0) {
        db_.execute("BEGIN IMMEDIATE");
    } else {
        savepoint_ = "rushes_sp_" + std::to_string(db_.transaction_depth_);
        db_.execute("SAVEPOINT " + savepoint_);
    }
    ++db_.transaction_depth_;
}

Transaction::~Transaction() {
    if (finished_) return;
    --db_.transaction_depth_;
    // Errors here are swallowed on purpose: a destructor cannot throw, and when SQLite already rolled
    // back by itself (after SQLITE_FULL, IOERR, …) "no transaction is active" is the expected answer.
    const std::string sql = savepoint_.empty() ? "ROLLBACK" : "ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_;
    sqlite3_exec(db_.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    if (finished_) throw Error(ErrorKind::Internal, db_.path().string(), "transaction committed twice");
    db_.execute(savepoint_.empty() ? "COMMIT" : "RELEASE " + savepoint_);
    finished_ = true;
    --db_.transaction_depth_;
}

}  // namespace rushes::catalog
