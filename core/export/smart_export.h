// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>

#include "export/clip_range.h"
#include "export/decode_span.h"
#include "export/export_types.h"
#include "export/source_reader.h"

namespace rushes::exporting {

// How a smart cut splits [in, out): re-encoded head, stream-copied middle, re-encoded tail.
struct SmartCutPlan {
    std::int64_t head_begin = 0;  // head = [head_begin, head_end)
    std::int64_t head_end = 0;
    std::optional<media::KeyframeEntry> copy_from;  // the middle starts with this keyframe's packet
    DecodeSpan copy;                                // frames [copy.first_frame, copy.end_frame)
    std::vector<PacketStamp> copy_packets;          // the span's packets, decode order
    std::int64_t tail_begin = 0;                    // tail = [tail_begin, tail_end)
    std::int64_t tail_end = 0;

    [[nodiscard]] std::int64_t encodedFrames() const noexcept {
        return (head_end - head_begin) + (tail_end - tail_begin);
    }
};

// The copied middle starts at the first keyframe at or after in that a copy can start with (see
// CopiedPictures::canStartWith) and is the longest decode-order span from it whose frames are contiguous and
// end before out; everything else is re-encoded.
[[nodiscard]] SmartCutPlan planSmartCut(const ClipSource& source, const ResolvedClip& clip, SourceReader& reader,
                                        const std::function<bool(const AVPacket&)>& can_start_copy);

// Why smart mode cannot cut this source frame-accurately (it then falls back to encode), or nothing.
[[nodiscard]] std::optional<std::string> whySmartCutImpossible(const AVStream& picture, const SmartCutPlan& plan);

// The reason smart mode cannot cut this range of this source (plans it, then asks the edge encoder), or
// nothing when it can. exportClip falls back to encode mode on a reason.
[[nodiscard]] std::optional<std::string> smartCutObstacle(const ClipSource& source, const ResolvedClip& clip,
                                                          std::stop_token stop = {});

// Frame-accurate export that re-encodes only the partial GOPs at both edges (the source's codec, profile,
// level, size, pixel format, field order and time base) and stream-copies the GOPs between; every audio
// stream is re-encoded for exactly [in, out). Throws Unsupported when the edges cannot be matched (see
// whySmartCutImpossible).
[[nodiscard]] ExportReport exportSmart(const ClipSource& source, const ResolvedClip& clip, const ExportOptions& options,
                                       std::stop_token stop = {}, const ExportProgress& progress = {});

}  // namespace rushes::exporting
