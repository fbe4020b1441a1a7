// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

extern "C" {
#include <libavutil/frame.h>
}

namespace rushes::test {

// A hash of a decoded picture's visible pixels (every plane, no line padding),
// like FFmpeg's framemd5 but faster: equal hashes mean the same picture.
std::uint64_t hashPicture(const AVFrame& frame);

}  // namespace rushes::test
