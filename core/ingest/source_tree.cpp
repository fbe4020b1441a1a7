// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/source_tree.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "base/error.h"
#include "ingest/posix_file.h"

namespace rushes::ingest {
namespace fs = std::filesystem;
namespace {

// Junk that Finder, Spotlight, Explorer and the trash leave on any volume they mount. "._*" are
// AppleDouble shadows of extended attributes, never written by a camera. "ascmhl" is the MHL
// history folder: the offload writes its own manifest generation at each destination.
constexpr std::array<std::string_view, 13> kJunk = {
    ".DS_Store",       ".Spotlight-V100",      ".Trashes",     ".fseventsd",   ".TemporaryItems",
    ".DocumentRevisions-V100", "._*",          "Thumbs.db",    "desktop.ini",  "$RECYCLE.BIN",
    "System Volume Information", ".apdisk",    "ascmhl",
};

std::int64_t mtimeNs(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

struct stat lstatOrThrow(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        const int error_number = errno;
        throw Error(error_number == ENOENT ? ErrorKind::NotFound : ErrorKind::Unreadable, path.string(),
                    errnoText(error_number));
    }
    return st;
}

void walk(const fs::path& root, const fs::path& relative, SourceTree& tree) {
    std::vector<fs::path> names;
    std::error_code error;
    for (fs::directory_iterator it(root / relative, error), end; !error && it != end; it.increment(error)) {
        names.push_back(it->path().filename());
    }
    if (error) throw Error(ErrorKind::Unreadable, (root / relative).string(), "cannot list folder: " + error.message());
    std::sort(names.begin(), names.end());
    for (const fs::path& name : names) {
        const fs::path child = relative / name;
        if (isOsJunk(name.string()) && !(name == "ascmhl" && !relative.empty())) {
            tree.skipped.push_back({child, "operating-system file, not camera data"});
            continue;
        }
        const struct stat st = lstatOrThrow(root / child);
        if (S_ISDIR(st.st_mode)) {
            tree.folders.push_back(child);
            walk(root, child, tree);
        } else if (S_ISREG(st.st_mode)) {
            tree.files.push_back({child, static_cast<std::uint64_t>(st.st_size), mtimeNs(st)});
            tree.total_bytes += static_cast<std::uint64_t>(st.st_size);
        } else {
            tree.skipped.push_back({child, S_ISLNK(st.st_mode) ? "symbolic link, not followed" : "not a regular file"});
        }
    }
}

}  // namespace

std::span<const std::string_view> osJunkPatterns() noexcept { return kJunk; }

bool isOsJunk(std::string_view name) noexcept {
    if (name.starts_with("._")) return true;
    return std::find(kJunk.begin(), kJunk.end(), name) != kJunk.end();
}

SourceTree scanSource(const fs::path& source) {
    SourceTree tree;
    const struct stat st = lstatOrThrow(source);
    if (S_ISREG(st.st_mode)) {
        tree.root = source.parent_path();
        tree.files.push_back({source.filename(), static_cast<std::uint64_t>(st.st_size), mtimeNs(st)});
        tree.total_bytes = static_cast<std::uint64_t>(st.st_size);
        return tree;
    }
    if (!S_ISDIR(st.st_mode)) throw Error(ErrorKind::Unreadable, source.string(), "neither a file nor a folder");
    tree.root = source;
    walk(source, {}, tree);
    return tree;
}

}  // namespace rushes::ingest
