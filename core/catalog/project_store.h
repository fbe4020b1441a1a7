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

// Projects: the unit a team shares (DESIGN §6) and that assets, tags and reels belong to.
class ProjectStore {
public:
    explicit ProjectStore(Database& db);

    [[nodiscard]] Project create(std::string_view name);
    void rename(std::string_view id, std::string_view name);
    // Tombstones the project. Refused (ErrorKind::Conflict) while it has live assets, tags or reels:
    // silently hiding an editor's work behind a deleted parent is worse than asking them to clear it.
    void remove(std::string_view id);

    [[nodiscard]] std::optional<Project> find(std::string_view id);  // tombstones included
    [[nodiscard]] std::vector<Project> list();                       // live, by name

private:
    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

// Volumes: a disk, card or share that asset paths are relative to, so a card mounted elsewhere next
// week is still recognised (by fs_uuid or serial) and its assets found again.
class VolumeStore {
public:
    explicit VolumeStore(Database& db);

    // `volume.id`, `updated_hlc` and `deleted` are ignored; the stored row is returned.
    [[nodiscard]] Volume create(const Volume& volume);
    void updateMountPath(std::string_view id, std::optional<std::string> mount_path);

    [[nodiscard]] std::optional<Volume> find(std::string_view id);
    [[nodiscard]] std::optional<Volume> findByFsUuid(std::string_view fs_uuid);  // live only
    [[nodiscard]] std::vector<Volume> list();                                    // live, by label

private:
    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
