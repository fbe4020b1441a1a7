// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "catalog/asset_store.h"
#include "catalog/database.h"
#include "catalog/project_store.h"
#include "ingest/examined_file.h"
#include "ingest/ingest.h"

namespace rushes::ingest {

// The catalog side of ingest, on the thread that owns the connection: finds
// the volume of a path, decides per file whether it is new, changed, moved,
// a duplicate or unchanged, and writes each decision in its own transaction.
class AssetRecorder {
public:
    AssetRecorder(catalog::Database& db, const std::string& project_name, IngestReport& report);

    struct Location {
        std::string volume_id;
        std::string rel_path;
    };
    Location locate(const std::filesystem::path& canonical_path);

    // True when the file is already catalogued with this size and mtime: no need to read it.
    bool isUnchanged(const ScannedFile& file);
    void record(const ExaminedFile& examined);
    // After a complete scan of `root`: live assets under it that were not seen and are gone become missing.
    void markMissingUnder(const std::filesystem::path& root);

private:
    std::filesystem::path absolutePathOf(const catalog::Asset& asset);

    catalog::Database& db_;
    catalog::AssetStore assets_;
    catalog::VolumeStore volumes_;
    IngestReport& report_;
    std::string project_id_;
    std::map<std::filesystem::path, std::string> volume_by_mount_;
    std::map<std::string, std::filesystem::path> mount_by_volume_;
    std::set<std::string> seen_assets_;
};

}  // namespace rushes::ingest
