// SPDX-License-Identifier: GPL-3.0-or-later
// bench_analysis: full analysis wall time ÷ `ffmpeg -threads 0 -i F -f null -`
// wall time on the same file in the same run (target ≤ 1.1), frames/s, peak
// RSS, and FFmpeg's scdet on the same file for comparison.
//
//   bench_analysis [FILE]   (default: a generated 10-minute 1080p25 H.264 clip with audio)
#include <fmt/core.h>
#include <sys/resource.h>

#include "analysis/video_analysis.h"
#include "bench_support.h"

using namespace rushes;

int main(int argc, char** argv) {
    try {
        const std::filesystem::path file = argc > 1 ? std::filesystem::path(argv[1]) : bench::cameraClip(600, true);
        const std::string quoted = fmt::format("\"{}\"", file.string());  // GCC 12 -Wrestrict false positive on operator+
        const double baseline = bench::timeFfmpeg("-threads 0 -i " + quoted + " -f null -");
        const double scdet = bench::timeFfmpeg("-threads 0 -i " + quoted + " -vf scdet -an -f null -");
        const auto start = bench::Clock::now();
        const analysis::VideoAnalysis video = analysis::analyzeVideo(file);
        const double ours = bench::secondsSince(start);
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        fmt::print("file: {} ({} frames)\n", file.string(), video.frames);
        fmt::print("{:<46} {:>8.2f} s  ratio 1.00\n", "ffmpeg -threads 0 -f null (baseline)", baseline);
        fmt::print("{:<46} {:>8.2f} s  ratio {:.2f}\n", "ffmpeg scdet (full resolution)", scdet, scdet / baseline);
        fmt::print("{:<46} {:>8.2f} s  ratio {:.2f}  ({:.0f} frames/s; target <= 1.1)\n",
                   "rushes analysis (video: shots, flashes, QC)", ours, ours / baseline, video.frames / ours);
        fmt::print("peak RSS {:.0f} MiB; {} cuts, {} flashes, {} black, {} frozen runs\n", usage.ru_maxrss / 1024.0,
                   video.cuts.size(), video.flashes.size(), video.black.size(), video.freezes.size());
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_analysis: {}\n", error.what());
        return 1;
    }
}
