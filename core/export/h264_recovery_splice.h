// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "export/h264_syntax.h"
#include "export/nal_units.h"

namespace rushes::exporting {

// Makes stream-copied H.264 that starts at an open-GOP keyframe a clean start. Open-GOP keyframes are
// non-IDR I pictures (a recovery point SEI marks them): their frame_num and picture order count continue
// from the pictures before them. Joined after re-encoded pictures, a decoder derives an order count from
// the wrong predecessor and shows the keyframe too early or drops it as "out of order" (FFmpeg does).
// The standard's own clean start is an IDR picture, so the first copied picture becomes one (nal_unit_type
// 5, frame_num 0, POC lsb 0, IDR reference marking) and every later copied picture is renumbered by the
// same offsets: differences, which is all that prediction and reference lists use, stay the same. The
// keyframe's leading pictures are left out of the copy, as for any splice. Stops at the next real IDR.
class H264RecoverySplice {
public:
    explicit H264RecoverySplice(const std::vector<Bytes>& parameter_sets);

    // Whether the picture in `units` can start a copied span: an IDR picture as it is, or a non-IDR I frame
    // picture whose slice headers this class can rewrite (frame pictures, POC type 0 or 2, no FMO).
    [[nodiscard]] bool canStartAt(const std::vector<Bytes>& units);

    // Rewrites one copied picture; call it for every picture of the span, in decode order.
    void adapt(std::vector<Bytes>& units);

private:
    [[nodiscard]] bool convertible(const Bytes& slice);
    [[nodiscard]] Bytes toIdr(const Bytes& slice) const;
    void renumber(Bytes& slice) const;
    void learn(const std::vector<Bytes>& units);

    h264::ParameterSets sets_;
    bool first_ = true;
    bool renumbering_ = false;
    std::uint32_t frame_num_offset_ = 0;
    std::uint32_t poc_lsb_offset_ = 0;
};

}  // namespace rushes::exporting
