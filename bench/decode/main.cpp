// SPDX-License-Identifier: GPL-3.0-or-later
// bench_decode: our decoder's throughput against `ffmpeg -threads 0 -f null`
// on the same 1080p H.264 file in the same run, the cost of converting each
// frame to a 320 px working copy (swscale vs the area-plane path), and the
// latency of random frame-accurate seeks.
//
//   bench_decode [FILE]     (without FILE, a 1080p25 long-GOP clip is generated)
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "bench_support.h"
#include "media/frame_converter.h"
#include "media/video_decoder.h"

namespace fs = std::filesystem;
using namespace rushes;
using bench::Clock;
using bench::median;
using bench::secondsSince;

namespace {

fs::path benchClip() { return bench::cameraClip(60, false); }

double ffmpegNullDecode(const fs::path& file) {
    return bench::timeFfmpeg("-threads 0 -i \"" + file.string() + "\" -f null -");
}

struct DecodeRun {
    double seconds = 0;
    std::int64_t frames = 0;
};

DecodeRun ourDecode(const fs::path& file, const media::ImageSpec* convert_to) {
    const auto start = Clock::now();
    media::VideoDecoder decoder(file);
    media::FrameConverter converter;
    DecodeRun run;
    std::size_t checksum = 0;
    while (auto frame = decoder.next()) {
        if (convert_to) checksum += converter.convert(*frame->frame, *convert_to).pixels[0];
        ++run.frames;
    }
    run.seconds = secondsSince(start);
    if (checksum == 1) fmt::print("");  // keep the conversion from being optimised away
    return run;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

}  // namespace

int run(int argc, char** argv) {
    const fs::path file = argc > 1 ? fs::path(argv[1]) : benchClip();
    constexpr int kRounds = 3;
    std::vector<double> baseline, plain, swscale, area, swscale_rgb, area_rgb;
    std::int64_t frames = 0;
    const media::ImageSpec to_swscale{320, 0, AV_PIX_FMT_GRAY8, media::ScalePath::Swscale};
    const media::ImageSpec to_area{320, 0, AV_PIX_FMT_GRAY8, media::ScalePath::Auto};
    const media::ImageSpec to_swscale_rgb{320, 0, AV_PIX_FMT_RGB24, media::ScalePath::Swscale};
    const media::ImageSpec to_area_rgb{320, 0, AV_PIX_FMT_RGB24, media::ScalePath::Auto};
    // Interleave the runs so that machine noise hits every variant alike.
    for (int round = 0; round < kRounds; ++round) {
        baseline.push_back(ffmpegNullDecode(file));
        const DecodeRun run = ourDecode(file, nullptr);
        plain.push_back(run.seconds);
        frames = run.frames;
        swscale.push_back(ourDecode(file, &to_swscale).seconds);
        area.push_back(ourDecode(file, &to_area).seconds);
        swscale_rgb.push_back(ourDecode(file, &to_swscale_rgb).seconds);
        area_rgb.push_back(ourDecode(file, &to_area_rgb).seconds);
    }
    const double base = median(baseline), ours = median(plain);
    fmt::print("\nfile: {} ({} frames)\n", file.string(), frames);
    fmt::print("{:<44} {:>9} {:>9} {:>12}\n", "decode", "seconds", "fps", "vs baseline");
    fmt::print("{:<44} {:>9.3f} {:>9.1f} {:>12}\n", "ffmpeg -threads 0 -f null (baseline)", base, frames / base, "1.00");
    fmt::print("{:<44} {:>9.3f} {:>9.1f} {:>12.2f}   (throughput ratio, target >= 0.95)\n", "rushes VideoDecoder",
               ours, frames / ours, base / ours);
    auto cost = [&](const char* label, const std::vector<double>& runs) {
        fmt::print("{:<44} {:>9.3f} {:>9.1f} {:>+11.1f}%  (cost over our decode)\n", label, median(runs),
                   frames / median(runs), 100.0 * (median(runs) / ours - 1.0));
    };
    cost("  + swscale bicubic to 320 px gray", swscale);
    cost("  + area-plane path to 320 px gray", area);
    cost("  + swscale bicubic to 320 px RGB", swscale_rgb);
    cost("  + area-plane path to 320 px RGB", area_rgb);

    // Seek latency: index once (as the catalog will cache it), then random frame-accurate seeks.
    media::VideoDecoder decoder(file);
    const auto index_start = Clock::now();
    const std::int64_t count = decoder.index().frameCount();
    const double index_seconds = secondsSince(index_start);
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::int64_t> pick(0, count - 1);
    std::vector<double> latency_ms;
    for (int i = 0; i < 60; ++i) {
        const std::int64_t target = pick(rng);
        const auto start = Clock::now();
        const media::VideoFrame frame = decoder.seek(target);
        latency_ms.push_back(secondsSince(start) * 1000.0);
        if (frame.index != target) {
            fmt::print(stderr, "seek({}) returned frame {}\n", target, frame.index);
            return 1;
        }
    }
    fmt::print("\nframe index: {} frames in {:.3f} s (one demux pass, no decoding)\n", count, index_seconds);
    fmt::print("random frame-accurate seek over {} seeks: p50 {:.1f} ms, p95 {:.1f} ms, max {:.1f} ms\n",
               latency_ms.size(), percentile(latency_ms, 0.5), percentile(latency_ms, 0.95),
               *std::max_element(latency_ms.begin(), latency_ms.end()));
    return 0;
}

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_decode: {}\n", error.what());
        return 1;
    }
}
