// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "export/timeline.h"
#include "time/rational.h"

namespace rushes::exporting {

// What interchange lists need from an asset's stored probe (the JSON of media/probe_json.h).
struct ProbedMedia {
    std::optional<Rational> video_rate;         // exact, of the main video stream
    std::optional<std::string> start_timecode;  // label as the file carries it ("10:00:00:00", "00:59:59;28")
    std::optional<std::string> reel_name;       // a reel_name / tape tag (QuickTime tmcd, MXF source package)
    int width = 0;
    int height = 0;
    int audio_channels = 0;
    int audio_sample_rate = 0;
};

// Tolerant: a field that is missing or malformed stays unset, because an old or partial probe must not stop
// a list from being written. Throws Error(Corrupt) naming `subject` only when the text is not JSON at all.
[[nodiscard]] ProbedMedia readProbedMedia(std::string_view probe_json, const std::string& subject);

// The source as a timeline uses it. An audio-only file takes the timeline's rate and counting (its frames
// are the timeline's, from 00:00:00:00); a file without timecode counts like the timeline when it runs at the
// timeline's rate (so a DF list needs no FCM switch for it), else NDF. A start label that does not fit the
// video rate is ignored (the source then starts at 00:00:00:00), as the CLI does, rather than stopping a
// whole reel. `duration_ticks` in `duration_base` is the file's duration, when known.
[[nodiscard]] SourceMedia makeSourceMedia(const ProbedMedia& probed, std::filesystem::path path, std::string asset_id,
                                          const TimecodeRate& timeline_rate, std::optional<int64_t> duration_ticks,
                                          Rational duration_base);

}  // namespace rushes::exporting
