// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/file_scanner.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>

#include "base/error.h"

namespace rushes::ingest {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

constexpr std::array kSystemNames = {"thumbs.db", "desktop.ini", "$recycle.bin", "system volume information",
                                     "lost+found", "icon\r"};
constexpr std::array kSidecarExtensions = {".xmp", ".thm", ".lrf", ".lrv", ".xml", ".bim", ".ppn", ".cpi",
                                           ".mpl", ".bdm", ".ind", ".smi", ".txt", ".json", ".md5", ".mhl",
                                           ".sha1", ".xxh", ".db", ".ini", ".log", ".pdf", ".srt", ".vtt",
                                           ".edl", ".ale", ".otio", ".fcpxml", ".aaf", ".csv"};

}  // namespace

bool isSkippedName(const std::filesystem::path& name) noexcept {
    const std::string text = name.filename().string();
    if (text.empty() || text.front() == '.') return true;
    const std::string low = lower(text);
    if (std::find(kSystemNames.begin(), kSystemNames.end(), low) != kSystemNames.end()) return true;
    const std::string extension = lower(name.extension().string());
    return std::find(kSidecarExtensions.begin(), kSidecarExtensions.end(), extension) != kSidecarExtensions.end();
}

ScannedFile statFile(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) throw Error(ErrorKind::Unreadable, path.string(), std::strerror(errno));
    return {path, static_cast<std::int64_t>(info.st_size),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

ScanResult scanPaths(const std::vector<std::filesystem::path>& roots, std::stop_token stop) {
    namespace fs = std::filesystem;
    ScanResult result;
    for (const fs::path& root : roots) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(root, ec);
        if (ec) throw Error(ErrorKind::Unreadable, root.string(), ec.message());
        if (fs::is_regular_file(canonical)) {
            result.files.push_back(statFile(canonical));
            continue;
        }
        fs::recursive_directory_iterator it(canonical, fs::directory_options::skip_permission_denied, ec);
        if (ec) throw Error(ErrorKind::Unreadable, root.string(), ec.message());
        std::vector<ScannedFile> found;
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (stop.stop_requested()) throw Error(ErrorKind::Cancelled, root.string(), "cancelled while scanning");
            const fs::directory_entry& entry = *it;
            if (isSkippedName(entry.path())) {
                if (entry.is_directory(ec)) it.disable_recursion_pending();
                ++result.skipped;
                continue;
            }
            if (entry.is_symlink(ec) && entry.is_directory(ec)) {
                it.disable_recursion_pending();
                continue;
            }
            if (!entry.is_regular_file(ec)) continue;
            try {
                found.push_back(statFile(entry.path()));
            } catch (const Error&) {
                found.push_back({entry.path(), 0, 0});  // reported with its reason when probed
            }
        }
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
        result.files.insert(result.files.end(), found.begin(), found.end());
    }
    return result;
}

}  // namespace rushes::ingest
