// SPDX-License-Identifier: GPL-3.0-or-later
// Unicode-aware lower-casing for tag keys without ICU: glibc's C.UTF-8 locale carries the Unicode simple
// case mappings, and towlower_l with an explicit locale is thread-safe and ignores the process locale.
#include <locale.h>
#include <wctype.h>

#include "catalog/tag_store.h"

namespace rushes::catalog {

namespace {

locale_t utf8Locale() {
    static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
    return locale;
}

// Decodes one code point; false for malformed, overlong or surrogate sequences.
bool decode(std::string_view text, size_t& pos, char32_t& out) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    int extra = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        out = lead;
        ++pos;
        return true;
    } else if ((lead & 0xe0) == 0xc0) {
        extra = 1, out = lead & 0x1f, minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        extra = 2, out = lead & 0x0f, minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        extra = 3, out = lead & 0x07, minimum = 0x10000;
    } else {
        return false;
    }
    if (pos + size_t(extra) >= text.size()) return false;  // sequence cut off by the end
    for (int i = 1; i <= extra; ++i) {
        const unsigned char next = byte(pos + size_t(i));
        if ((next & 0xc0) != 0x80) return false;
        out = (out << 6) | (next & 0x3f);
    }
    if (out < minimum || out > 0x10ffff || (out >= 0xd800 && out <= 0xdfff)) return false;
    pos += size_t(extra) + 1;
    return true;
}

void encode(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

char32_t lower(char32_t cp) {
    if (const locale_t locale = utf8Locale()) return char32_t(towlower_l(wint_t(cp), locale));
    return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;  // no C.UTF-8: ASCII only, still consistent
}

}  // namespace

std::optional<std::string> tagNameKey(std::string_view name) {
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;
    name = name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
    std::string key;
    key.reserve(name.size());
    for (size_t pos = 0; pos < name.size();) {
        char32_t cp = 0;
        if (!decode(name, pos, cp)) return std::nullopt;
        encode(lower(cp), key);
    }
    return key;
}

}  // namespace rushes::catalog
