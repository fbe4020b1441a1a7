// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rushes::test {

// A fresh folder under the system temp folder, removed with everything in it.
class ScratchDir {
public:
    ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A camera card as a DIT meets it: nested camera folders, a few MiB of clip, XML and binary
// sidecars, a hidden camera file, a zero-byte file, a Unicode name with XML markup characters,
// an empty folder, and the junk macOS and Windows leave on a card they mounted.
struct FakeCard {
    std::filesystem::path root;
    std::map<std::filesystem::path, std::string> files;  // relative path -> content, what must be copied
    std::vector<std::filesystem::path> junk;              // relative paths that must not be copied
    std::vector<std::filesystem::path> empty_folders;
    std::filesystem::path big_clip;                       // relative path of the multi-MiB clip
};
FakeCard makeFakeCard(const std::filesystem::path& parent, std::size_t big_clip_bytes = 3 << 20);

std::string readWholeFile(const std::filesystem::path& path);
void writeWholeFile(const std::filesystem::path& path, const std::string& content);
// Every path under `root` whose name ends with ".rushes-partial".
std::vector<std::filesystem::path> partialFilesUnder(const std::filesystem::path& root);

// Parses an ASC MHL manifest with Python's XML parser (a real, independent parser) and returns
// path -> hash for every <hash> entry, or throws when the document is not well-formed.
std::map<std::string, std::string> parseMhlWithPython(const std::filesystem::path& manifest,
                                                      const std::string& hash_element);
// Well-formed check plus the <c4> values of the chain file, in order.
std::vector<std::string> parseChainWithPython(const std::filesystem::path& chain);

}  // namespace rushes::test
