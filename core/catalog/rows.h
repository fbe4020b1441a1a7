// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plain row structs, one per catalog table a store serves. Times are integer ticks with their time base
// (never double); instants are Unix milliseconds; file modification times are nanoseconds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "time/rational.h"

namespace rushes::catalog {

struct Project {
    std::string id;
    std::string name;
    int64_t created_at_ms = 0;
    std::string updated_hlc;
    bool deleted = false;
};

struct Volume {
    std::string id;
    std::string label;
    std::optional<std::string> last_mount_path;
    std::optional<std::string> fs_uuid;    // filesystem UUID, when the OS reports one
    std::optional<std::string> fs_serial;  // volume serial (FAT/exFAT cards), when known
    std::string updated_hlc;
    bool deleted = false;
};

enum class AssetStatus { Ok, Error, Missing };
[[nodiscard]] std::string_view toString(AssetStatus status) noexcept;
[[nodiscard]] std::optional<AssetStatus> parseAssetStatus(std::string_view text) noexcept;

// A duration in ticks of a stated time base.
struct TickDuration {
    int64_t ticks = 0;
    Rational time_base{1, 1};
};

struct Asset {
    std::string id;
    std::string project_id;
    std::string volume_id;
    std::string rel_path;  // relative to the volume's mount point, '/'-separated
    int64_t size_bytes = 0;
    int64_t mtime_ns = 0;
    std::optional<std::string> content_hash;  // xxh3-128, 32 lowercase hex digits
    std::optional<std::string> fingerprint;   // size + xxh3 of the first and last MiB: a cheap identity check
    std::optional<std::string> probe_json;
    AssetStatus status = AssetStatus::Ok;
    std::optional<std::string> error_reason;  // required when status is Error
    std::optional<TickDuration> duration;
    int64_t created_at_ms = 0;
    std::string updated_hlc;
    bool deleted = false;
};

enum class SegmentKind { Shot, Highlight, Interview, Qc, Manual };
[[nodiscard]] std::string_view toString(SegmentKind kind) noexcept;
[[nodiscard]] std::optional<SegmentKind> parseSegmentKind(std::string_view text) noexcept;

struct Segment {
    std::string id;
    std::string asset_id;
    std::optional<std::string> analysis_run_id;
    SegmentKind kind = SegmentKind::Manual;
    int64_t in_ticks = 0;
    int64_t out_ticks = 0;  // exclusive; always > in_ticks
    Rational time_base{1, 1};
    std::optional<double> score;  // detector confidence/excitement, not time
    std::optional<int> rating;    // 0..5 stars, unset until an editor rates
    std::optional<std::string> note;
    int64_t created_at_ms = 0;
    std::string updated_hlc;
    bool deleted = false;
};

// A named, ordered selection of segments (selects, a highlight reel) in one project.
struct Reel {
    std::string id;
    std::string project_id;
    std::string name;
    int64_t created_at_ms = 0;
    std::string updated_hlc;
    bool deleted = false;
};

// One segment placed in a reel. `position` is a fractional index: items sort by (position, id). The trims
// override the segment's own in/out for this reel only, in the segment's time base; unset means the
// segment's own point, so trimming a reel never moves the catalog segment other reels share.
struct ReelItem {
    std::string id;
    std::string reel_id;
    std::string segment_id;
    std::string position;
    std::optional<int64_t> trim_in_ticks;
    std::optional<int64_t> trim_out_ticks;
    std::string updated_hlc;
    bool deleted = false;
};

struct Tag {
    std::string id;
    std::string project_id;
    std::string name;      // as the editor typed it (trimmed)
    std::string name_key;  // case-folded: what uniqueness and look-up compare
    int64_t created_at_ms = 0;
    std::string updated_hlc;
    bool deleted = false;
};

}  // namespace rushes::catalog
