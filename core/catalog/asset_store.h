// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/rows.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

// Media files known to the catalog. An asset is (project, volume, path relative to the volume); the
// content hash and fingerprint find the same file again after it moved or its card was re-mounted.
class AssetStore {
public:
    explicit AssetStore(Database& db);

    // Validates and stores a new asset; `id`, `created_at_ms`, `updated_hlc` and `deleted` are ignored.
    // The project and volume must be live; (project, volume, rel_path) must be unused among live assets.
    [[nodiscard]] Asset insert(const Asset& asset);
    // Writes every mutable field (volume, path, size, mtime, hashes, probe, status, error, duration) of a
    // live asset: a relink after a move may change the volume too.
    void update(const Asset& asset);
    // The file is gone from its volume; its segments and tags stay, ready for when it comes back.
    void markMissing(std::string_view id);
    // Tombstones the asset and everything hanging off it (segments, their tag memberships and reel items,
    // shots, markers, analysis runs) in one transaction.
    void remove(std::string_view id);

    [[nodiscard]] std::optional<Asset> find(std::string_view id);  // tombstones included, for sync
    // Live assets only, oldest first.
    [[nodiscard]] std::vector<Asset> findByHash(std::string_view content_hash);
    [[nodiscard]] std::vector<Asset> findByFingerprint(std::string_view fingerprint);
    [[nodiscard]] std::optional<Asset> findByPath(std::string_view project_id, std::string_view volume_id,
                                                  std::string_view rel_path);
    [[nodiscard]] std::vector<Asset> list(std::string_view project_id, std::optional<AssetStatus> status = {});

private:
    void validate(const Asset& asset) const;

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

// Whether a relative path is acceptable as Asset::rel_path: '/'-separated, not absolute, no empty, "." or
// ".." components and no backslashes — so it can never point outside its volume.
[[nodiscard]] bool isCleanRelativePath(std::string_view rel_path) noexcept;

}  // namespace rushes::catalog
