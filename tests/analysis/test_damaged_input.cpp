// SPDX-License-Identifier: GPL-3.0-or-later
// A file with corrupt packets mid-stream gives a partial result marked as such, never a crash.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>

#include "analysis/file_analysis.h"
#include "catalog_test_support.h"

extern "C" {
#include <libavutil/log.h>
}

using namespace rushes;
namespace fs = std::filesystem;

namespace {

// 20 s of 25 fps H.264, then 40 runs of 200 random bytes written over its middle third.
fs::path damagedCopy(const fs::path& folder, const std::string& extension) {
    const fs::path clean = folder / ("clean" + extension);
    const std::string command = "ffmpeg -v error -y -f lavfi -i testsrc2=s=640x360:r=25:d=20 -c:v libx264 -threads 1 "
                                "-g 50 -pix_fmt yuv420p -fflags +bitexact \"" + clean.string() + "\"";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(clean, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::mt19937 rng(5);
    const std::size_t third = bytes.size() / 3;
    std::uniform_int_distribution<std::size_t> where(third, 2 * third);
    std::uniform_int_distribution<int> value(0, 255);
    for (int run = 0; run < 40; ++run) {
        const std::size_t at = where(rng);
        for (std::size_t i = at; i < std::min(bytes.size(), at + 200); ++i) bytes[i] = static_cast<char>(value(rng));
    }
    const fs::path damaged = folder / ("damaged" + extension);
    std::ofstream(damaged, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return damaged;
}

}  // namespace

TEST_CASE("corrupt packets mid-stream give a partial result marked as such", "[analysis]") {
    av_log_set_level(AV_LOG_QUIET);  // the decoder's concealment messages are expected here
    test::TempDir dir;
    for (const std::string extension : {".mp4", ".ts"}) {
        INFO(extension);
        const fs::path damaged = damagedCopy(dir.path(), extension);
        const analysis::FileAnalysis clean = analysis::analyzeFile(dir.path() / ("clean" + extension));
        CHECK_FALSE(clean.video.partial);
        CHECK(clean.video.frames == 500);

        analysis::FileAnalysis result;
        REQUIRE_NOTHROW(result = analysis::analyzeFile(damaged));
        CHECK(result.video.partial);
        CHECK(result.video.damaged_packets + result.video.damaged_frames > 0);
        // What could be decoded is kept: the damage costs a few frames, not the file.
        CHECK(result.video.frames > 450);
        CHECK(result.video.features.size() == static_cast<std::size_t>(result.video.frames));
    }
}
