// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/timeline_builder.h"

#include <map>

#include "catalog/asset_store.h"
#include "catalog/project_store.h"
#include "catalog/reel_store.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"
#include "export/source_media.h"

namespace rushes::exporting {

namespace {

// One placed segment: its row and the reel's own in/out, if any (segment ticks and time base).
struct Pick {
    catalog::Segment segment;
    std::optional<int64_t> trim_in_ticks;
    std::optional<int64_t> trim_out_ticks;
    std::string subject;  // for errors: "reel item …" or "segment …"
};

struct Probed {
    catalog::Asset asset;
    ProbedMedia media;
    std::filesystem::path path;
};

class Builder {
public:
    Builder(catalog::Database& db, std::stop_token stop) : db_(db), stop_(std::move(stop)) {}

    Timeline build(std::string default_name, const std::vector<Pick>& picks, const TimelineOptions& options) {
        Timeline timeline;
        timeline.name = options.name.value_or(std::move(default_name));
        for (const Pick& pick : picks) (void)probed(pick.segment.asset_id);
        timeline.rate = timelineRate(picks, options);
        timeline.record_start = recordStart(timeline.rate, options);
        for (const Pick& pick : picks) {
            if (stop_.stop_requested()) throw Error(ErrorKind::Cancelled, "timeline " + timeline.name, "cancelled");
            const Probed& source = probed(pick.segment.asset_id);
            const size_t index = timeline.addSource(
                makeSourceMedia(source.media, source.path, source.asset.id, timeline.rate,
                                source.asset.duration ? std::optional(source.asset.duration->ticks) : std::nullopt,
                                source.asset.duration ? source.asset.duration->time_base : Rational{1, 1}));
            timeline.append(clipFor(pick, timeline.sources[index], index));
        }
        timeline.validate();
        return timeline;
    }

private:
    const Probed& probed(const std::string& asset_id) {
        auto it = probed_.find(asset_id);
        if (it != probed_.end()) return it->second;
        auto asset = catalog::AssetStore(db_).find(asset_id);
        if (!asset) throw db_.rowError(ErrorKind::NotFound, "asset", asset_id, "no such asset");
        Probed entry{*asset, {}, asset->rel_path};
        if (asset->probe_json) entry.media = readProbedMedia(*asset->probe_json, "asset " + asset->id);
        const auto volume = catalog::VolumeStore(db_).find(asset->volume_id);
        if (volume && volume->last_mount_path)
            entry.path = std::filesystem::path(*volume->last_mount_path) / asset->rel_path;
        return probed_.emplace(asset_id, std::move(entry)).first->second;
    }

    TimecodeRate timelineRate(const std::vector<Pick>& picks, const TimelineOptions& options) {
        std::optional<Rational> rate = options.frame_rate;
        bool drop = false;
        for (const Pick& pick : picks) {
            const ProbedMedia& media = probed(pick.segment.asset_id).media;
            if (!media.video_rate) continue;
            if (!rate) rate = *media.video_rate;
            // The first video source's counting decides, so a DF card gives a DF timeline.
            if (media.start_timecode && *rate == *media.video_rate) {
                drop = media.start_timecode->find_first_of(";.") != std::string::npos;
            }
            break;
        }
        const TimecodeRate result{rate.value_or(Rational{25, 1}), options.drop_frame.value_or(drop)};
        if (!result.rate.isPositive()) throw Error(ErrorKind::InvalidArgument, "timeline rate", "must be positive");
        if (result.drop_frame && !result.allowsDropFrame()) {
            throw Error(ErrorKind::InvalidArgument, "timeline rate " + result.rate.toString(),
                        "drop-frame timecode exists only at 30000/1001 and 60000/1001");
        }
        return result;
    }

    static Timecode recordStart(const TimecodeRate& rate, const TimelineOptions& options) {
        const std::string label = options.record_start.value_or("01:00:00:00");
        Timecode start = Timecode::fromFrames(0, rate);
        try {
            start = Timecode::parse(label, rate);
        } catch (const std::invalid_argument& error) {
            throw Error(ErrorKind::InvalidArgument, "record start " + label, error.what());
        }
        // A ';' asks for drop-frame counting; on an NDF timeline that label would name another frame.
        if (!(start.rate() == rate)) {
            throw Error(ErrorKind::InvalidArgument, "record start " + label,
                        "is a drop-frame label but the timeline counts " + rate.toString() + "; write it with ':'");
        }
        return start;
    }

    TimelineClip clipFor(const Pick& pick, const SourceMedia& source, size_t index) {
        const catalog::Segment& segment = pick.segment;
        const int64_t in_ticks = pick.trim_in_ticks.value_or(segment.in_ticks);
        const int64_t out_ticks = pick.trim_out_ticks.value_or(segment.out_ticks);
        if (in_ticks < 0 || out_ticks <= in_ticks) {
            throw Error(ErrorKind::InvalidArgument, pick.subject,
                        "its range [" + std::to_string(in_ticks) + ", " + std::to_string(out_ticks) +
                            ") is empty; trim it again");
        }
        TimelineClip clip;
        clip.source = index;
        clip.name = source.fileName();
        clip.segment_id = segment.id;
        clip.kind = std::string(catalog::toString(segment.kind));
        clip.rating = segment.rating;
        clip.note = segment.note;
        for (const auto& tag : catalog::TagStore(db_).tagsForSegment(segment.id)) clip.tags.push_back(tag.name);
        // Nearest, as the CLI shows segments: containers often store frame starts rounded to their tick
        // (33 ms for frame 1 at 29.97), which rounding down would put on the previous frame.
        clip.source_in = ticksToFrame(in_ticks, source.frame_rate, segment.time_base, Rounding::Nearest);
        clip.source_out = std::max(clip.source_in + 1,
                                   ticksToFrame(out_ticks, source.frame_rate, segment.time_base, Rounding::Nearest));
        return clip;
    }

    catalog::Database& db_;
    std::stop_token stop_;
    std::map<std::string, Probed> probed_;
};

}  // namespace

Timeline timelineFromReel(catalog::Database& db, std::string_view reel_id, const TimelineOptions& options,
                          std::stop_token stop) {
    catalog::ReelStore reels(db);
    const auto reel = reels.find(reel_id);
    if (!reel || reel->deleted) throw db.rowError(ErrorKind::NotFound, "reel", reel_id, "no such live reel");
    catalog::SegmentStore segments(db);
    std::vector<Pick> picks;
    for (const catalog::ReelItem& item : reels.items(reel_id)) {
        auto segment = segments.find(item.segment_id);
        if (!segment || segment->deleted) {
            throw db.rowError(ErrorKind::NotFound, "reel_item", item.id, "its segment is not live");
        }
        picks.push_back({std::move(*segment), item.trim_in_ticks, item.trim_out_ticks,
                         "reel \"" + reel->name + "\" item " + item.id});
    }
    return Builder(db, std::move(stop)).build(reel->name, picks, options);
}

Timeline timelineFromSegments(catalog::Database& db, const std::vector<std::string>& segment_ids,
                              const TimelineOptions& options, std::stop_token stop) {
    catalog::SegmentStore segments(db);
    std::vector<Pick> picks;
    for (const std::string& id : segment_ids) {
        auto segment = segments.find(id);
        if (!segment || segment->deleted) throw db.rowError(ErrorKind::NotFound, "segment", id, "no such live segment");
        picks.push_back({std::move(*segment), std::nullopt, std::nullopt, "segment " + id});
    }
    return Builder(db, std::move(stop)).build("Rushes segments", picks, options);
}

}  // namespace rushes::exporting
