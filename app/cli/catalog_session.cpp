// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/catalog_session.h"

#include <fmt/format.h>

#include "catalog/asset_store.h"
#include "catalog/migrations.h"
#include "catalog/project_store.h"
#include "catalog/segment_store.h"
#include "catalog/uuid.h"

namespace rushes::cli {

using catalog::Database;
using catalog::Statement;

std::unique_ptr<Database> openCatalog(const CommandContext& context) {
    auto db = std::make_unique<Database>(context.catalogPath());
    catalog::migrate(*db);
    return db;
}

std::optional<catalog::Project> findProject(Database& db, const std::string& text) {
    if (text.empty()) return std::nullopt;
    Statement stmt = db.prepare("SELECT id FROM project WHERE deleted = 0 AND (id = ?1 OR name = ?1) ORDER BY id");
    stmt.bindAll(text);
    if (!stmt.step()) throw Error(ErrorKind::NotFound, "project " + text, "no live project has this name or id");
    const std::string id = stmt.textAt(0);
    if (stmt.step()) throw Error(ErrorKind::InvalidArgument, "project " + text, "several projects have this name; give the id");
    return catalog::ProjectStore(db).find(id);
}

catalog::Project requireProject(Database& db, const std::string& text) {
    if (auto project = findProject(db, text)) return *project;
    const auto projects = catalog::ProjectStore(db).list();
    if (projects.size() == 1) return projects.front();
    throw Error(ErrorKind::InvalidArgument, db.path().string(),
                projects.empty() ? "the catalog has no project yet"
                                 : fmt::format("the catalog has {} projects; choose one with --project", projects.size()));
}

catalog::Segment resolveSegment(Database& db, std::string_view text) {
    const std::string subject = "segment " + std::string(text);
    // Only id characters, so the GLOB pattern below can hold no wildcard but our own '*'.
    if (text.size() < 8 || text.size() > 36 || text.find_first_not_of("0123456789abcdef-") != std::string_view::npos) {
        throw Error(ErrorKind::InvalidArgument, subject, "give a segment id or at least its first 8 characters (lowercase)");
    }
    Statement stmt = db.prepare("SELECT id FROM segment WHERE id GLOB ?1 AND deleted = 0 ORDER BY id LIMIT 2");
    stmt.bindAll(std::string(text) + "*");
    if (!stmt.step()) throw Error(ErrorKind::NotFound, subject, "no live segment has this id");
    const std::string id = stmt.textAt(0);
    if (stmt.step()) {
        throw Error(ErrorKind::InvalidArgument, subject,
                    "the prefix matches several segments (" + id + ", " + stmt.textAt(0) + ", …); give more of the id");
    }
    return *catalog::SegmentStore(db).find(id);
}

catalog::Asset resolveAsset(Database& db, std::string_view text) {
    const std::string subject = "asset " + std::string(text);
    if (text.empty()) throw Error(ErrorKind::InvalidArgument, "asset", "give an asset id or path");
    // Exact matches (id, absolute path) win over suffixes, so a path that is also a suffix of another is usable.
    Statement stmt = db.prepare(
        "SELECT a.id, (a.id = ?1 OR rtrim(coalesce(v.last_mount_path, ''), '/') || '/' || a.rel_path = ?1) AS exact"
        " FROM asset a JOIN volume v ON v.id = a.volume_id"
        " WHERE a.deleted = 0 AND (a.id = ?1 OR rtrim(coalesce(v.last_mount_path, ''), '/') || '/' || a.rel_path = ?1"
        "  OR substr(a.rel_path, -length(?1)) = ?1)"
        " ORDER BY exact DESC, a.rel_path LIMIT 3");
    stmt.bindAll(text);
    std::vector<std::pair<std::string, bool>> found;
    while (stmt.step()) found.emplace_back(stmt.textAt(0), stmt.int64At(1) != 0);
    if (found.empty()) throw Error(ErrorKind::NotFound, subject, "no live asset has this id, path or path ending");
    if (found.size() > 1 && !found[0].second) {
        throw Error(ErrorKind::InvalidArgument, subject, "the path ending matches several assets; give more of the path");
    }
    return *catalog::AssetStore(db).find(found[0].first);
}

AssetClock assetClock(const catalog::Asset& asset) {
    AssetClock clock;
    if (asset.probe_json) {
        const auto probe = nlohmann::json::parse(*asset.probe_json, nullptr, false);
        const auto* video = static_cast<const nlohmann::json*>(nullptr);
        if (probe.is_object() && probe.contains("streams") && probe["streams"].is_array()) {
            for (const auto& stream : probe["streams"]) {
                if (stream.is_object() && stream.contains("video") && stream["video"].is_object()) {
                    video = &stream["video"];
                    break;
                }
            }
        }
        try {
            if (video && video->contains("frame_rate") && (*video)["frame_rate"].is_string()) {
                const Rational rate = Rational::parse((*video)["frame_rate"].get<std::string>());
                if (rate.isPositive()) clock.frame_rate = rate;
            }
            const auto& timecode = probe.is_object() && probe.contains("timecode") ? probe["timecode"] : nlohmann::json();
            if (clock.frame_rate && timecode.is_object() && timecode.contains("value") && timecode["value"].is_string()) {
                clock.start = Timecode::parse(timecode["value"].get<std::string>(),
                                              TimecodeRate::fromFrameRate(*clock.frame_rate, false));
            }
        } catch (const std::exception&) {
            // A probe we cannot read just means no frame-based input for this asset; seconds still work.
        }
    }
    if (asset.duration) clock.time_base = asset.duration->time_base;
    else if (clock.frame_rate) clock.time_base = clock.frame_rate->inverse();
    return clock;
}

namespace {
std::optional<Rational> parseSeconds(std::string_view text) {
    int64_t num = 0, den = 1;
    bool point = false;
    int digits = 0;
    for (char c : text) {
        if (c == '.' && !point) point = true;
        else if (c >= '0' && c <= '9' && ++digits <= 15) num = num * 10 + (c - '0'), den *= point ? 10 : 1;
        else return std::nullopt;
    }
    if (digits == 0 || den > 1'000'000'000) return std::nullopt;
    return Rational::make(num, den);
}
}  // namespace

int64_t parseTimeInput(std::string_view text, const AssetClock& clock) {
    const std::string subject = "time " + std::string(text);
    const auto needRate = [&] {
        if (!clock.frame_rate) throw Error(ErrorKind::InvalidArgument, subject, "the asset has no video frame rate; give seconds such as 4.8s");
    };
    try {
        if (text.find_first_of(":;") != std::string_view::npos) {
            needRate();
            const TimecodeRate rate = clock.start ? clock.start->rate() : TimecodeRate::fromFrameRate(*clock.frame_rate, false);
            int64_t frames = Timecode::parse(text, rate).frames();
            if (clock.start) {
                if (frames < clock.start->frames()) {
                    throw Error(ErrorKind::InvalidArgument, subject,
                                "is before the clip's start timecode " + clock.start->toString() +
                                    "; give source timecode, frames or seconds");
                }
                frames -= clock.start->frames();
            }
            return framesToTicks(frames, *clock.frame_rate, clock.time_base);
        }
        if (text.ends_with('s')) {
            const auto seconds = parseSeconds(text.substr(0, text.size() - 1));
            if (!seconds) throw Error(ErrorKind::InvalidArgument, subject, "expected seconds such as 4.8s");
            return rescale(seconds->num, Rational{1, seconds->den}, clock.time_base, Rounding::Nearest);
        }
        if (!text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string_view::npos) {
            needRate();
            int64_t frames = 0;
            for (char c : text) frames = frames * 10 + (c - '0');
            return framesToTicks(frames, *clock.frame_rate, clock.time_base);
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error(ErrorKind::InvalidArgument, subject, error.what());
    }
    throw Error(ErrorKind::InvalidArgument, subject, "expected frames (120), seconds (4.8s) or timecode (00:00:04:20)");
}

}  // namespace rushes::cli
