// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/mhl_writer.h"

#include <fmt/core.h>
#include <unistd.h>

#include <charconv>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "ingest/posix_file.h"

namespace rushes::ingest {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kFolder = "ascmhl";
constexpr std::string_view kChainFile = "ascmhl_chain.xml";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) length = 2, code = lead & 0x1F;
    else if ((lead & 0xF0) == 0xE0) length = 3, code = lead & 0x0F;
    else if ((lead & 0xF8) == 0xF0) length = 4, code = lead & 0x07;
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    if (code == 0xFFFE || code == 0xFFFF) return 0;  // not XML characters
    return length;
}

std::string utcFileStamp(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d_%H%M%SZ", &tm);
    return buffer;
}

std::string hostName() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
    return buffer;
}

// Writes `text` to `path` through a temporary name, synced, so a crash leaves the old file or the new.
void writeFileAtomically(const fs::path& path, std::string_view text) {
    const fs::path partial = path.string() + ".rushes-partial";
    try {
        UniqueFd fd = openForWriting(partial);
        writeAll(fd.get(), std::as_bytes(std::span(text.data(), text.size())), partial);
        syncFile(fd.get(), partial);
        fd.close(partial);
        fs::rename(partial, path);
    } catch (...) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw;
    }
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Unreadable, path.string(), "cannot read the MHL chain");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string chainEntry(int generation, const std::string& manifest_name, const std::string& c4) {
    return fmt::format("  <hashlist sequencenr=\"{}\">\n    <path>{}</path>\n    <c4>{}</c4>\n  </hashlist>\n",
                       generation, escapeXml(manifest_name), c4);
}

}  // namespace

std::string escapeXml(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        switch (c) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += "&quot;"; ++i; continue;
            case '\'': out += "&apos;"; ++i; continue;
            // Character references keep these exact even inside attributes, where a parser
            // would otherwise normalise a literal tab or newline to a space.
            case '\t': out += "&#9;"; ++i; continue;
            case '\n': out += "&#10;"; ++i; continue;
            case '\r': out += "&#13;"; ++i; continue;
            default: break;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0 || static_cast<unsigned char>(c) < 0x20) {
            out += kReplacement;
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string isoDateTime(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    ::localtime_r(&seconds, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    const long offset_minutes = tm.tm_gmtoff / 60;
    const long magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{}{}{:02}:{:02}", stamp, offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

int nextMhlGeneration(const fs::path& history_root) {
    int latest = 0;
    std::error_code error;
    for (fs::directory_iterator it(history_root / kFolder, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (!name.ends_with(".mhl")) continue;
        int number = 0;
        const auto [end_of_number, status] = std::from_chars(name.data(), name.data() + name.size(), number);
        // Generation files are named NNNN_…; anything else in the folder is not ours to count.
        if (status == std::errc() && end_of_number - name.data() >= 4) latest = std::max(latest, number);
    }
    return latest + 1;
}

fs::path writeMhlGeneration(const fs::path& history_root, const std::vector<MhlEntry>& entries,
                            const MhlGenerationInfo& info) {
    const fs::path folder = history_root / kFolder;
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw Error(ErrorKind::Io, folder.string(), "cannot create the MHL folder: " + error.message());

    const int generation = nextMhlGeneration(history_root);
    const std::string root_name = history_root.filename().string();
    const std::string manifest_name =
        fmt::format("{:04}_{}_{}.mhl", generation, root_name.empty() ? "root" : root_name, utcFileStamp(info.created));
    const std::string_view hash_element = toString(info.algorithm);

    std::string xml;
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">\n";
    xml += fmt::format(
        "  <creatorinfo>\n    <creationdate>{}</creationdate>\n    <hostname>{}</hostname>\n"
        "    <tool version=\"{}\">{}</tool>\n  </creatorinfo>\n",
        isoDateTime(info.created), escapeXml(hostName()), escapeXml(info.tool_version), escapeXml(info.tool_name));
    xml += "  <processinfo>\n    <process>transfer</process>\n";
    if (!info.ignore_patterns.empty()) {
        xml += "    <ignore>\n";
        for (const std::string& pattern : info.ignore_patterns) {
            xml += fmt::format("      <pattern>{}</pattern>\n", escapeXml(pattern));
        }
        xml += "    </ignore>\n";
    }
    xml += "  </processinfo>\n  <hashes>\n";
    for (const MhlEntry& entry : entries) {
        const auto mtime = std::chrono::system_clock::time_point(
            std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(entry.mtime_ns)));
        xml += fmt::format(
            "    <hash>\n      <path size=\"{}\" lastmodificationdate=\"{}\">{}</path>\n"
            "      <{} action=\"{}\" hashdate=\"{}\">{}</{}>\n    </hash>\n",
            entry.size_bytes, isoDateTime(mtime), escapeXml(entry.relative.generic_string()), hash_element,
            entry.action == MhlAction::Original ? "original" : "verified", isoDateTime(entry.hashed_at),
            entry.hash_hex, hash_element);
    }
    xml += "  </hashes>\n</hashlist>\n";

    const fs::path manifest = folder / manifest_name;
    writeFileAtomically(manifest, xml);
    const std::string c4 = c4Id(std::as_bytes(std::span(xml.data(), xml.size())));

    const fs::path chain = folder / kChainFile;
    std::string chain_xml;
    constexpr std::string_view kClose = "</ascmhldirectory>";
    if (fs::exists(chain)) {
        chain_xml = readFile(chain);
        const std::size_t close = chain_xml.rfind(kClose);
        if (close == std::string::npos) {
            throw Error(ErrorKind::Corrupt, chain.string(), "not an ASC MHL chain (no </ascmhldirectory>)");
        }
        chain_xml.insert(close, chainEntry(generation, manifest_name, c4));
    } else {
        chain_xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ascmhldirectory xmlns=\"urn:ASC:MHL:DIRECTORY:v2.0\">\n" +
                    chainEntry(generation, manifest_name, c4) + std::string(kClose) + "\n";
    }
    writeFileAtomically(chain, chain_xml);
    syncFolder(folder);
    return manifest;
}

}  // namespace rushes::ingest
