// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/hlc.h"

#include <fmt/format.h>

#include <chrono>

#include "catalog/database.h"

namespace rushes::catalog {

namespace {
constexpr uint32_t kMaxCounter = 0xffff;

bool isLowerHex(std::string_view text) {
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

int64_t systemUnixMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

std::string Hlc::toString() const {
    return fmt::format("{:012x}-{:04x}-{}", wall_ms, counter, site_id);
}

std::optional<Hlc> Hlc::parse(std::string_view text) {
    // 12 + 1 + 4 + 1 + 16
    if (text.size() != 34 || text[12] != '-' || text[17] != '-') return std::nullopt;
    const auto wall = text.substr(0, 12), counter = text.substr(13, 4), site = text.substr(18);
    if (!isLowerHex(wall) || !isLowerHex(counter) || !isLowerHex(site)) return std::nullopt;
    Hlc hlc;
    hlc.wall_ms = int64_t(std::stoull(std::string(wall), nullptr, 16));
    hlc.counter = uint32_t(std::stoul(std::string(counter), nullptr, 16));
    hlc.site_id = std::string(site);
    return hlc;
}

LocalClock::LocalClock(Database& db) : LocalClock(db, systemUnixMs) {}

LocalClock::LocalClock(Database& db, WallClockMs wall_clock) : db_(db), wall_clock_(std::move(wall_clock)) {}

std::string LocalClock::tick() {
    if (!db_.inTransaction()) {
        throw Error(ErrorKind::Internal, db_.path().string(), "a clock stamp was drawn outside a write transaction");
    }
    const auto site = db_.queryText("SELECT value FROM sync_state WHERE key = 'site_id'");
    if (!site || site->size() != 16 || !isLowerHex(*site)) {
        throw db_.rowError(ErrorKind::Corrupt, "sync_state", "site_id", "missing or malformed site id");
    }
    Hlc next{wall_clock_(), 0, *site};
    if (const auto last_text = db_.queryText("SELECT value FROM sync_state WHERE key = 'hlc_last'")) {
        const auto last = Hlc::parse(*last_text);
        if (!last) throw db_.rowError(ErrorKind::Corrupt, "sync_state", "hlc_last", "malformed clock " + *last_text);
        if (next.wall_ms <= last->wall_ms) {
            // Same millisecond, or the wall clock stepped back: logical time keeps counting.
            next.wall_ms = last->wall_ms;
            next.counter = last->counter + 1;
            if (next.counter > kMaxCounter) {
                ++next.wall_ms;
                next.counter = 0;
            }
        }
    }
    std::string text = next.toString();
    db_.prepare(
           "INSERT INTO sync_state(key, value) VALUES ('hlc_last', ?1) "
           "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bindAll(text)
        .run();
    return text;
}

}  // namespace rushes::catalog
