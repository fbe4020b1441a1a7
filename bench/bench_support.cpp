// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_support.h"

#include <fmt/core.h>

#include <cstdlib>
#include <stdexcept>

namespace rushes::bench {

std::filesystem::path cameraClip(int seconds, bool with_audio) {
    const auto path = std::filesystem::temp_directory_path() /
                      fmt::format("rushes-bench-1080p25-h264-{}s{}.mp4", seconds, with_audio ? "-audio" : "");
    if (std::filesystem::exists(path)) return path;
    fmt::print("generating {} ({} s 1080p25 H.264, 16 Mbit/s, GOP 50, 3 B-frames{})...\n", path.string(), seconds,
               with_audio ? ", stereo AAC" : "");
    // Film-grain noise keeps the bitrate at a camera's level instead of a test pattern's few kbit/s.
    const std::string audio =
        with_audio ? fmt::format("-f lavfi -i anoisesrc=d={}:c=pink:a=0.1 -c:a aac -b:a 192k ", seconds) : "";
    const std::string command = fmt::format(
        "ffmpeg -hide_banner -loglevel error -y -f lavfi "
        "-i testsrc2=size=1920x1080:rate=25:duration={},noise=alls=10:allf=t,format=yuv420p {}"
        "-c:v libx264 -preset veryfast -b:v 16M -maxrate 16M -bufsize 32M -g 50 -bf 3 \"{}.tmp.mp4\" && "
        "mv \"{}.tmp.mp4\" \"{}\"",
        seconds, audio, path.string(), path.string(), path.string());
    if (std::system(command.c_str()) != 0) throw std::runtime_error("ffmpeg could not make the benchmark clip");
    return path;
}

double timeFfmpeg(const std::string& arguments) {
    const std::string command = "ffmpeg -hide_banner -loglevel error " + arguments;
    const auto start = Clock::now();
    if (std::system(command.c_str()) != 0) throw std::runtime_error("ffmpeg failed: " + command);
    return secondsSince(start);
}

}  // namespace rushes::bench
