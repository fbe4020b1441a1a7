// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <vector>

#include "media/frame_converter.h"
#include "time/rational.h"

namespace rushes::media {

struct Thumbnail {
    std::int64_t pts = 0;
    Rational time_base{1, 1};
    std::int64_t frame_index = -1;  // exact frame number; -1 on the keyframe path
    Image image;
};

enum class ThumbnailPath {
    Keyframes,  // nearest keyframe at or before each time: ~40x real time, no index needed
    Exact,      // exactly the evenly spaced frames: builds the frame index first
};

struct ThumbnailRequest {
    int count = 8;
    int width = 320;
    AVPixelFormat format = AV_PIX_FMT_RGB24;
    ThumbnailPath path = ThumbnailPath::Keyframes;
};

struct ThumbnailSet {
    Thumbnail poster;                 // the most detailed of the evenly spaced ones: never a black or flat frame
    std::vector<Thumbnail> evenly_spaced;
};

using ThumbnailProgress = std::function<void(double fraction)>;

ThumbnailSet makeThumbnails(const std::filesystem::path& path, const ThumbnailRequest& request,
                            std::stop_token stop = {}, const ThumbnailProgress& progress = {});

}  // namespace rushes::media
