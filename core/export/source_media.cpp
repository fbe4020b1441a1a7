// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/source_media.h"

#include <nlohmann/json.hpp>

#include "base/error.h"

namespace rushes::exporting {

namespace {
using nlohmann::json;

int intField(const json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_number_integer()) return 0;
    const auto value = object[key].get<int64_t>();
    return value > 0 && value < 1'000'000'000 ? int(value) : 0;
}

std::optional<std::string> stringField(const json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return std::nullopt;
    auto text = object[key].get<std::string>();
    if (text.empty()) return std::nullopt;
    return text;
}

// The stream the probe names as main (video_stream / audio_stream), else the first of that kind.
const json* mainStream(const json& probe, const char* index_key, const char* kind) {
    if (!probe.contains("streams") || !probe["streams"].is_array()) return nullptr;
    const json& streams = probe["streams"];
    const json* first = nullptr;
    const int64_t main_index =
        probe.contains(index_key) && probe[index_key].is_number_integer() ? probe[index_key].get<int64_t>() : -1;
    for (const json& stream : streams) {
        if (!stream.is_object() || !stream.contains(kind) || !stream[kind].is_object()) continue;
        if (stream.contains("index") && stream["index"].is_number_integer() &&
            stream["index"].get<int64_t>() == main_index) {
            return &stream;
        }
        if (!first) first = &stream;
    }
    return first;
}

std::optional<std::string> reelTag(const json& tags) {
    if (!tags.is_object()) return std::nullopt;
    for (const auto& [key, value] : tags.items()) {
        std::string lowered;
        for (char c : key) lowered += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if ((lowered == "reel_name" || lowered == "reel" || lowered == "tape_name" || lowered == "tapename") &&
            value.is_string() && !value.get<std::string>().empty()) {
            return value.get<std::string>();
        }
    }
    return std::nullopt;
}
}  // namespace

ProbedMedia readProbedMedia(std::string_view probe_json, const std::string& subject) {
    const json probe = json::parse(probe_json, nullptr, false);
    if (probe.is_discarded()) throw Error(ErrorKind::Corrupt, subject, "the stored probe is not JSON");
    ProbedMedia media;
    if (!probe.is_object()) return media;
    if (const json* video = mainStream(probe, "video_stream", "video")) {
        const json& info = (*video)["video"];
        try {
            if (const auto rate = stringField(info, "frame_rate")) {
                const Rational parsed = Rational::parse(*rate);
                if (parsed.isPositive()) media.video_rate = parsed;
            }
        } catch (const std::exception&) {
            // A rate we cannot read makes this an audio-only source for the lists; see makeSourceMedia.
        }
        media.width = intField(info, "width");
        media.height = intField(info, "height");
    }
    if (const json* audio = mainStream(probe, "audio_stream", "audio")) {
        media.audio_channels = intField((*audio)["audio"], "channels");
        media.audio_sample_rate = intField((*audio)["audio"], "sample_rate");
    }
    if (probe.contains("timecode") && probe["timecode"].is_object()) {
        media.start_timecode = stringField(probe["timecode"], "value");
    }
    if (probe.contains("streams") && probe["streams"].is_array()) {
        for (const json& stream : probe["streams"]) {
            if (stream.is_object() && stream.contains("tags")) media.reel_name = reelTag(stream["tags"]);
            if (media.reel_name) break;
        }
    }
    if (!media.reel_name && probe.contains("tags")) media.reel_name = reelTag(probe["tags"]);
    return media;
}

SourceMedia makeSourceMedia(const ProbedMedia& probed, std::filesystem::path path, std::string asset_id,
                            const TimecodeRate& timeline_rate, std::optional<int64_t> duration_ticks,
                            Rational duration_base) {
    SourceMedia source;
    source.asset_id = std::move(asset_id);
    source.has_video = probed.video_rate.has_value();
    source.frame_rate = probed.video_rate.value_or(timeline_rate.rate);
    source.width = probed.width;
    source.height = probed.height;
    source.audio_channels = probed.audio_channels;
    source.audio_sample_rate = probed.audio_sample_rate;
    source.start = Timecode::fromFrames(0, source.frame_rate == timeline_rate.rate
                                               ? timeline_rate
                                               : TimecodeRate::fromFrameRate(source.frame_rate, false));
    if (probed.start_timecode && source.has_video) {
        try {
            source.start =
                Timecode::parse(*probed.start_timecode, TimecodeRate::fromFrameRate(source.frame_rate, false));
            source.has_embedded_timecode = true;
        } catch (const std::invalid_argument&) {
            // Keep 00:00:00:00: see the header.
        }
    }
    if (duration_ticks && duration_base.isPositive()) {
        source.duration_frames = ticksToFrame(*duration_ticks, source.frame_rate, duration_base, Rounding::Nearest);
    }
    source.reel = probed.reel_name.value_or(path.stem().string());
    source.path = std::move(path);
    return source;
}

}  // namespace rushes::exporting
