// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/timeline.h"

namespace rushes::test {

// Runs python3 (Python's own csv / json / xml.etree: readers that are not ours) on `script`, with the file to
// read in the environment variable RUSHES_TEST_FILE. Returns what the script printed; throws if it failed.
[[nodiscard]] std::string runPython(const std::string& script, const std::filesystem::path& file);
[[nodiscard]] std::vector<std::string> splitLines(const std::string& text);
[[nodiscard]] std::vector<std::string> splitFields(const std::string& line, char separator = '|');

// SMPTE labels from frame counts and back by the published drop-frame arithmetic (SMPTE 12M: two labels
// dropped per minute at 30, four at 60, except every tenth minute), written here apart from core/time so a
// test compares two independent computations.
[[nodiscard]] std::string smpteLabel(int64_t frames, int nominal_fps, bool drop_frame);
[[nodiscard]] int64_t smpteFrames(int64_t hours, int64_t minutes, int64_t seconds, int64_t frames, int nominal_fps,
                                  bool drop_frame);

struct RateCase {
    const char* name;
    TimecodeRate rate;
    const char* xmeml_timebase;  // as FCP7 XML writes it
    const char* xmeml_ntsc;
    const char* frame_duration;  // as FCPXML writes it
};
// 23.976, 25, 29.97 DF, 50 and 59.94 DF.
[[nodiscard]] const std::vector<RateCase>& rateCases();

// Four clips on one timeline at `rate`, starting at 01:00:00:00: camera A (10:00:00:00, stereo; a file name
// with a space and '#'), camera B (00:50:00:00, mono, reel "Card B roll 2"), an audio-only recorder, and A
// again. Clip 1 crosses the 10-minute label of its source and carries tags with a comma and a note with a
// quote and a line break; clip 2 crosses a minute label (the dropped ones at DF) and has a tag that looks
// like a spreadsheet formula.
[[nodiscard]] exporting::Timeline sampleTimeline(const TimecodeRate& rate);

// A folder under the temp dir, removed with its contents.
class ScratchFolder {
public:
    ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    ~ScratchFolder();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace rushes::test
