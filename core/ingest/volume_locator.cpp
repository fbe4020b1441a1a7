// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/volume_locator.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace rushes::ingest {
namespace {

// mountinfo escapes spaces and a few other bytes as \ooo octal.
std::string unescapeMountField(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out.push_back(static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8)));
            i += 3;
        } else {
            out.push_back(field[i]);
        }
    }
    return out;
}

bool isWithin(const std::filesystem::path& path, const std::filesystem::path& mount) {
    auto p = path.begin();
    for (auto m = mount.begin(); m != mount.end(); ++m, ++p) {
        if (m->empty()) continue;  // trailing slash
        if (p == path.end() || *p != *m) return false;
    }
    return true;
}

std::optional<std::string> uuidForDevice(dev_t device) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path by_uuid = "/dev/disk/by-uuid";
    for (fs::directory_iterator it(by_uuid, ec), end; !ec && it != end; it.increment(ec)) {
        struct stat info {};
        if (::stat(it->path().c_str(), &info) == 0 && S_ISBLK(info.st_mode) && info.st_rdev == device) {
            return it->path().filename().string();
        }
    }
    return std::nullopt;
}

}  // namespace

MountedVolume locateVolume(const std::filesystem::path& canonical_path) {
    MountedVolume best{"/", std::nullopt, "/"};
    std::size_t best_depth = 0;
    std::string best_device;
    std::ifstream mountinfo("/proc/self/mountinfo");
    std::string line;
    while (std::getline(mountinfo, line)) {
        std::istringstream fields(line);
        std::string id, parent, device, root, mount_point;
        fields >> id >> parent >> device >> root >> mount_point;
        const std::filesystem::path mount = unescapeMountField(mount_point);
        const auto depth = static_cast<std::size_t>(std::distance(mount.begin(), mount.end()));
        if (isWithin(canonical_path, mount) && depth >= best_depth) {
            best_depth = depth;
            best.mount_point = mount;
            best_device = device;
        }
    }
    best.label = best.mount_point == "/" ? "/" : best.mount_point.filename().string();
    if (auto colon = best_device.find(':'); colon != std::string::npos) {
        const unsigned major_id = static_cast<unsigned>(std::stoul(best_device.substr(0, colon)));
        const unsigned minor_id = static_cast<unsigned>(std::stoul(best_device.substr(colon + 1)));
        best.fs_uuid = uuidForDevice(makedev(major_id, minor_id));
    }
    return best;
}

}  // namespace rushes::ingest
