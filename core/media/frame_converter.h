// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "media/ffmpeg_handles.h"

namespace rushes::media {

// A packed picture in memory (GRAY8, RGB24, BGR24 or RGBA): rows of
// width * bytes-per-pixel, no padding.
struct Image {
    int width = 0;
    int height = 0;
    AVPixelFormat format = AV_PIX_FMT_NONE;
    std::vector<std::uint8_t> pixels;

    [[nodiscard]] int bytesPerPixel() const noexcept;
    [[nodiscard]] int stride() const noexcept { return width * bytesPerPixel(); }
};

enum class ScalePath {
    Auto,      // the cheapest path that keeps quality: area-averaged planes when shrinking 8-bit YUV
    Swscale,   // libswscale (bicubic), the reference
};

struct ImageSpec {
    int width = 0;   // 0: derived from height and the display aspect ratio
    int height = 0;  // 0: derived from width; both 0 keeps the decoded size
    AVPixelFormat format = AV_PIX_FMT_RGB24;
    ScalePath path = ScalePath::Auto;
};

// Converts decoded frames to a requested size and packed format. Keeps its
// scaler contexts between calls, so converting a stream costs one setup.
//
// Why a second path beside swscale: a serial swscale from 1080p to 320 px
// costs about a quarter of the decode time on two cores. Shrinking the 8-bit
// planes with OpenCV's SIMD area filter first, then converting colour on the
// small picture, costs a fraction of that at the same quality for downscales
// (bench/decode prints both).
class FrameConverter {
public:
    Image convert(const AVFrame& frame, const ImageSpec& spec);

    // The output size for a frame: honours the sample aspect ratio.
    static void outputSize(const AVFrame& frame, const ImageSpec& spec, int& width, int& height);

private:
    Image convertWithSwscale(const AVFrame& frame, int width, int height, AVPixelFormat format);
    Image convertByAreaPlanes(const AVFrame& frame, int width, int height, AVPixelFormat format);

    SwsContextPtr sws_;
    std::vector<std::uint8_t> small_planes_;
};

}  // namespace rushes::media
