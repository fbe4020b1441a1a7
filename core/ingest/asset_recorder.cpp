// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/asset_recorder.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "ingest/volume_locator.h"

namespace rushes::ingest {
namespace {

namespace fs = std::filesystem;

// A file with one of these names that is empty or not media is a broken
// clip worth reporting; any other non-media file (a PDF on the card) is just skipped.
bool hasMediaExtension(const fs::path& path) {
    static constexpr std::array kExtensions = {".mp4", ".mov", ".mxf", ".mkv", ".mts", ".m2ts", ".ts",
                                               ".avi", ".mpg", ".mpeg", ".m4v", ".webm", ".wav", ".mp3",
                                               ".m4a", ".aac", ".braw", ".r3d", ".crm", ".insv", ".3gp"};
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

bool isUnder(const fs::path& path, const fs::path& root) {
    auto p = path.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++p) {
        if (r->empty()) continue;
        if (p == path.end() || *p != *r) return false;
    }
    return true;
}

}  // namespace

AssetRecorder::AssetRecorder(catalog::Database& db, const std::string& project_name, IngestReport& report)
    : db_(db), assets_(db), volumes_(db), report_(report) {
    catalog::ProjectStore projects(db);
    for (const catalog::Project& project : projects.list()) {
        if (project.name == project_name) project_id_ = project.id;
    }
    if (project_id_.empty()) project_id_ = projects.create(project_name).id;
}

AssetRecorder::Location AssetRecorder::locate(const fs::path& canonical_path) {
    const MountedVolume mounted = locateVolume(canonical_path);
    auto known = volume_by_mount_.find(mounted.mount_point);
    if (known == volume_by_mount_.end()) {
        std::optional<catalog::Volume> volume;
        if (mounted.fs_uuid) volume = volumes_.findByFsUuid(*mounted.fs_uuid);
        if (!volume) {
            for (const catalog::Volume& candidate : volumes_.list()) {
                if (!candidate.fs_uuid && candidate.last_mount_path == mounted.mount_point.string()) volume = candidate;
            }
        }
        if (!volume) {
            catalog::Volume fresh;
            fresh.label = mounted.label;
            fresh.last_mount_path = mounted.mount_point.string();
            fresh.fs_uuid = mounted.fs_uuid;
            volume = volumes_.create(fresh);
        } else if (volume->last_mount_path != mounted.mount_point.string()) {
            // The same card or drive, mounted somewhere else today: its assets follow.
            volumes_.updateMountPath(volume->id, mounted.mount_point.string());
        }
        known = volume_by_mount_.emplace(mounted.mount_point, volume->id).first;
        mount_by_volume_[volume->id] = mounted.mount_point;
    }
    return {known->second, canonical_path.lexically_relative(known->first).generic_string()};
}

fs::path AssetRecorder::absolutePathOf(const catalog::Asset& asset) {
    auto mount = mount_by_volume_.find(asset.volume_id);
    if (mount == mount_by_volume_.end()) {
        const auto volume = volumes_.find(asset.volume_id);
        if (!volume || !volume->last_mount_path) return {};
        mount = mount_by_volume_.emplace(asset.volume_id, fs::path(*volume->last_mount_path)).first;
    }
    return mount->second / asset.rel_path;
}

bool AssetRecorder::isUnchanged(const ScannedFile& file) {
    const Location where = locate(file.path);
    auto existing = assets_.findByPath(project_id_, where.volume_id, where.rel_path);
    if (!existing || existing->size_bytes != file.size_bytes || existing->mtime_ns != file.mtime_ns) return false;
    seen_assets_.insert(existing->id);
    if (existing->status == catalog::AssetStatus::Missing) {
        // Back where it was, untouched: it is found again without reading it.
        existing->status = existing->error_reason ? catalog::AssetStatus::Error : catalog::AssetStatus::Ok;
        assets_.update(*existing);
        ++report_.relinked;
        return true;
    }
    ++report_.unchanged;
    return true;
}

void AssetRecorder::record(const ExaminedFile& examined) {
    const Location where = locate(examined.file.path);
    auto existing = assets_.findByPath(project_id_, where.volume_id, where.rel_path);

    if (examined.error_kind) {
        const bool not_footage = *examined.error_kind == "not_media" || *examined.error_kind == "empty";
        if (not_footage && !hasMediaExtension(examined.file.path) && !existing) {
            ++report_.skipped;
            return;
        }
        ++report_.errors;
        report_.failures.push_back({examined.file.path, *examined.error_kind, examined.error_reason});
    }

    catalog::Asset asset = existing.value_or(catalog::Asset{});
    asset.project_id = project_id_;
    asset.volume_id = where.volume_id;
    asset.rel_path = where.rel_path;
    asset.size_bytes = examined.file.size_bytes;
    asset.mtime_ns = examined.file.mtime_ns;
    asset.content_hash = examined.content_hash;
    asset.fingerprint = examined.fingerprint;
    asset.probe_json = examined.probe_json;
    asset.duration = examined.duration;
    asset.status = examined.error_kind ? catalog::AssetStatus::Error : catalog::AssetStatus::Ok;
    asset.error_reason = examined.error_kind ? std::optional(examined.error_reason) : std::nullopt;

    if (existing) {
        assets_.update(asset);
        seen_assets_.insert(asset.id);
        if (!examined.error_kind) ++report_.updated;
        return;
    }
    if (examined.content_hash) {
        for (catalog::Asset& known : assets_.findByHash(*examined.content_hash)) {
            if (known.project_id != project_id_) continue;
            seen_assets_.insert(known.id);
            const fs::path known_path = absolutePathOf(known);
            std::error_code ec;
            if (!known_path.empty() && fs::exists(known_path, ec) && known.status != catalog::AssetStatus::Missing) {
                ++report_.duplicates;  // a second copy of catalogued footage: not a new asset
                return;
            }
            // Moved, renamed or on a re-mounted drive: the asset (and its tags) follow the file.
            asset.id = known.id;
            asset.created_at_ms = known.created_at_ms;
            assets_.update(asset);
            ++report_.relinked;
            return;
        }
    }
    seen_assets_.insert(assets_.insert(asset).id);
    if (!examined.error_kind) ++report_.added;
}

void AssetRecorder::markMissingUnder(const fs::path& root) {
    for (const catalog::Asset& asset : assets_.list(project_id_)) {
        if (asset.status == catalog::AssetStatus::Missing || seen_assets_.count(asset.id)) continue;
        const fs::path path = absolutePathOf(asset);
        std::error_code ec;
        if (path.empty() || !isUnder(path, root) || fs::exists(path, ec)) continue;
        assets_.markMissing(asset.id);
        ++report_.missing;
    }
}

}  // namespace rushes::ingest
