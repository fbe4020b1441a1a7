// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace rushes::catalog {

// A UUID as 16 big-endian bytes. Catalog rows store the canonical lowercase text form
// ("0190c6e2-7b1a-7def-8abc-0123456789ab"), which sorts like the bytes.
struct Uuid {
    std::array<uint8_t, 16> bytes{};

    [[nodiscard]] std::string toString() const;
    [[nodiscard]] int version() const noexcept { return bytes[6] >> 4; }
    // Milliseconds since the Unix epoch carried by a version 7 UUID.
    [[nodiscard]] int64_t unixMs() const noexcept;

    // Accepts only the canonical 8-4-4-4-12 form (either case); nullopt for anything else.
    [[nodiscard]] static std::optional<Uuid> parse(std::string_view text);

    friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

// True for canonical lowercase text of a version 7, RFC 9562 variant UUID — the only id form the catalog
// accepts from callers, so a typo or a foreign id is refused at the edge instead of becoming a row.
[[nodiscard]] bool isUuidV7Text(std::string_view text);

// UUIDv7 ids (RFC 9562): 48-bit Unix milliseconds, then 74 random bits. Within one millisecond — or when
// the wall clock steps back — the generator adds a random increment to the previous id's 74 bits instead
// of drawing fresh ones (RFC 9562 §6.2 method 2), so ids made by one generator strictly increase and
// rows inserted in order stay in index order. Thread-safe.
class UuidV7Generator {
public:
    using WallClockMs = std::function<int64_t()>;

    UuidV7Generator();                                  // system clock, seeded from std::random_device
    UuidV7Generator(WallClockMs clock, uint64_t seed);  // for tests: a fake clock and a fixed seed

    [[nodiscard]] Uuid next();
    [[nodiscard]] std::string nextText() { return next().toString(); }

private:
    WallClockMs clock_;
    std::mutex mutex_;
    std::mt19937_64 random_;
    int64_t last_ms_ = -1;
    uint16_t last_rand_a_ = 0;  // 12 bits
    uint64_t last_rand_b_ = 0;  // 62 bits
};

}  // namespace rushes::catalog
