// SPDX-License-Identifier: GPL-3.0-or-later
// How segments read in the CLI: one JSON shape and one table for search, segment ls, tag, rate and note.
#include <fmt/format.h>

#include "catalog/asset_store.h"
#include "catalog/tag_store.h"
#include "cli/catalog_session.h"

#include <iostream>

namespace rushes::cli {

namespace {
// Milliseconds, rounded once, for display only.
std::string secondsText(int64_t ticks, Rational base) {
    const int64_t ms = rescale(ticks, base, Rational{1, 1000}, Rounding::Nearest);
    return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

double roundedSeconds(int64_t ticks, Rational base) {
    return double(rescale(ticks, base, Rational{1, 1000}, Rounding::Nearest)) / 1000.0;
}

// Display width of UTF-8 text, one column per code point (good enough for a terminal table).
size_t widthOf(const std::string& text) {
    size_t width = 0;
    for (unsigned char c : text) width += (c & 0xc0) != 0x80;
    return width;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
    return out;
}
}  // namespace

const catalog::Asset& SegmentPrinter::asset(const std::string& id) {
    auto it = assets_.find(id);
    if (it == assets_.end()) {
        auto row = catalog::AssetStore(db_).find(id);
        if (!row) throw db_.rowError(ErrorKind::NotFound, "asset", id, "no such asset");
        const AssetClock clock = assetClock(*row);
        it = assets_.emplace(id, std::make_pair(std::move(*row), clock)).first;
    }
    return it->second.first;
}

catalog::SearchResult SegmentPrinter::describe(const catalog::Segment& segment) {
    catalog::SearchResult row;
    row.segment_id = segment.id;
    row.asset_id = segment.asset_id;
    row.asset_path = asset(segment.asset_id).rel_path;
    row.kind = segment.kind;
    row.in_ticks = segment.in_ticks;
    row.out_ticks = segment.out_ticks;
    row.time_base = segment.time_base;
    row.score = segment.score;
    row.rating = segment.rating;
    row.note = segment.note;
    for (const auto& tag : catalog::TagStore(db_).tagsForSegment(segment.id)) row.tags.push_back(tag.name);
    return row;
}

std::string SegmentPrinter::timeLabel(int64_t ticks, Rational base, const AssetClock& clock) const {
    if (!clock.frame_rate) return secondsText(ticks, base) + "s";
    const int64_t frame = ticksToFrame(ticks, *clock.frame_rate, base, Rounding::Nearest);
    const Timecode tc = clock.start ? Timecode::fromSourceStart(*clock.start, frame)
                                    : Timecode::fromFrames(frame, TimecodeRate::fromFrameRate(*clock.frame_rate, false));
    return tc.toString();
}

nlohmann::json SegmentPrinter::toJson(const catalog::SearchResult& row) {
    (void)asset(row.asset_id);
    const AssetClock& clock = assets_.at(row.asset_id).second;
    nlohmann::json out = {
        {"id", row.segment_id},
        {"asset_id", row.asset_id},
        {"asset_path", row.asset_path},
        {"kind", catalog::toString(row.kind)},
        {"in_ticks", row.in_ticks},
        {"out_ticks", row.out_ticks},
        {"time_base", row.time_base.toString()},
        // Seconds are rounded to milliseconds for reading; ticks + time_base are the exact values.
        {"in_seconds", roundedSeconds(row.in_ticks, row.time_base)},
        {"out_seconds", roundedSeconds(row.out_ticks, row.time_base)},
        {"duration_seconds", roundedSeconds(row.out_ticks - row.in_ticks, row.time_base)},
        {"score", row.score ? nlohmann::json(*row.score) : nlohmann::json()},
        {"rating", row.rating ? nlohmann::json(*row.rating) : nlohmann::json()},
        {"note", row.note ? nlohmann::json(*row.note) : nlohmann::json()},
        {"tags", row.tags},
    };
    if (clock.frame_rate) {
        out["in_timecode"] = timeLabel(row.in_ticks, row.time_base, clock);
        out["out_timecode"] = timeLabel(row.out_ticks, row.time_base, clock);
    }
    return out;
}

void SegmentPrinter::print(const catalog::SearchResult& row, bool json) {
    if (json) std::cout << toJson(row).dump(2) << "\n";
    else fmt::print("{}", table({row}));
}

void SegmentPrinter::print(const std::vector<catalog::SearchResult>& rows, bool json) {
    if (!json) {
        fmt::print("{}", table(rows));
        return;
    }
    nlohmann::json all = nlohmann::json::array();
    for (const auto& row : rows) all.push_back(toJson(row));
    std::cout << all.dump(2) << "\n";
}

std::string SegmentPrinter::table(const std::vector<catalog::SearchResult>& rows) {
    std::vector<std::vector<std::string>> cells = {
        {"SEGMENT", "ASSET", "IN–OUT", "SECONDS", "KIND", "SCORE", "RATING", "TAGS", "NOTE"}};
    for (const auto& row : rows) {
        (void)asset(row.asset_id);
        const AssetClock& clock = assets_.at(row.asset_id).second;
        cells.push_back({row.segment_id, row.asset_path,
                         timeLabel(row.in_ticks, row.time_base, clock) + "–" + timeLabel(row.out_ticks, row.time_base, clock),
                         secondsText(row.in_ticks, row.time_base) + "–" + secondsText(row.out_ticks, row.time_base),
                         std::string(catalog::toString(row.kind)), row.score ? fmt::format("{:.2f}", *row.score) : "-",
                         row.rating ? std::string(size_t(*row.rating), '*') + std::string(size_t(5 - *row.rating), '.') : "-",
                         join(row.tags, ", "), row.note.value_or("")});
    }
    std::vector<size_t> widths(cells.front().size(), 0);
    for (const auto& line : cells) {
        for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], widthOf(line[i]));
    }
    std::string out;
    for (const auto& line : cells) {
        std::string text;
        for (size_t i = 0; i < line.size(); ++i) {
            text += line[i];
            if (i + 1 < line.size()) text += std::string(widths[i] - widthOf(line[i]) + 2, ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + "\n";
    }
    out += fmt::format("{} segment{}\n", rows.size(), rows.size() == 1 ? "" : "s");
    return out;
}

}  // namespace rushes::cli
