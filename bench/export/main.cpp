// SPDX-License-Identifier: GPL-3.0-or-later
// bench_export: how long a 60 s clip takes to export from a long-GOP 1080p25 H.264 camera file in each mode —
// copy, smart cut, and a full re-encode of the same range with the encoder settings smart mode uses for its
// edges (libx264 fast, CRF 16: preset h264-master) — the smart/full ratio, the frame index build that every
// mode starts from, and how fast a stop request ends a smart cut.
//
//   bench_export [FILE]     (without FILE, a 600 s 1080p25 clip with audio is generated, or reused from the temp
//   folder)
#include <fmt/core.h>

#include <filesystem>
#include <optional>
#include <stop_token>

#include "base/error.h"
#include "bench_support.h"
#include "export/clip_export.h"
#include "export/encode_export.h"

namespace fs = std::filesystem;
using namespace rushes;
using bench::Clock;
using bench::secondsSince;

namespace {

struct Timed {
    double seconds = 0;
    exporting::ExportReport report;
};

Timed run(const exporting::ClipSource& source, const exporting::ResolvedClip& clip, exporting::ExportMode mode,
          const fs::path& output, const std::string& preset = {}) {
    exporting::ExportOptions options;
    options.output = output;
    options.existing = exporting::ExistingOutput::Replace;
    options.preset = preset;
    const auto start = Clock::now();
    Timed timed;
    timed.report = exporting::exportClip(source, clip, mode, options);
    timed.seconds = secondsSince(start);
    return timed;
}

// Seconds from a stop request (made once the export is `at` done) to the export's return.
double stopLatency(const exporting::ClipSource& source, const exporting::ResolvedClip& clip, const fs::path& output,
                   double at) {
    std::stop_source stop;
    std::optional<Clock::time_point> requested;
    exporting::ExportOptions options;
    options.output = output;
    options.existing = exporting::ExistingOutput::Replace;
    try {
        (void)exporting::exportClip(source, clip, exporting::ExportMode::Smart, options, stop.get_token(),
                                    [&](double f) {
                                        if (f >= at && !requested) {
                                            requested = Clock::now();
                                            stop.request_stop();
                                        }
                                    });
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::Cancelled) throw;
    }
    return requested ? std::chrono::duration<double>(Clock::now() - *requested).count() : -1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const fs::path file = argc > 1 ? fs::path(argv[1]) : bench::cameraClip(600, true);
        const fs::path out_dir = fs::temp_directory_path() / "rushes-bench-export";
        fs::create_directories(out_dir);

        auto start = Clock::now();
        const auto source = exporting::ClipSource::open(file);
        const double index_seconds = secondsSince(start);
        const double file_seconds = (Rational::make(source.frameCount(), 1) / source.frameRate()).toDouble();
        // 60 s that start and end mid-GOP: 1013 is 13 frames into a GOP of 50.
        const std::int64_t in = std::min<std::int64_t>(1013, source.frameCount() / 4);
        const std::int64_t out = std::min<std::int64_t>(in + 1500, source.frameCount() - 7);
        const auto clip = exporting::clipOfFrames(source, in, out);
        const double clip_seconds = clip.duration().toDouble();
        fmt::print("source {} ({:.0f} s, {} frames); clip frames {}–{} ({:.1f} s)\n", file.string(), file_seconds,
                   source.frameCount(), in, out, clip_seconds);
        fmt::print("frame index (probe + demux of the whole file): {:.2f} s\n", index_seconds);

        const Timed copy = run(source, clip, exporting::ExportMode::Copy, out_dir / "copy.mp4");
        fmt::print("copy:        {:6.2f} s  ({:.0f}x real time; frames {}–{})\n", copy.seconds,
                   clip_seconds / copy.seconds, copy.report.in_frame, copy.report.out_frame);
        const Timed smart = run(source, clip, exporting::ExportMode::Smart, out_dir / "smart.mp4");
        fmt::print("smart cut:   {:6.2f} s  ({:.0f}x real time; {} frames copied, {} re-encoded)\n", smart.seconds,
                   clip_seconds / smart.seconds, smart.report.copied_frames, smart.report.encoded_frames);
        const Timed full = run(source, clip, exporting::ExportMode::Encode, out_dir / "full.mp4", "h264-master");
        fmt::print("full encode: {:6.2f} s  ({:.1f}x real time; h264-master = the edges' settings)\n", full.seconds,
                   clip_seconds / full.seconds);
        fmt::print("smart cut is {:.1f}x faster than re-encoding the same range\n", full.seconds / smart.seconds);
        fmt::print("stop request to return, smart cut at 50%: {:.0f} ms\n",
                   1000 * stopLatency(source, clip, out_dir / "stopped.mp4", 0.5));
        fs::remove_all(out_dir);
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_export: {}\n", error.what());
        return 1;
    }
}
