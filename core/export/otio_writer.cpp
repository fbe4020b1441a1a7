// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/otio_writer.h"

#include <nlohmann/json.hpp>

#include "export/edl_writer.h"
#include "export/export_text.h"

namespace rushes::exporting {

namespace {
using Json = nlohmann::ordered_json;

double otioRate(Rational rate) {
    return double(rate.num) / double(rate.den);
}

Json rationalTime(int64_t frames, Rational rate) {
    return Json{{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", otioRate(rate)}, {"value", double(frames)}};
}

Json timeRange(int64_t start, Rational start_rate, int64_t duration, Rational duration_rate) {
    return Json{{"OTIO_SCHEMA", "TimeRange.1"},
                {"duration", rationalTime(duration, duration_rate)},
                {"start_time", rationalTime(start, start_rate)}};
}

Json item(const char* schema, const std::string& name, Json source_range, Json metadata) {
    return Json{{"OTIO_SCHEMA", schema},    {"metadata", std::move(metadata)},
                {"name", validUtf8(name)},  {"source_range", std::move(source_range)},
                {"effects", Json::array()}, {"markers", Json::array()},
                {"enabled", true}};
}

Json gap(int64_t frames, Rational rate) {
    return item("Gap.1", "", timeRange(0, rate, frames, rate), Json::object());
}

class OtioDocument {
public:
    explicit OtioDocument(const Timeline& timeline) : timeline_(timeline), reels_(cmxReelNames(timeline)) {}

    std::string write() const {
        bool any_audio = false;
        for (const auto& source : timeline_.sources) any_audio = any_audio || source.audio_channels > 0;
        Json tracks = Json::array();
        tracks.push_back(track("V1", "Video", [](const SourceMedia& s) { return s.has_video; }));
        if (any_audio)
            tracks.push_back(track("A1", "Audio", [](const SourceMedia& s) { return s.audio_channels > 0; }));
        Json stack = item("Stack.1", "tracks", nullptr, Json::object());
        stack["children"] = std::move(tracks);
        const Json document{{"OTIO_SCHEMA", "Timeline.1"},
                            {"metadata", Json::object()},
                            {"name", validUtf8(timeline_.name)},
                            {"global_start_time", rationalTime(timeline_.record_start.frames(), timeline_.rate.rate)},
                            {"tracks", std::move(stack)}};
        return document.dump(4, ' ', false, Json::error_handler_t::replace) + "\n";
    }

private:
    template <typename Carries>
    Json track(const char* name, const char* kind, Carries carries) const {
        Json children = Json::array();
        for (const TimelineClip& clip : timeline_.clips) {
            children.push_back(carries(timeline_.sourceOf(clip)) ? this->clip(clip)
                                                                 : gap(clip.recordFrames(), timeline_.rate.rate));
        }
        Json out = item("Track.1", name, nullptr, Json::object());
        out["children"] = std::move(children);
        out["kind"] = kind;
        return out;
    }

    Json clip(const TimelineClip& clip) const {
        const SourceMedia& source = timeline_.sourceOf(clip);
        Json rushes{{"segment_id", clip.segment_id},
                    {"asset_id", source.asset_id},
                    {"kind", clip.kind},
                    {"rating", clip.rating ? Json(*clip.rating) : Json()},
                    {"tags", Json::array()},
                    {"note", clip.note ? Json(validUtf8(*clip.note)) : Json()},
                    {"reel", validUtf8(source.reel)},
                    {"source_timecode_in", timeline_.sourceTimecode(clip, clip.source_in).toString()},
                    {"source_timecode_out", timeline_.sourceTimecode(clip, clip.source_out).toString()}};
        for (const auto& tag : clip.tags) rushes["tags"].push_back(validUtf8(tag));
        Json metadata{{"cmx_3600", {{"reel", reels_[clip.source]}}}, {"rushes", std::move(rushes)}};

        // The source side starts at the source's timecode; its length is the clip's length on the timeline.
        Json out = item("Clip.2", clip.name,
                        timeRange(source.start.frames() + clip.source_in, source.frame_rate, clip.recordFrames(),
                                  timeline_.rate.rate),
                        std::move(metadata));
        Json available = source.duration_frames ? timeRange(source.start.frames(), source.frame_rate,
                                                            *source.duration_frames, source.frame_rate)
                                                : Json();
        out["media_references"] = {{"DEFAULT_MEDIA",
                                    {{"OTIO_SCHEMA", "ExternalReference.1"},
                                     {"metadata", Json::object()},
                                     {"name", validUtf8(source.fileName())},
                                     {"available_range", std::move(available)},
                                     {"available_image_bounds", nullptr},
                                     {"target_url", fileUrl(source.path)}}}};
        out["active_media_reference_key"] = "DEFAULT_MEDIA";
        return out;
    }

    const Timeline& timeline_;
    std::vector<std::string> reels_;
};
}  // namespace

std::string writeOtio(const Timeline& timeline) {
    timeline.validate();
    return OtioDocument(timeline).write();
}

}  // namespace rushes::exporting
