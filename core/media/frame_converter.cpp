// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/frame_converter.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "base/error.h"

namespace rushes::media {
namespace {

int evenAtLeastTwo(int value) { return std::max(2, value & ~1); }

// OpenCV's SIMD area filter only takes its fast path for whole-number factors
// (1920 → 256 is 7.5× and costs ~4 ms a frame; 1920 → 320 is 6× and costs
// a fraction of that). The largest factor ≤ the wanted one that divides the
// luma and chroma sizes exactly, or 1 when there is none.
int wholeShrinkFactor(int src_w, int src_h, int dst_w, int dst_h, const AVPixFmtDescriptor& desc) {
    const int chroma_w = AV_CEIL_RSHIFT(src_w, desc.log2_chroma_w);
    const int chroma_h = AV_CEIL_RSHIFT(src_h, desc.log2_chroma_h);
    for (int k = std::min(src_w / std::max(1, dst_w), src_h / std::max(1, dst_h)); k >= 2; --k) {
        if (src_w % k == 0 && src_h % k == 0 && chroma_w % k == 0 && chroma_h % k == 0) return k;
    }
    return 1;
}

bool isEightBitPlanarYuv(AVPixelFormat format) {
    switch (format) {
        case AV_PIX_FMT_YUV420P:
        case AV_PIX_FMT_YUVJ420P:
        case AV_PIX_FMT_YUV422P:
        case AV_PIX_FMT_YUVJ422P:
        case AV_PIX_FMT_YUV444P:
        case AV_PIX_FMT_YUVJ444P: return true;
        default: return false;
    }
}

bool isFullRange(const AVFrame& frame) {
    const auto format = static_cast<AVPixelFormat>(frame.format);
    return frame.color_range == AVCOL_RANGE_JPEG || format == AV_PIX_FMT_YUVJ420P ||
           format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
}

const int* colorspaceCoefficients(const AVFrame& frame) {
    switch (frame.colorspace) {
        case AVCOL_SPC_BT709: return sws_getCoefficients(SWS_CS_ITU709);
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL: return sws_getCoefficients(SWS_CS_BT2020);
        case AVCOL_SPC_SMPTE240M: return sws_getCoefficients(SWS_CS_SMPTE240M);
        case AVCOL_SPC_FCC: return sws_getCoefficients(SWS_CS_FCC);
        case AVCOL_SPC_UNSPECIFIED:
            // Untagged HD is BT.709 in practice, untagged SD is BT.601.
            return sws_getCoefficients(frame.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601);
        default: return sws_getCoefficients(SWS_CS_ITU601);
    }
}

}  // namespace

int Image::bytesPerPixel() const noexcept {
    switch (format) {
        case AV_PIX_FMT_GRAY8: return 1;
        case AV_PIX_FMT_RGB24:
        case AV_PIX_FMT_BGR24: return 3;
        case AV_PIX_FMT_RGBA:
        case AV_PIX_FMT_BGRA: return 4;
        default: return 0;
    }
}

void FrameConverter::outputSize(const AVFrame& frame, const ImageSpec& spec, int& width, int& height) {
    const AVRational sar = frame.sample_aspect_ratio.num > 0 ? frame.sample_aspect_ratio : AVRational{1, 1};
    // Display width of the decoded picture in square pixels.
    const double display_width = static_cast<double>(frame.width) * sar.num / sar.den;
    if (spec.width > 0 && spec.height > 0) {
        width = spec.width;
        height = spec.height;
    } else if (spec.width > 0) {
        width = spec.width;
        height = static_cast<int>(spec.width * frame.height / display_width + 0.5);
    } else if (spec.height > 0) {
        height = spec.height;
        width = static_cast<int>(spec.height * display_width / frame.height + 0.5);
    } else {
        width = static_cast<int>(display_width + 0.5);
        height = frame.height;
    }
    width = std::max(1, width);
    height = std::max(1, height);
}

Image FrameConverter::convert(const AVFrame& frame, const ImageSpec& spec) {
    int width = 0;
    int height = 0;
    outputSize(frame, spec, width, height);
    const auto source = static_cast<AVPixelFormat>(frame.format);
    const bool shrinking = width * 2 <= frame.width && height * 2 <= frame.height;
    if (spec.path == ScalePath::Auto && shrinking && isEightBitPlanarYuv(source)) {
        return convertByAreaPlanes(frame, width, height, spec.format);
    }
    return convertWithSwscale(frame, width, height, spec.format);
}

Image FrameConverter::convertWithSwscale(const AVFrame& frame, int width, int height, AVPixelFormat format) {
    const auto source = static_cast<AVPixelFormat>(frame.format);
    sws_.reset(sws_getCachedContext(sws_.release(), frame.width, frame.height, source, width, height, format,
                                    SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr,
                                    nullptr));
    if (!sws_) {
        throw Error(ErrorKind::Unsupported, av_get_pix_fmt_name(source) ? av_get_pix_fmt_name(source) : "frame",
                    "no conversion to the requested picture format");
    }
    const int* coefficients = colorspaceCoefficients(frame);
    sws_setColorspaceDetails(sws_.get(), coefficients, isFullRange(frame) ? 1 : 0, coefficients, 1, 0, 1 << 16,
                             1 << 16);
    Image image{width, height, format, {}};
    image.pixels.resize(static_cast<std::size_t>(image.stride()) * height);
    std::uint8_t* dst[4] = {image.pixels.data(), nullptr, nullptr, nullptr};
    int dst_stride[4] = {image.stride(), 0, 0, 0};
    sws_scale(sws_.get(), frame.data, frame.linesize, 0, frame.height, dst, dst_stride);
    return image;
}

Image FrameConverter::convertByAreaPlanes(const AVFrame& frame, int width, int height, AVPixelFormat format) {
    const auto source = static_cast<AVPixelFormat>(frame.format);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(source);
    const cv::Mat luma(frame.height, frame.width, CV_8UC1, frame.data[0], static_cast<size_t>(frame.linesize[0]));
    if (format == AV_PIX_FMT_GRAY8) {
        Image image{width, height, format, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
        cv::Mat out(height, width, CV_8UC1, image.pixels.data());
        const int k = wholeShrinkFactor(frame.width, frame.height, width, height, *desc);
        if (k > 1 && (frame.width / k != width || frame.height / k != height)) {
            cv::Mat shrunk;
            cv::resize(luma, shrunk, cv::Size(frame.width / k, frame.height / k), 0, 0, cv::INTER_AREA);
            cv::resize(shrunk, out, out.size(), 0, 0, cv::INTER_AREA);
        } else {
            cv::resize(luma, out, out.size(), 0, 0, cv::INTER_AREA);
        }
        if (!isFullRange(frame)) {
            // Studio range 16..235 to full range, as swscale does for GRAY8.
            static const cv::Mat expand = [] {
                cv::Mat lut(1, 256, CV_8UC1);
                for (int v = 0; v < 256; ++v) lut.at<std::uint8_t>(v) = cv::saturate_cast<std::uint8_t>((v - 16) * 255.0 / 219.0 + 0.5);
                return lut;
            }();
            cv::LUT(out, expand, out);
        }
        return image;
    }
    // Shrink the three planes to a small YUV picture of the same subsampling,
    // then let swscale convert colour on a picture a few dozen times smaller.
    // With a whole factor, the planes shrink exactly by it and swscale does the
    // last small step together with the colour conversion.
    const int k = wholeShrinkFactor(frame.width, frame.height, width, height, *desc);
    const int small_w = k > 1 ? frame.width / k : desc->log2_chroma_w ? evenAtLeastTwo(width) : width;
    const int small_h = k > 1 ? frame.height / k : desc->log2_chroma_h ? evenAtLeastTwo(height) : height;
    const int chroma_w = AV_CEIL_RSHIFT(small_w, desc->log2_chroma_w);
    const int chroma_h = AV_CEIL_RSHIFT(small_h, desc->log2_chroma_h);
    small_planes_.resize(static_cast<std::size_t>(small_w) * small_h + 2 * static_cast<std::size_t>(chroma_w) * chroma_h);
    AVFrame small{};
    small.width = small_w;
    small.height = small_h;
    small.format = frame.format;
    small.color_range = frame.color_range;
    small.colorspace = frame.colorspace;
    small.data[0] = small_planes_.data();
    small.data[1] = small.data[0] + static_cast<std::size_t>(small_w) * small_h;
    small.data[2] = small.data[1] + static_cast<std::size_t>(chroma_w) * chroma_h;
    small.linesize[0] = small_w;
    small.linesize[1] = small.linesize[2] = chroma_w;
    cv::Mat small_luma(small_h, small_w, CV_8UC1, small.data[0]);
    cv::resize(luma, small_luma, small_luma.size(), 0, 0, cv::INTER_AREA);
    const int src_chroma_w = AV_CEIL_RSHIFT(frame.width, desc->log2_chroma_w);
    const int src_chroma_h = AV_CEIL_RSHIFT(frame.height, desc->log2_chroma_h);
    for (int plane = 1; plane <= 2; ++plane) {
        const cv::Mat src(src_chroma_h, src_chroma_w, CV_8UC1, frame.data[plane], static_cast<size_t>(frame.linesize[plane]));
        cv::Mat dst(chroma_h, chroma_w, CV_8UC1, small.data[plane]);
        cv::resize(src, dst, dst.size(), 0, 0, cv::INTER_AREA);
    }
    return convertWithSwscale(small, width, height, format);
}

}  // namespace rushes::media
