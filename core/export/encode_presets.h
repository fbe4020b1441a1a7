// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/pixfmt.h>
}

namespace rushes::exporting {

enum class PresetAudio { Aac, Pcm };

// How encode mode re-encodes a clip. Presets are plain data so the CLI can list them and tests can check
// what each one asked the encoder for.
struct EncodePreset {
    std::string name;
    std::string description;
    std::string encoder;                           // FFmpeg encoder name
    AVPixelFormat pixel_format = AV_PIX_FMT_NONE;  // NONE: the source's when the encoder takes it
    int max_height = 0;  // 0: source size; else scaled down (never up) to this height, aspect kept
    std::map<std::string, std::string> options;  // encoder private options (crf, profile, ...)
    int gop_seconds = 0;                         // 0: the encoder's default
    PresetAudio audio = PresetAudio::Aac;
    long aac_bit_rate = 192000;
    std::string default_extension;  // for messages: the container this preset suits best
};

// h264-proxy, h264-master, prores-422, dnxhr-hq.
[[nodiscard]] const std::vector<EncodePreset>& encodePresets();
// Throws InvalidArgument listing the known names.
[[nodiscard]] const EncodePreset& findEncodePreset(const std::string& name);

// The preset encode mode uses without --preset, and smart mode when it must fall back.
inline constexpr const char* kDefaultEncodePreset = "h264-master";

}  // namespace rushes::exporting
