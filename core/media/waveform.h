// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <vector>

namespace rushes::media {

// Min/max of the mono mix per bucket: what an overview strip draws. A bucket
// of 10 ms keeps a 9-hour file under 7 MB of peaks.
struct WaveformPeaks {
    int sample_rate = 0;
    std::int64_t samples_per_bucket = 0;
    std::int64_t total_samples = 0;
    std::vector<float> min;
    std::vector<float> max;
};

using ProgressCallback = std::function<void(double fraction)>;

WaveformPeaks computeWaveform(const std::filesystem::path& path, std::int64_t bucket_duration_us,
                              std::stop_token stop = {}, const ProgressCallback& progress = {});

}  // namespace rushes::media
