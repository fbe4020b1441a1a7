// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// RAII types for SQLite's two handles (STYLE rule 2), shaped like media/ffmpeg_handles.h: the release
// function is a template parameter, one line per handle, no raw owning pointer.
#include <sqlite3.h>

#include <memory>

namespace rushes::catalog {

template <typename T, int (*Release)(T*)>
struct SqliteRelease {
    // sqlite3_close_v2 defers the close until the last statement is finalised, so destruction order
    // between a connection and a stray statement can never leak or crash.
    void operator()(T* p) const noexcept { Release(p); }
};

using ConnectionPtr = std::unique_ptr<sqlite3, SqliteRelease<sqlite3, sqlite3_close_v2>>;
using StatementPtr = std::unique_ptr<sqlite3_stmt, SqliteRelease<sqlite3_stmt, sqlite3_finalize>>;

}  // namespace rushes::catalog
