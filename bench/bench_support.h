// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace rushes::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// A 1080p25 long-GOP H.264 camera-like clip (16 Mbit/s, GOP 50, 3 B-frames),
// made once in the temp folder and reused.
std::filesystem::path cameraClip(int seconds, bool with_audio);

// Wall time of an ffmpeg command line (arguments after `ffmpeg -hide_banner -loglevel error`).
double timeFfmpeg(const std::string& arguments);

}  // namespace rushes::bench
