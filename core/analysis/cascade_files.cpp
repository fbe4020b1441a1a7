// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/cascade_files.h"

#include <fmt/format.h>
#include <algorithm>
#include <system_error>

#include "base/error.h"

namespace rushes::analysis {

std::vector<std::filesystem::path> haarCascadeFolders(const std::filesystem::path& preferred) {
    std::vector<std::filesystem::path> folders;
    if (!preferred.empty()) folders.push_back(preferred);
#ifdef RUSHES_OPENCV_PREFIX
    // The prefix of the OpenCV this binary was built against (CMake's OpenCV_INSTALL_PATH).
    folders.emplace_back(std::filesystem::path(RUSHES_OPENCV_PREFIX) / "share/opencv4/haarcascades");
#endif
    folders.emplace_back("/usr/share/opencv4/haarcascades");  // Debian/Ubuntu opencv-data
    folders.emplace_back("/usr/local/share/opencv4/haarcascades");
    folders.emplace_back("/usr/share/opencv/haarcascades");  // OpenCV 3 packaging
    std::vector<std::filesystem::path> unique;
    for (auto& folder : folders) {
        if (std::find(unique.begin(), unique.end(), folder) == unique.end()) unique.push_back(std::move(folder));
    }
    return unique;
}

std::filesystem::path findHaarCascade(std::string_view file_name, const std::filesystem::path& preferred) {
    std::string tried;
    for (const auto& folder : haarCascadeFolders(preferred)) {
        const auto candidate = folder / file_name;
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) return candidate;
        if (!tried.empty()) tried += ", ";
        tried += folder.string();
    }
    throw Error(ErrorKind::NotFound, std::string(file_name),
                fmt::format("OpenCV face cascade not found in {} (install Debian's opencv-data)", tried));
}

}  // namespace rushes::analysis
