// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/partial_output.h"
#include "time/timecode.h"

namespace rushes::exporting {

enum class ExportMode {
    Copy,    // stream copy from the keyframe at or before in: fast, lossless, not frame-accurate at in
    Smart,   // frame-accurate: re-encode the partial GOPs at both edges, stream-copy the GOPs between
    Encode,  // re-encode everything with a preset (H.264 proxy, ProRes 422, DNxHR HQ)
};
[[nodiscard]] std::string_view toString(ExportMode mode) noexcept;
[[nodiscard]] std::optional<ExportMode> parseExportMode(std::string_view text) noexcept;

enum class AudioChoice { Preset, Aac, Pcm };

struct ExportOptions {
    std::filesystem::path output;
    ExistingOutput existing = ExistingOutput::Refuse;
    std::string preset;  // encode mode, and smart mode's fallback; empty: the mode's default
    AudioChoice audio = AudioChoice::Preset;
};

// What an export did, for the CLI/UI to print: the frames it really took (copy mode widens the range to
// whole GOPs), which parts were copied and which re-encoded, and anything a user should know.
struct ExportReport {
    std::filesystem::path output;
    ExportMode requested_mode = ExportMode::Copy;
    ExportMode mode = ExportMode::Copy;  // differs when smart mode fell back to encode
    std::int64_t requested_in_frame = 0;
    std::int64_t requested_out_frame = 0;
    std::int64_t in_frame = 0;                                            // actual
    std::int64_t out_frame = 0;                                           // actual, exclusive
    Timecode in_timecode = Timecode::fromFrames(0, TimecodeRate::Fps25);  // source labels of the actual in/out
    Timecode out_timecode = Timecode::fromFrames(0, TimecodeRate::Fps25);
    bool start_timecode_written = false;  // the output carries in_timecode as its start timecode
    std::int64_t copied_frames = 0;
    std::int64_t encoded_frames = 0;
    std::int64_t audio_samples = 0;  // per channel, of the main audio stream when it was re-encoded
    std::vector<std::string> notes;
};

// Fraction done, 0..1; called from the exporting thread.
using ExportProgress = std::function<void(double fraction)>;

}  // namespace rushes::exporting
