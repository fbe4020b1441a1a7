// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace rushes::analysis {

// Where OpenCV's trained Haar cascades live. Debian's `opencv-data` puts them
// in /usr/share/opencv4/haarcascades; a self-built OpenCV under its own
// prefix; an explicit folder (a parameter) comes first so a deployment can
// ship its own copy.
[[nodiscard]] std::vector<std::filesystem::path> haarCascadeFolders(const std::filesystem::path& preferred = {});

// The first existing `file_name` in haarCascadeFolders(preferred). Throws
// rushes::Error (NotFound) naming the file, every folder tried and the
// package that provides it.
[[nodiscard]] std::filesystem::path findHaarCascade(std::string_view file_name,
                                                    const std::filesystem::path& preferred = {});

}  // namespace rushes::analysis
