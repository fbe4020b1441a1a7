// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "export/clip_source.h"
#include "export/export_types.h"
#include "export/nal_units.h"
#include "media/ffmpeg_handles.h"

namespace rushes::exporting {

// One re-encoded packet of a smart cut's edge: NAL units with 4-byte length prefixes, timed in the source
// stream's time base so it slots between stream-copied packets.
struct EncodedPacket {
    Bytes data;
    std::int64_t pts = 0;
    std::int64_t duration = 0;
    bool keyframe = false;
};

// A run of source frames re-encoded as one closed GOP that starts with an IDR picture.
struct EncodedRun {
    std::vector<EncodedPacket> packets;
    // H.264: the run's own SPS and PPS (ids distinct from the source's), listed in the output's avcC.
    // HEVC: empty; the run carries its VPS/SPS/PPS in-band before its IDR picture.
    std::vector<Bytes> parameter_sets;
};

// Re-encodes pictures so they can sit between stream-copied GOPs of `stream`: the source's codec, profile,
// level, size, pixel format, field order, colour description and time base. H.264 uses libx264, HEVC
// libx265, at a quality well above transparency (CRF 16 / 18), because an edge must not stand out.
class EdgeEncoder {
public:
    // Why the edges of this stream cannot be re-encoded to match (unsupported codec, no encoder, extradata
    // the splice cannot use), or nothing when they can.
    [[nodiscard]] static std::optional<std::string> whyNot(const AVStream& stream);

    EdgeEncoder(const ClipSource& source, const AVStream& stream);

    // Frames [first_frame, end_frame) of the source, decoded and re-encoded. `parameter_set_id` (H.264)
    // keeps this run's SPS/PPS apart from the source's and the other edge's.
    [[nodiscard]] EncodedRun encode(std::int64_t first_frame, std::int64_t end_frame, unsigned parameter_set_id,
                                    std::stop_token stop, const ExportProgress& progress) const;

private:
    [[nodiscard]] media::CodecContextPtr openEncoder(std::int64_t frames, unsigned parameter_set_id) const;

    const ClipSource& source_;
    const AVStream& stream_;
};

}  // namespace rushes::exporting
