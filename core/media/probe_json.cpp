// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/probe_json.h"

namespace rushes::media {
namespace {

using nlohmann::json;

template <typename T>
json optional(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json toJson(const MasteringDisplay& m) {
    json out;
    if (m.primaries) {
        for (const auto& xy : *m.primaries) out["primaries"].push_back({xy[0].toString(), xy[1].toString()});
    }
    if (m.white_point) out["white_point"] = {(*m.white_point)[0].toString(), (*m.white_point)[1].toString()};
    if (m.min_luminance) out["min_luminance"] = m.min_luminance->toString();
    if (m.max_luminance) out["max_luminance"] = m.max_luminance->toString();
    return out;
}

json toJson(const VideoStreamInfo& v) {
    json out = {
        {"width", v.width},
        {"height", v.height},
        {"pix_fmt", v.pixel_format},
        {"bit_depth", v.bit_depth},
        {"sar", v.sample_aspect_ratio.toString()},
        {"dar", v.display_aspect_ratio.toString()},
        {"rotation", v.rotation_deg},
        {"rotation_cw", v.rotation_cw_deg},
        {"field_order", v.field_order},
        {"frame_rate", v.frame_rate.toString()},
        {"avg_frame_rate", v.average_frame_rate.toString()},
        {"cfr", v.constant_frame_rate},
        {"has_b_frames", v.has_b_frames},
        {"color_primaries", v.color_primaries},
        {"color_transfer", v.color_transfer},
        {"color_matrix", v.color_matrix},
        {"color_range", v.color_range},
        {"mastering_display", v.mastering_display ? toJson(*v.mastering_display) : json(nullptr)},
        {"content_light", v.content_light ? json{{"max_cll", v.content_light->max_cll},
                                                 {"max_fall", v.content_light->max_fall}}
                                          : json(nullptr)},
        {"spherical", v.spherical ? json{{"projection", v.spherical->projection},
                                         {"yaw", v.spherical->yaw_deg},
                                         {"pitch", v.spherical->pitch_deg},
                                         {"roll", v.spherical->roll_deg}}
                                  : json(nullptr)},
    };
    return out;
}

json toJson(const AudioStreamInfo& a) {
    return {{"sample_rate", a.sample_rate},
            {"channels", a.channels},
            {"layout", a.channel_layout},
            {"sample_fmt", a.sample_format},
            {"bits_per_sample", a.bits_per_sample}};
}

json toJson(const StreamInfo& s) {
    json out = {
        {"index", s.index},
        {"type", toString(s.type)},
        {"codec", s.codec},
        {"codec_long_name", s.codec_long_name},
        {"profile", s.profile},
        {"decodable", s.decodable},
        {"time_base", s.time_base.toString()},
        {"start_pts", optional(s.start_pts)},
        {"duration_pts", optional(s.duration_pts)},
        {"frame_count", optional(s.frame_count)},
        {"bit_rate", s.bit_rate},
        {"tags", s.tags},
    };
    if (s.video) out["video"] = toJson(*s.video);
    if (s.audio) out["audio"] = toJson(*s.audio);
    return out;
}

}  // namespace

std::string_view toString(StreamType type) noexcept {
    switch (type) {
        case StreamType::Video: return "video";
        case StreamType::Audio: return "audio";
        case StreamType::Subtitle: return "subtitle";
        case StreamType::Data: return "data";
        case StreamType::Attachment: return "attachment";
        case StreamType::Unknown: break;
    }
    return "unknown";
}

nlohmann::json toJson(const ProbeResult& probe) {
    json streams = json::array();
    for (const StreamInfo& s : probe.streams) streams.push_back(toJson(s));
    return {
        {"file", probe.path.string()},
        {"size_bytes", probe.size_bytes},
        {"format", probe.format},
        {"format_long_name", probe.format_long_name},
        {"duration_us", optional(probe.duration_us)},
        {"start_time_us", optional(probe.start_time_us)},
        {"bit_rate", probe.bit_rate},
        {"timecode", probe.timecode ? json{{"value", probe.timecode->value}, {"source", probe.timecode->source}}
                                    : json(nullptr)},
        {"creation_time", optional(probe.creation_time)},
        {"camera", probe.camera},
        {"tags", probe.tags},
        {"video_stream", probe.video_stream},
        {"audio_stream", probe.audio_stream},
        {"streams", streams},
    };
}

}  // namespace rushes::media
