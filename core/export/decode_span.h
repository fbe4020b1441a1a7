// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/frame_index.h"

namespace rushes::exporting {

// One packet of the picture stream as the demuxer hands it over, in decode order.
struct PacketStamp {
    std::int64_t pts = 0;
    std::int64_t dts = 0;
    bool keyframe = false;
};

// A run of packets that can be stream-copied: the first `packets` packets of a decode-order list that
// starts at a keyframe, which show exactly the frames [first_frame, end_frame) once the keyframe's leading
// pictures (shown before it; they need the previous GOP) are left out.
struct DecodeSpan {
    std::size_t packets = 0;
    std::int64_t first_frame = 0;
    std::int64_t end_frame = 0;  // exclusive

    [[nodiscard]] std::int64_t frameCount() const noexcept { return end_frame - first_frame; }
};

// Why a prefix and not "up to the next keyframe": a decode-order prefix that starts at a keyframe always
// decodes, and B-frames make it show frames out of order, so the prefix that ends just after frame n may
// not yet show frame n-1 (I0 P4 B2 B1 B3: after B1 frames 0, 1, 2, 4 are there, 3 is missing). Only
// prefixes whose shown frames are contiguous are usable; these functions find the right one.

// The shortest prefix whose frames are contiguous from the first keyframe and reach `end_frame` (at least):
// what copy mode takes when out falls inside a GOP. The whole list when the stream ends first.
// `packets[0]` must be the keyframe. Throws Corrupt when the frames never become contiguous.
[[nodiscard]] DecodeSpan shortestSpanReaching(const std::vector<PacketStamp>& packets, const media::FrameIndex& index,
                                              std::int64_t end_frame);

// The longest prefix whose frames are contiguous and all before `limit_frame`: the part of a smart cut that
// is copied; the frames from its end to out are re-encoded.
[[nodiscard]] DecodeSpan longestSpanBefore(const std::vector<PacketStamp>& packets, const media::FrameIndex& index,
                                           std::int64_t limit_frame);

// Decode times for packets whose presentation times are `pts` (decode order): the same number of evenly
// spaced ticks as the frames they show, shifted back just enough that no packet is decoded after it is
// shown. Strictly increasing and gapless when the frames are evenly spaced, whatever the joined parts
// (copied GOPs, re-encoded edges, dropped leading pictures) used before.
[[nodiscard]] std::vector<std::int64_t> decodeTimesFor(const std::vector<std::int64_t>& pts);

}  // namespace rushes::exporting
