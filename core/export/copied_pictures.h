// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include "export/h264_recovery_splice.h"
#include "export/nal_units.h"
#include "media/ffmpeg_handles.h"

namespace rushes::exporting {

// Turns the source's stream-copied picture packets into the output's. For H.264 and HEVC: NAL units with
// 4-byte length prefixes (the output's avcC/hvcC says so), and the codec's splice rules at the first
// copied picture. Other codecs pass through untouched.
class CopiedPictures {
public:
    // `after_reencoded_head`: the copy follows re-encoded pictures rather than starting the file.
    CopiedPictures(AVCodecID codec, const DecoderConfig& config, bool after_reencoded_head);

    // Whether the copied part may start with this keyframe packet. H.264: an IDR, or an open-GOP I picture
    // that H264RecoverySplice can turn into one. HEVC: an IRAP picture (IDR, CRA, BLA).
    [[nodiscard]] bool canStartWith(const AVPacket& keyframe);

    // Rewrites the packet's payload in place where the bitstream needs it; call for every copied picture in
    // decode order.
    void adapt(AVPacket& packet);

private:
    [[nodiscard]] std::vector<Bytes> units(const AVPacket& packet) const;

    AVCodecID codec_;
    const DecoderConfig& config_;
    bool after_head_;
    bool first_ = true;
    std::optional<H264RecoverySplice> h264_;
};

}  // namespace rushes::exporting
