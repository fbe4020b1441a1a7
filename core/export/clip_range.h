// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "export/clip_source.h"
#include "time/rational.h"

namespace rushes::exporting {

// An in or out point as an editor gives it. Frames count from the first frame of the clip (0); seconds
// count from the first frame's presentation time; a timecode is the source's own label when the clip has a
// start timecode (01:00:04:20 on a clip starting at 01:00:00:00 is frame 120 at 25 fps), else it counts
// from 00:00:00:00.
struct ClipPoint {
    enum class Kind { Frame, Seconds, Timecode };
    Kind kind = Kind::Frame;
    std::int64_t frame = 0;  // Kind::Frame
    Rational seconds{0, 1};  // Kind::Seconds, exact ("4.8s" is 24/5)
    std::string text;        // as typed (the timecode label for Kind::Timecode), for messages

    // "120" (frames), "4.8s" (seconds), "00:00:04:20" / "00:59:59;28" (timecode). Throws InvalidArgument
    // naming the text.
    [[nodiscard]] static ClipPoint parse(std::string_view text);
    [[nodiscard]] static ClipPoint atFrame(std::int64_t frame);
    [[nodiscard]] static ClipPoint atSeconds(Rational seconds);
};

// [in, out): out is the first frame not taken, as in an EDL.
struct ClipRange {
    ClipPoint in;
    ClipPoint out;
};

// A range as frames of the source's main picture stream and the matching presentation times.
struct ResolvedClip {
    std::int64_t in_frame = 0;
    std::int64_t out_frame = 0;  // exclusive
    std::int64_t in_pts = 0;     // stream time base
    std::int64_t out_pts = 0;    // first pts not taken; the end of the last frame when out is the clip's end
    Rational time_base{1, 1};

    [[nodiscard]] std::int64_t frameCount() const noexcept { return out_frame - in_frame; }
    // Exact duration of the picture range.
    [[nodiscard]] Rational duration() const;
};

// A point as a frame number of `source` (0..frameCount()); `is_out` lets the clip's end be named (the end
// of the last frame, its length in seconds, or the timecode after the last frame). A time in seconds
// picks the frame on screen at that instant. Throws InvalidArgument naming the file and the reason.
[[nodiscard]] std::int64_t resolvePoint(const ClipSource& source, const ClipPoint& point, bool is_out);

// Both points, checked: each inside the clip, in before out. Errors name the file and say why.
[[nodiscard]] ResolvedClip resolveClip(const ClipSource& source, const ClipRange& range);

// The same frame range with its presentation times, for modes that move the edges (copy).
[[nodiscard]] ResolvedClip clipOfFrames(const ClipSource& source, std::int64_t in_frame, std::int64_t out_frame);

}  // namespace rushes::exporting
