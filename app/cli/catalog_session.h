// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the catalog commands (search, ls, tag, rate, note, segment) share: opening the catalog and turning
// what an editor types (a project name, an id prefix, a path suffix) into rows.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "catalog/database.h"
#include "catalog/query/segment_search.h"
#include "catalog/rows.h"
#include "cli/commands.h"
#include "time/timecode.h"

namespace rushes::cli {

// The catalog at context.catalogPath(), migrated to this build's schema.
[[nodiscard]] std::unique_ptr<catalog::Database> openCatalog(const CommandContext& context);

// A live project by id or exact name; nullopt when `text` is empty. Throws NotFound naming the text.
[[nodiscard]] std::optional<catalog::Project> findProject(catalog::Database& db, const std::string& text);
// The project named by --project, else the only live project; throws InvalidArgument when that is ambiguous.
[[nodiscard]] catalog::Project requireProject(catalog::Database& db, const std::string& text);

// A live segment by full id or unique id prefix (at least 8 characters).
[[nodiscard]] catalog::Segment resolveSegment(catalog::Database& db, std::string_view text);
// A live asset by full id, its absolute path (volume mount + rel_path) or a unique rel_path suffix.
[[nodiscard]] catalog::Asset resolveAsset(catalog::Database& db, std::string_view text);

// How an asset's times read: its video frame rate and start timecode from the probe, and the time base new
// segments on it are stored in (the asset's duration base, else one tick per frame, else milliseconds).
struct AssetClock {
    std::optional<Rational> frame_rate;
    std::optional<Timecode> start;
    Rational time_base{1, 1000};
};
[[nodiscard]] AssetClock assetClock(const catalog::Asset& asset);

// "120" (frames), "4.8s" (seconds) or "00:00:04:20" (timecode; source timecode when the clip has a start
// timecode) as ticks of clock.time_base. Throws InvalidArgument naming the text.
[[nodiscard]] int64_t parseTimeInput(std::string_view text, const AssetClock& clock);

// The same row shape for every command's output: table line or JSON object.
class SegmentPrinter {
public:
    explicit SegmentPrinter(catalog::Database& db) : db_(db) {}
    [[nodiscard]] catalog::SearchResult describe(const catalog::Segment& segment);
    [[nodiscard]] nlohmann::json toJson(const catalog::SearchResult& row);
    [[nodiscard]] std::string table(const std::vector<catalog::SearchResult>& rows);
    // Prints one segment (a JSON object) or a list (a JSON array) to stdout, as a table unless `json`.
    void print(const catalog::SearchResult& row, bool json);
    void print(const std::vector<catalog::SearchResult>& rows, bool json);

private:
    const catalog::Asset& asset(const std::string& id);
    [[nodiscard]] std::string timeLabel(int64_t ticks, Rational base, const AssetClock& clock) const;

    catalog::Database& db_;
    std::map<std::string, std::pair<catalog::Asset, AssetClock>> assets_;
};

}  // namespace rushes::cli
