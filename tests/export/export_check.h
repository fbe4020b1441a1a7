// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Independent checks of an exported file: decode it with FFmpeg and compare it frame by frame with the
// source range, read its packet timestamps, count its audio samples.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

#include "time/rational.h"

namespace rushes::test {

struct FrameComparison {
    std::int64_t pts = 0;    // output presentation time, output time base
    bool identical = false;  // same decoded picture (hash of every plane)
    double psnr_db = 0;      // over all planes; +inf when identical
};

struct ClipComparison {
    std::int64_t output_frames = 0;
    std::vector<FrameComparison> frames;  // output frame i against source frame in + i
};

// Decodes `output` and the source frames [in_frame, out_frame) in lockstep.
ClipComparison compareWithSource(const std::filesystem::path& output, const std::filesystem::path& source,
                                 std::int64_t in_frame, std::int64_t out_frame);

// PSNR of two pictures of the same size: over every plane when the formats match (8-16 bit samples),
// else over luma only; 0 when the sizes differ.
double psnr(const AVFrame& a, const AVFrame& b);

struct StreamPackets {
    int index = 0;
    int type = -1;  // AVMediaType
    Rational time_base{1, 1};
    std::vector<std::int64_t> pts;  // decode order
    std::vector<std::int64_t> dts;
    std::vector<std::int64_t> duration;
};
std::vector<StreamPackets> readPackets(const std::filesystem::path& file);

// Samples per channel of the file's main audio stream, decoded (edit lists applied by FFmpeg).
std::int64_t decodedAudioSamples(const std::filesystem::path& file);

// Runs `body` in a child process that has its own user and mount namespaces, with a fresh tmpfs of
// `size_kib` KiB mounted on `folder` (read-only when asked), so a test can make a full disk or a read-only
// folder without root. Returns what `body` returned, or nothing when this kernel does not allow
// unprivileged namespaces (the caller then says so and skips).
std::optional<std::string> inPrivateTmpfs(const std::filesystem::path& folder, int size_kib, bool read_only,
                                          const std::function<std::string()>& body);

// A scratch folder removed at the end of the test.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace rushes::test
