// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/probe_table.h"

#include <fmt/core.h>

#include "media/probe_json.h"

namespace rushes::cli {
namespace {

std::string formatDuration(std::int64_t us) {
    const std::int64_t ms = us / 1000;
    return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60, ms % 1000);
}

std::string describeVideo(const media::StreamInfo& s) {
    const media::VideoStreamInfo& v = *s.video;
    std::string line = fmt::format("{}{} {}x{} {} {}-bit SAR {} DAR {}, {} fps {}", s.codec,
                                   s.profile.empty() ? "" : " (" + s.profile + ")", v.width, v.height,
                                   v.pixel_format, v.bit_depth, v.sample_aspect_ratio.toString(),
                                   v.display_aspect_ratio.toString(), v.frame_rate.toString(),
                                   v.constant_frame_rate ? "CFR" : "VFR");
    line += ", " + v.field_order;
    if (v.has_b_frames) line += ", B-frames";
    if (v.rotation_cw_deg != 0) line += fmt::format(", rotate {}° cw", v.rotation_cw_deg);
    if (!v.color_transfer.empty() && v.color_transfer != "unknown") {
        line += fmt::format(", {}/{}/{}", v.color_primaries, v.color_transfer, v.color_matrix);
    }
    if (v.mastering_display) line += ", HDR mastering metadata";
    if (v.content_light) line += fmt::format(", MaxCLL {} MaxFALL {}", v.content_light->max_cll, v.content_light->max_fall);
    if (v.spherical) line += ", 360° " + v.spherical->projection;
    return line;
}

std::string describeAudio(const media::StreamInfo& s) {
    const media::AudioStreamInfo& a = *s.audio;
    return fmt::format("{}{} {} Hz {} ({} ch) {}", s.codec, s.profile.empty() ? "" : " (" + s.profile + ")",
                       a.sample_rate, a.channel_layout, a.channels, a.sample_format);
}

}  // namespace

std::string formatProbeTable(const media::ProbeResult& probe) {
    std::string out = probe.path.string() + "\n";
    out += fmt::format("  {:<10} {} ({}), {}, {} bytes\n", "container", probe.format, probe.format_long_name,
                       probe.duration_us ? formatDuration(*probe.duration_us) : "unknown duration",
                       probe.size_bytes);
    if (probe.timecode) out += fmt::format("  {:<10} {} ({})\n", "timecode", probe.timecode->value, probe.timecode->source);
    if (probe.creation_time) out += fmt::format("  {:<10} {}\n", "created", *probe.creation_time);
    for (const auto& [key, value] : probe.camera) out += fmt::format("  {:<10} {} = {}\n", "camera", key, value);
    for (const media::StreamInfo& s : probe.streams) {
        std::string what = s.codec;
        if (s.video) what = describeVideo(s);
        if (s.audio) what = describeAudio(s);
        if (s.type == media::StreamType::Data && s.tags.count("timecode")) what = "timecode track " + s.tags.at("timecode");
        if (!s.decodable && (s.video || s.audio)) what += " [no decoder]";
        out += fmt::format("  #{:<2} {:<6} {}\n", s.index, media::toString(s.type), what);
    }
    return out;
}

}  // namespace rushes::cli
