// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace rushes::media {

// FFmpeg opens many cut-off files without complaint (a camera that lost power
// mid-clip, a copy that stopped early). The container's own structure says how
// long it should be; if the file is shorter, that is truncation, whatever the
// demuxer manages to read. Checks ISO BMFF (MP4/MOV) top-level boxes and the
// Matroska/WebM segment size. Returns a human-readable reason, or nothing.
[[nodiscard]] std::optional<std::string> findTruncation(const std::filesystem::path& path,
                                                        std::uintmax_t file_size);

}  // namespace rushes::media
