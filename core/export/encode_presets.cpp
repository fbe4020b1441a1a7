// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/encode_presets.h"

#include <fmt/format.h>

#include "base/error.h"

namespace rushes::exporting {

const std::vector<EncodePreset>& encodePresets() {
    static const std::vector<EncodePreset> presets = [] {
        std::vector<EncodePreset> list;
        // Editing proxy: quarter the pixels of 1080p, a keyframe every second so an NLE scrubs fast.
        list.push_back({"h264-proxy",
                        "H.264 proxy, at most 540 lines, CRF 23, keyframe every second, AAC",
                        "libx264",
                        AV_PIX_FMT_YUV420P,
                        540,
                        {{"preset", "veryfast"}, {"crf", "23"}, {"profile", "high"}},
                        1,
                        PresetAudio::Aac,
                        192000,
                        ".mp4"});
        // Full-quality delivery at the source's size; smart mode's fallback for codecs it cannot splice.
        list.push_back({"h264-master",
                        "H.264 at the source's size, CRF 16, AAC",
                        "libx264",
                        AV_PIX_FMT_NONE,
                        0,
                        {{"preset", "fast"}, {"crf", "16"}},
                        0,
                        PresetAudio::Aac,
                        256000,
                        ".mp4"});
        list.push_back({"prores-422",
                        "Apple ProRes 422 (prores_ks), 10-bit 4:2:2, PCM audio",
                        "prores_ks",
                        AV_PIX_FMT_YUV422P10LE,
                        0,
                        {{"profile", "standard"}, {"vendor", "apl0"}},
                        0,
                        PresetAudio::Pcm,
                        0,
                        ".mov"});
        list.push_back({"dnxhr-hq",
                        "Avid DNxHR HQ, 8-bit 4:2:2, PCM audio",
                        "dnxhd",
                        AV_PIX_FMT_YUV422P,
                        0,
                        {{"profile", "dnxhr_hq"}},
                        0,
                        PresetAudio::Pcm,
                        0,
                        ".mov"});
        return list;
    }();
    return presets;
}

const EncodePreset& findEncodePreset(const std::string& name) {
    std::vector<std::string> names;
    for (const EncodePreset& preset : encodePresets()) {
        if (preset.name == name) return preset;
        names.push_back(preset.name);
    }
    throw Error(ErrorKind::InvalidArgument, "preset " + name,
                fmt::format("unknown; choose one of {}", fmt::join(names, ", ")));
}

}  // namespace rushes::exporting
