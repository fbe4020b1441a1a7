// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace rushes::ingest {

// The mounted filesystem a path lives on: its mount point (asset paths are
// stored relative to it) and, where the system knows it, the filesystem UUID
// that identifies the same card or drive when it is mounted elsewhere.
struct MountedVolume {
    std::filesystem::path mount_point;
    std::optional<std::string> fs_uuid;
    std::string label;  // a readable name: the mount point's last component, or "/"
};

// Reads /proc/self/mountinfo; the longest mount point containing `path` wins.
[[nodiscard]] MountedVolume locateVolume(const std::filesystem::path& canonical_path);

}  // namespace rushes::ingest
