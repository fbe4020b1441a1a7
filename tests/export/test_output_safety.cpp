// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <stop_token>

#include "base/error.h"
#include "export/clip_export.h"
#include "export/export_check.h"
#include "support/fixtures.h"

using namespace rushes;
using exporting::ClipSource;
using exporting::ExportMode;

namespace {

std::vector<std::string> folderEntries(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

exporting::ExportOptions to(const std::filesystem::path& output) {
    exporting::ExportOptions options;
    options.output = output;
    return options;
}

// Exports and describes the outcome as "ok" or "<kind>: <message>", for checks across a process boundary.
std::string attempt(const ClipSource& source, std::int64_t in, std::int64_t out, ExportMode mode,
                    const std::filesystem::path& output) {
    try {
        (void)exporting::exportClip(source, exporting::clipOfFrames(source, in, out), mode, to(output));
        return "ok";
    } catch (const Error& error) {
        return std::string(toString(error.kind())) + ": " + error.what();
    }
}

}  // namespace

TEST_CASE("a finished export leaves exactly the output file in its folder", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    for (const ExportMode mode : {ExportMode::Copy, ExportMode::Smart, ExportMode::Encode}) {
        const std::string name = std::string(toString(mode)) + ".mp4";
        (void)exporting::exportClip(source, exporting::clipOfFrames(source, 20, 70), mode, to(dir / name));
    }
    CHECK(folderEntries(dir.path()) == std::vector<std::string>{"copy.mp4", "encode.mp4", "smart.mp4"});
}

TEST_CASE("an existing output is kept unless replacing is allowed", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    std::ofstream(dir / "taken.mp4") << "keep me";
    try {
        (void)exporting::exportClip(source, exporting::clipOfFrames(source, 0, 10), ExportMode::Smart,
                                    to(dir / "taken.mp4"));
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Conflict);
        CHECK(std::string(error.what()).find("taken.mp4") != std::string::npos);
    }
    CHECK(std::filesystem::file_size(dir / "taken.mp4") == 7);
    auto options = to(dir / "taken.mp4");
    options.existing = exporting::ExistingOutput::Replace;
    (void)exporting::exportClip(source, exporting::clipOfFrames(source, 0, 10), ExportMode::Smart, options);
    CHECK(std::filesystem::file_size(dir / "taken.mp4") > 7);
    CHECK(folderEntries(dir.path()) == std::vector<std::string>{"taken.mp4"});
}

TEST_CASE("a cancelled export stops and leaves nothing behind", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    for (const ExportMode mode : {ExportMode::Copy, ExportMode::Smart, ExportMode::Encode}) {
        INFO("mode " << toString(mode));
        std::stop_source stop;
        double stopped_at = -1;
        try {
            (void)exporting::exportClip(source, exporting::clipOfFrames(source, 13, 240), mode,
                                        to(dir / "cancelled.mp4"), stop.get_token(), [&](double fraction) {
                                            if (fraction > 0.3 && !stop.stop_requested()) {
                                                stopped_at = fraction;
                                                stop.request_stop();
                                            }
                                        });
            FAIL("the export finished despite the stop request");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::Cancelled);
        }
        CHECK(stopped_at > 0.3);
        CHECK(stopped_at < 1.0);
        CHECK(folderEntries(dir.path()).empty());
    }
}

TEST_CASE("an output folder that is missing or not a folder is reported before any work", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    std::ofstream(dir / "a_file") << "x";
    CHECK(attempt(source, 0, 10, ExportMode::Smart, dir / "missing" / "out.mp4") ==
          "io: " + (dir / "missing").string() + ": the output folder does not exist");
    CHECK(attempt(source, 0, 10, ExportMode::Smart, dir / "a_file" / "out.mp4") ==
          "io: " + (dir / "a_file").string() + ": the output folder is not a folder");
}

TEST_CASE("an unwritable output folder is a clear error and leaves nothing", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto folder = dir / "locked";
    std::filesystem::create_directories(folder);
    std::string outcome;
    if (::geteuid() != 0) {
        std::filesystem::permissions(folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        outcome = attempt(source, 0, 10, ExportMode::Smart, folder / "out.mp4");
        std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
        CHECK(outcome.find("Permission denied") != std::string::npos);
    } else {
        // Root ignores permission bits: a read-only mount is what stops root from writing.
        const auto result = test::inPrivateTmpfs(folder, 1024, true, [&] {
            return attempt(source, 0, 10, ExportMode::Smart, folder / "out.mp4") + "|" +
                   std::to_string(std::distance(std::filesystem::directory_iterator(folder), {}));
        });
        if (!result) {
            WARN("this kernel allows no unprivileged user namespaces: the read-only folder case is not run");
            return;
        }
        outcome = *result;
        CHECK(outcome.find("Read-only file system") != std::string::npos);
        CHECK(outcome.ends_with("|0"));
    }
    CHECK(outcome.starts_with("io: " + folder.string() + ": cannot write in the output folder"));
    CHECK(folderEntries(folder).empty());
}

TEST_CASE("a full disk is reported as such and the partial file is removed", "[export]") {
    const ClipSource source = ClipSource::open(test::fixturePath("h264_longgop.mp4"));
    test::ScratchDir dir;
    const auto folder = dir / "small";
    std::filesystem::create_directories(folder);
    for (const ExportMode mode : {ExportMode::Copy, ExportMode::Smart, ExportMode::Encode}) {
        INFO("mode " << toString(mode));
        // 10 s of the fixture is about 1 MB; the disk holds 256 KiB.
        const auto result = test::inPrivateTmpfs(folder, 256, false, [&] {
            return attempt(source, 0, 250, mode, folder / "big.mp4") + "|" +
                   std::to_string(std::distance(std::filesystem::directory_iterator(folder), {}));
        });
        if (!result) {
            WARN("this kernel allows no unprivileged user namespaces: the full-disk case is not run");
            return;
        }
        CHECK(*result == "io: " + (folder / "big.mp4").string() + ": the disk is full (No space left on device)|0");
    }
}
