// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>

#include "media/frame_index.h"
#include "media/probe.h"
#include "time/rational.h"
#include "time/timecode.h"

namespace rushes::exporting {

// A source file as every export mode needs it: the probe (streams, tags, start timecode) and the frame
// index of its main picture stream, which turns frame numbers into presentation times and knows every
// keyframe. Building the index reads the file once without decoding; a caller that has one (the catalog
// will cache it) passes it in.
class ClipSource {
public:
    using Progress = std::function<void(double fraction)>;

    [[nodiscard]] static ClipSource open(const std::filesystem::path& path, std::stop_token stop = {},
                                         const Progress& progress = {});
    [[nodiscard]] static ClipSource fromParts(media::ProbeResult probe, media::FrameIndex index);

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return probe_.path; }
    [[nodiscard]] std::string name() const { return probe_.path.string(); }
    [[nodiscard]] const media::ProbeResult& probe() const noexcept { return probe_; }
    [[nodiscard]] const media::FrameIndex& index() const noexcept { return index_; }
    [[nodiscard]] const media::StreamInfo& video() const;
    [[nodiscard]] int videoStream() const noexcept { return index_.streamIndex(); }
    [[nodiscard]] Rational timeBase() const noexcept { return index_.timeBase(); }
    // The nominal rate (e.g. 30000/1001); frames and timecode labels count at this rate.
    [[nodiscard]] Rational frameRate() const noexcept { return frame_rate_; }
    [[nodiscard]] std::int64_t frameCount() const noexcept { return index_.frameCount(); }

    // Presentation time of frame `frame`; frame == frameCount() gives the end of the last frame.
    [[nodiscard]] std::int64_t ptsOfFrame(std::int64_t frame) const;
    // One frame's length in stream ticks (rounded to the nearest tick for coarse time bases).
    [[nodiscard]] std::int64_t frameDurationTicks() const;

    // The timecode of the first frame, when the file carries one (tmcd track, tag or bitstream).
    [[nodiscard]] const std::optional<Timecode>& startTimecode() const noexcept { return start_timecode_; }
    // Timecode of frame `frame` counted from the first: the source's own if it has one, else from 00:00:00:00.
    [[nodiscard]] Timecode timecodeOfFrame(std::int64_t frame) const;

private:
    ClipSource(media::ProbeResult probe, media::FrameIndex index);

    media::ProbeResult probe_;
    media::FrameIndex index_;
    Rational frame_rate_{25, 1};
    std::optional<Timecode> start_timecode_;
};

}  // namespace rushes::exporting
