// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/frame_hash.h"

#include <xxhash.h>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace rushes::test {

std::uint64_t hashPicture(const AVFrame& frame) {
    const auto format = static_cast<AVPixelFormat>(frame.format);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    const int planes = av_pix_fmt_count_planes(format);
    for (int plane = 0; plane < planes; ++plane) {
        const bool chroma = plane == 1 || plane == 2;
        const int height = chroma ? AV_CEIL_RSHIFT(frame.height, desc->log2_chroma_h) : frame.height;
        const int row_bytes = av_image_get_linesize(format, frame.width, plane);
        for (int y = 0; y < height; ++y) {
            XXH3_64bits_update(state, frame.data[plane] + static_cast<std::ptrdiff_t>(y) * frame.linesize[plane],
                               static_cast<size_t>(row_bytes));
        }
    }
    const std::uint64_t hash = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return hash;
}

}  // namespace rushes::test
