// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "time/rational.h"

namespace rushes::media {

enum class StreamType { Video, Audio, Subtitle, Data, Attachment, Unknown };

struct MasteringDisplay {
    // CIE 1931 xy chromaticities of R, G, B and the white point, and luminance in cd/m².
    std::optional<std::array<std::array<Rational, 2>, 3>> primaries;
    std::optional<std::array<Rational, 2>> white_point;
    std::optional<Rational> min_luminance;
    std::optional<Rational> max_luminance;
};

struct ContentLightLevel {
    unsigned max_cll = 0;   // cd/m²
    unsigned max_fall = 0;  // cd/m²
};

struct SphericalMapping {
    std::string projection;  // "equirectangular", "cubemap", ...
    double yaw_deg = 0, pitch_deg = 0, roll_deg = 0;
};

struct VideoStreamInfo {
    int width = 0;
    int height = 0;
    std::string pixel_format;
    int bit_depth = 0;
    Rational sample_aspect_ratio{1, 1};
    Rational display_aspect_ratio{0, 1};
    // Counter-clockwise degrees from the display matrix, as ffprobe reports them;
    // `rotation_cw_deg` is what a player applies (0, 90, 180 or 270).
    int rotation_deg = 0;
    int rotation_cw_deg = 0;
    std::string field_order;  // "progressive", "tt", "bb", "tb", "bt" or "unknown"
    Rational frame_rate{0, 1};  // exact nominal rate (e.g. 30000/1001)
    Rational average_frame_rate{0, 1};
    bool constant_frame_rate = true;
    bool has_b_frames = false;
    std::string color_primaries, color_transfer, color_matrix, color_range;
    std::optional<MasteringDisplay> mastering_display;
    std::optional<ContentLightLevel> content_light;
    std::optional<SphericalMapping> spherical;
};

struct AudioStreamInfo {
    int sample_rate = 0;
    int channels = 0;
    std::string channel_layout;  // "stereo", "5.1", ...
    std::string sample_format;
    int bits_per_sample = 0;
};

struct StreamInfo {
    int index = 0;
    StreamType type = StreamType::Unknown;
    std::string codec;  // FFmpeg short name, e.g. "h264"
    std::string codec_long_name;
    std::string profile;
    bool decodable = false;
    Rational time_base{1, 1};
    std::optional<std::int64_t> start_pts;     // in time_base
    std::optional<std::int64_t> duration_pts;  // in time_base
    std::optional<std::int64_t> frame_count;   // as the container declares it
    std::int64_t bit_rate = 0;
    std::map<std::string, std::string> tags;
    std::optional<VideoStreamInfo> video;
    std::optional<AudioStreamInfo> audio;
};

struct StartTimecode {
    std::string value;   // "10:00:00:00" or "00:59:59;28"
    std::string source;  // "tmcd", "stream tag", "format tag", "mpeg2 gop", "sei"
};

struct ProbeResult {
    std::filesystem::path path;
    std::uintmax_t size_bytes = 0;
    std::string format;  // FFmpeg short name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string format_long_name;
    std::optional<std::int64_t> duration_us;
    std::optional<std::int64_t> start_time_us;
    std::int64_t bit_rate = 0;
    std::optional<StartTimecode> timecode;
    std::optional<std::string> creation_time;
    std::map<std::string, std::string> camera;  // make, model, software, lens, location...
    std::map<std::string, std::string> tags;    // every container tag
    std::vector<StreamInfo> streams;
    int video_stream = -1;  // index of the main picture stream, or -1
    int audio_stream = -1;

    [[nodiscard]] const StreamInfo* mainVideo() const;
    [[nodiscard]] const StreamInfo* mainAudio() const;
};

// Reads a file's container, streams, timecode, tags and side data. Reads only
// the header and the first packets (one decoded frame for SEI side data), so
// it stays fast on multi-hour files. Throws rushes::Error naming the file.
[[nodiscard]] ProbeResult probe(const std::filesystem::path& path, std::stop_token stop = {});

}  // namespace rushes::media
