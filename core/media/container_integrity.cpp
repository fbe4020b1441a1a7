// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/container_integrity.h"

#include <algorithm>
#include <array>
#include <fstream>

namespace rushes::media {
namespace {

constexpr std::array<const char*, 9> kIsoTopLevelBoxes = {"ftyp", "moov", "mdat", "free", "wide",
                                                          "skip", "pnot", "uuid", "styp"};

std::uint64_t readBigEndian(const unsigned char* bytes, int count) {
    std::uint64_t value = 0;
    for (int i = 0; i < count; ++i) value = (value << 8) | bytes[i];
    return value;
}

bool isIsoBoxType(const unsigned char* type) {
    for (const char* known : kIsoTopLevelBoxes) {
        if (std::equal(type, type + 4, known)) return true;
    }
    return false;
}

std::optional<std::string> checkIsoBoxes(std::ifstream& in, std::uintmax_t file_size) {
    std::uint64_t offset = 0;
    bool saw_moov = false;
    bool saw_fragments = false;
    while (offset + 8 <= file_size) {
        unsigned char header[16] = {};
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in.read(reinterpret_cast<char*>(header), 8)) break;
        std::uint64_t box_size = readBigEndian(header, 4);
        const std::string type(reinterpret_cast<char*>(header + 4), 4);
        if (box_size == 1) {
            if (!in.read(reinterpret_cast<char*>(header + 8), 8)) {
                return "box '" + type + "' at byte " + std::to_string(offset) + " is cut off";
            }
            box_size = readBigEndian(header + 8, 8);
        } else if (box_size == 0) {
            box_size = file_size - offset;  // "extends to the end of the file"
        }
        if (box_size < 8) return std::nullopt;  // not a box structure we understand: let FFmpeg judge
        if (type == "moov") saw_moov = true;
        if (type == "moof") saw_fragments = true;
        if (offset + box_size > file_size) {
            return "box '" + type + "' at byte " + std::to_string(offset) + " declares " +
                   std::to_string(box_size) + " bytes but the file ends at byte " + std::to_string(file_size);
        }
        offset += box_size;
    }
    if (!saw_moov && !saw_fragments) {
        return "no 'moov' box: the recording was never finalised or the copy stopped early";
    }
    return std::nullopt;
}

// EBML variable-length integer; returns the value and its length, or 0 length on error.
std::pair<std::uint64_t, int> readVint(std::ifstream& in, bool keep_marker) {
    int first = in.get();
    if (first == EOF || first == 0) return {0, 0};
    int length = 1;
    while (!(first & (0x80 >> (length - 1)))) ++length;
    std::uint64_t value = keep_marker ? static_cast<std::uint64_t>(first)
                                      : static_cast<std::uint64_t>(first & (0xFF >> length));
    for (int i = 1; i < length; ++i) {
        int next = in.get();
        if (next == EOF) return {0, 0};
        value = (value << 8) | static_cast<std::uint64_t>(next);
    }
    return {value, length};
}

std::optional<std::string> checkMatroskaSegment(std::ifstream& in, std::uintmax_t file_size) {
    in.seekg(4);
    auto [header_size, header_len] = readVint(in, false);
    if (header_len == 0) return std::nullopt;
    const std::uint64_t segment_at = 4 + static_cast<std::uint64_t>(header_len) + header_size;
    in.seekg(static_cast<std::streamoff>(segment_at));
    auto [segment_id, id_len] = readVint(in, true);
    if (id_len != 4 || segment_id != 0x18538067) return std::nullopt;
    auto [segment_size, size_len] = readVint(in, false);
    if (size_len == 0) return "the Matroska segment header is cut off";
    const std::uint64_t unknown_size = (std::uint64_t{1} << (7 * size_len)) - 1;
    if (segment_size == unknown_size) return std::nullopt;  // live recording: length not declared
    const std::uint64_t segment_end = segment_at + 4 + static_cast<std::uint64_t>(size_len) + segment_size;
    if (segment_end > file_size) {
        return "the Matroska segment declares " + std::to_string(segment_end) +
               " bytes but the file ends at byte " + std::to_string(file_size);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> findTruncation(const std::filesystem::path& path, std::uintmax_t file_size) {
    std::ifstream in(path, std::ios::binary);
    unsigned char head[8] = {};
    if (!in || !in.read(reinterpret_cast<char*>(head), 8)) return std::nullopt;
    if (isIsoBoxType(head + 4)) return checkIsoBoxes(in, file_size);
    if (readBigEndian(head, 4) == 0x1A45DFA3) {
        in.clear();
        return checkMatroskaSegment(in, file_size);
    }
    return std::nullopt;
}

}  // namespace rushes::media
