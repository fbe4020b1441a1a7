// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/qc_detector.h"

#include <cmath>
#include <functional>

namespace rushes::analysis {
namespace {

std::vector<FrameRun> runsWhere(const std::vector<FrameFeatures>& frames, std::int64_t min_frames,
                                const std::function<bool(std::size_t)>& inside, std::int64_t start_offset) {
    std::vector<FrameRun> runs;
    std::size_t i = 0;
    while (i < frames.size()) {
        if (!inside(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < frames.size() && inside(j)) ++j;
        const std::int64_t start = std::max<std::int64_t>(0, frames[i].index + start_offset);
        const std::int64_t end = frames[j - 1].index + 1;
        if (end - start >= min_frames) runs.push_back({start, end});
        i = j;
    }
    return runs;
}

std::int64_t framesFor(double seconds, double fps) { return static_cast<std::int64_t>(std::ceil(seconds * fps - 1e-9)); }

}  // namespace

std::vector<FrameRun> detectBlack(const std::vector<FrameFeatures>& frames, double frame_rate_fps,
                                  const VideoQcParameters& parameters) {
    return runsWhere(
        frames, framesFor(parameters.min_black_seconds, frame_rate_fps),
        [&](std::size_t i) { return frames[i].dark_fraction >= parameters.black_picture_fraction; }, 0);
}

std::vector<FrameRun> detectFreezes(const std::vector<FrameFeatures>& frames, double frame_rate_fps,
                                    const VideoQcParameters& parameters) {
    // A still frame matches the run's first frame, which is the frame before
    // the first still one: the run starts one frame earlier.
    return runsWhere(
        frames, framesFor(parameters.min_freeze_seconds, frame_rate_fps),
        [&](std::size_t i) {
            auto still = [&](std::size_t k) { return k > 0 && frames[k].still_delta <= parameters.freeze_noise; };
            if (still(i)) return true;
            return i > 1 && i + 1 < frames.size() && still(i - 1) && still(i + 1) &&
                   frames[i].still_delta <= parameters.keyframe_step;
        },
        -1);
}

}  // namespace rushes::analysis
