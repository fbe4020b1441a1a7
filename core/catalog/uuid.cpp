// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/uuid.h"

#include <chrono>

namespace rushes::catalog {

namespace {
constexpr char kHex[] = "0123456789abcdef";
constexpr uint64_t kRandBMask = (uint64_t(1) << 62) - 1;
constexpr uint16_t kRandAMask = 0x0fff;
constexpr int64_t kMaxUnixMs = (int64_t(1) << 48) - 1;

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool isDashPosition(size_t i) {
    return i == 8 || i == 13 || i == 18 || i == 23;
}

int64_t systemUnixMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

uint64_t randomSeed() {
    std::random_device device;
    return (uint64_t(device()) << 32) ^ uint64_t(device());
}
}  // namespace

std::string Uuid::toString() const {
    std::string text;
    text.reserve(36);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0x0f];
    }
    return text;
}

int64_t Uuid::unixMs() const noexcept {
    int64_t ms = 0;
    for (size_t i = 0; i < 6; ++i) ms = (ms << 8) | bytes[i];
    return ms;
}

std::optional<Uuid> Uuid::parse(std::string_view text) {
    if (text.size() != 36) return std::nullopt;
    Uuid uuid;
    size_t byte = 0;
    for (size_t i = 0; i < text.size();) {
        if (isDashPosition(i)) {
            if (text[i] != '-') return std::nullopt;
            ++i;
            continue;
        }
        const int high = hexValue(text[i]);
        const int low = hexValue(text[i + 1]);
        if (high < 0 || low < 0 || isDashPosition(i + 1)) return std::nullopt;
        uuid.bytes[byte++] = uint8_t(high << 4 | low);
        i += 2;
    }
    return uuid;
}

bool isUuidV7Text(std::string_view text) {
    const auto uuid = Uuid::parse(text);
    if (!uuid || uuid->version() != 7 || (uuid->bytes[8] & 0xc0) != 0x80) return false;
    for (char c : text) {
        if (c >= 'A' && c <= 'F') return false;  // one spelling per id, or equal ids would compare unequal
    }
    return true;
}

UuidV7Generator::UuidV7Generator() : UuidV7Generator(systemUnixMs, randomSeed()) {}

UuidV7Generator::UuidV7Generator(WallClockMs clock, uint64_t seed) : clock_(std::move(clock)), random_(seed) {}

Uuid UuidV7Generator::next() {
    std::lock_guard lock(mutex_);
    int64_t ms = clock_();
    if (ms < 0) ms = 0;
    if (ms > kMaxUnixMs) ms = kMaxUnixMs;
    if (ms > last_ms_) {
        last_ms_ = ms;
        // Top bit of rand_a left clear: room for ~2^73 increments before the millisecond must roll over.
        last_rand_a_ = uint16_t(random_() & 0x07ff);
        last_rand_b_ = random_() & kRandBMask;
    } else {
        // Same millisecond or the clock stepped back: keep the previous timestamp and count up by a
        // random 32-bit step, which keeps ids unguessable and strictly increasing.
        const uint64_t step = (random_() & 0xffffffffu) + 1;
        last_rand_b_ += step;
        if (last_rand_b_ > kRandBMask) {
            last_rand_b_ &= kRandBMask;
            if (++last_rand_a_ > kRandAMask) {
                // 74 bits exhausted within one millisecond: borrow the next millisecond (RFC 9562 allows it).
                last_rand_a_ = 0;
                ++last_ms_;
            }
        }
    }
    Uuid uuid;
    const auto ms_bits = uint64_t(last_ms_);
    for (int i = 0; i < 6; ++i) uuid.bytes[size_t(i)] = uint8_t(ms_bits >> (40 - 8 * i));
    uuid.bytes[6] = uint8_t(0x70 | (last_rand_a_ >> 8));
    uuid.bytes[7] = uint8_t(last_rand_a_ & 0xff);
    uuid.bytes[8] = uint8_t(0x80 | ((last_rand_b_ >> 56) & 0x3f));
    for (int i = 9; i < 16; ++i) uuid.bytes[size_t(i)] = uint8_t(last_rand_b_ >> (8 * (15 - i)));
    return uuid;
}

}  // namespace rushes::catalog
