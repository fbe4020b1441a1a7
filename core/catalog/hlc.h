// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace rushes::catalog {

class Database;

// A hybrid logical clock value (DESIGN §6): wall milliseconds, a counter for events within one
// millisecond, and the site (replica) id that breaks ties. The text form is fixed-width lowercase hex,
// "0190c6e27b1a-0003-9f2c41d07a6b5e08", so comparing the strings compares the clocks — in SQLite and in
// PostgreSQL alike, with no parsing in triggers or server functions.
struct Hlc {
    int64_t wall_ms = 0;
    uint32_t counter = 0;  // 16 bits in the text form
    std::string site_id;   // 16 lowercase hex digits

    [[nodiscard]] std::string toString() const;
    [[nodiscard]] static std::optional<Hlc> parse(std::string_view text);
};

// Stamps local changes. The last value and the site id live in the catalog's sync_state table, so the
// clock never runs backwards across restarts, connections or a wall clock stepping back, and a stamp is
// persisted in the same transaction as the change it stamps.
class LocalClock {
public:
    using WallClockMs = std::function<int64_t()>;

    explicit LocalClock(Database& db);
    LocalClock(Database& db, WallClockMs wall_clock);  // tests pass a fake wall clock

    // The next stamp, strictly greater than every stamp this catalog has issued or received. Must run
    // inside a write Transaction (throws ErrorKind::Internal otherwise).
    [[nodiscard]] std::string tick();

private:
    Database& db_;
    WallClockMs wall_clock_;
};

}  // namespace rushes::catalog
