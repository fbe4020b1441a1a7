// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/fractional_index.h"

#include <stdexcept>

namespace rushes::catalog {

namespace {
constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kBase = int(kDigits.size());

int digitValue(char c) {
    const auto at = kDigits.find(c);
    if (at == std::string_view::npos) throw std::invalid_argument("fractional key: invalid digit");
    return int(at);
}

// Digits of `before` past its end read as 0; `after` == nullopt is the fraction 1.
std::string between(std::string_view before, std::optional<std::string_view> after) {
    if (after) {
        // Copy the common prefix, then work on the first digit where they differ.
        size_t n = 0;
        while (n < after->size() && (n < before.size() ? before[n] : '0') == (*after)[n]) ++n;
        if (n > 0) {
            return std::string(after->substr(0, n)) +
                   between(n < before.size() ? before.substr(n) : std::string_view(), after->substr(n));
        }
    }
    const int low = before.empty() ? 0 : digitValue(before[0]);
    const int high = after ? digitValue((*after)[0]) : kBase;
    if (high - low > 1) return std::string(1, kDigits[size_t((low + high + 1) / 2)]);
    // Adjacent first digits: `after`'s first digit alone lies between when `after` has more digits
    // (it is then shorter, hence smaller than `after`, and larger than `before`).
    if (after && after->size() > 1) return std::string(1, (*after)[0]);
    return std::string(1, kDigits[size_t(low)]) +
           between(before.size() > 1 ? before.substr(1) : std::string_view(), std::nullopt);
}
}  // namespace

bool isFractionalKey(std::string_view key) noexcept {
    if (key.empty() || key.back() == '0') return false;
    for (char c : key) {
        if (kDigits.find(c) == std::string_view::npos) return false;
    }
    return true;
}

std::string fractionalKeyBetween(std::optional<std::string_view> before, std::optional<std::string_view> after) {
    if ((before && !isFractionalKey(*before)) || (after && !isFractionalKey(*after))) {
        throw std::invalid_argument("fractional key: not a valid key");
    }
    if (before && after && !(*before < *after)) {
        throw std::invalid_argument("fractional key: " + std::string(*before) + " is not before " +
                                    std::string(*after));
    }
    return between(before.value_or(std::string_view()), after);
}

std::string fractionalKeyAfter(std::optional<std::string_view> before) {
    if (!before) return fractionalKeyBetween(std::nullopt, std::nullopt);
    if (!isFractionalKey(*before)) throw std::invalid_argument("fractional key: not a valid key");
    // Raise the first digit that is not the largest: same prefix, larger digit, never a trailing '0'.
    for (size_t i = 0; i < before->size(); ++i) {
        const int digit = digitValue((*before)[i]);
        if (digit + 1 < kBase) return std::string(before->substr(0, i)) + kDigits[size_t(digit + 1)];
    }
    return fractionalKeyBetween(before, std::nullopt);
}

}  // namespace rushes::catalog
