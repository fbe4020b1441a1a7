// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/export_test_support.h"

#include <fmt/format.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace rushes::test {
namespace fs = std::filesystem;

std::string runPython(const std::string& script, const fs::path& file) {
    // The script goes through a file and the path through the environment, so no shell quoting is involved.
    static int counter = 0;
    const fs::path script_path =
        fs::temp_directory_path() / fmt::format("rushes-export-check-{}-{}.py", ::getpid(), counter++);
    {
        std::ofstream out(script_path);
        out << script;
    }
    ::setenv("RUSHES_TEST_FILE", file.c_str(), 1);
    const std::string command = fmt::format("{} \"{}\"", RUSHES_TEST_PYTHON, script_path.string());
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot start python");
    std::string output;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    const int status = ::pclose(pipe);
    fs::remove(script_path);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error("python could not read " + file.string() + ":\n" + output);
    }
    return output;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> splitFields(const std::string& line, char separator) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t at = line.find(separator); at != std::string::npos; at = line.find(separator, start)) {
        fields.push_back(line.substr(start, at - start));
        start = at + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

std::string smpteLabel(int64_t frames, int nominal_fps, bool drop_frame) {
    if (drop_frame) {
        // Add back the labels skipped so far, then count as if nothing were dropped.
        const int64_t dropped = nominal_fps / 15;  // 2 at 30, 4 at 60
        const int64_t per_ten_minutes = 600 * nominal_fps - 9 * dropped;
        const int64_t per_minute = 60 * nominal_fps - dropped;
        const int64_t tens = frames / per_ten_minutes;
        const int64_t rest = frames % per_ten_minutes;
        frames += 9 * dropped * tens + (rest > dropped ? dropped * ((rest - dropped) / per_minute) : 0);
    }
    const int64_t f = frames % nominal_fps;
    const int64_t s = frames / nominal_fps % 60;
    const int64_t m = frames / nominal_fps / 60 % 60;
    const int64_t h = frames / nominal_fps / 3600;
    return fmt::format("{:02}:{:02}:{:02}{}{:02}", h, m, s, drop_frame ? ';' : ':', f);
}

int64_t smpteFrames(int64_t hours, int64_t minutes, int64_t seconds, int64_t frames, int nominal_fps, bool drop_frame) {
    const int64_t total_minutes = hours * 60 + minutes;
    int64_t count = ((hours * 60 + minutes) * 60 + seconds) * nominal_fps + frames;
    if (drop_frame) count -= (nominal_fps / 15) * (total_minutes - total_minutes / 10);
    return count;
}

const std::vector<RateCase>& rateCases() {
    static const std::vector<RateCase> cases = {
        {"23.976", TimecodeRate::Fps23_976, "24", "TRUE", "1001/24000s"},
        {"25", TimecodeRate::Fps25, "25", "FALSE", "1/25s"},
        {"29.97 DF", TimecodeRate::Fps29_97DF, "30", "TRUE", "1001/30000s"},
        {"50", TimecodeRate::Fps50, "50", "FALSE", "1/50s"},
        {"59.94 DF", TimecodeRate::Fps59_94DF, "60", "TRUE", "1001/60000s"},
    };
    return cases;
}

exporting::Timeline sampleTimeline(const TimecodeRate& rate) {
    using exporting::SourceMedia;
    using exporting::TimelineClip;
    const int n = rate.nominalFps();
    const bool df = rate.drop_frame;
    exporting::Timeline timeline;
    timeline.name = "Match day selects";
    timeline.rate = rate;
    timeline.record_start = Timecode::fromFrames(smpteFrames(1, 0, 0, 0, n, df), rate);

    SourceMedia camera_a;
    camera_a.asset_id = "asset-a";
    camera_a.path = "/media/Card A/DCIM/A001 clip#1.MOV";
    camera_a.frame_rate = rate.rate;
    camera_a.start = Timecode::fromFrames(smpteFrames(10, 0, 0, 0, n, df), rate);
    camera_a.has_embedded_timecode = true;
    camera_a.duration_frames = int64_t(20) * 60 * n;
    camera_a.reel = "A001";
    camera_a.width = 1920;
    camera_a.height = 1080;
    camera_a.audio_channels = 2;
    camera_a.audio_sample_rate = 48000;

    SourceMedia camera_b = camera_a;
    camera_b.asset_id = "asset-b";
    camera_b.path = "/media/Card B/MVI_0002.MP4";
    camera_b.start = Timecode::fromFrames(smpteFrames(0, 50, 0, 0, n, df), rate);
    camera_b.reel = "Card B roll 2";
    camera_b.audio_channels = 1;

    SourceMedia recorder;
    recorder.asset_id = "asset-c";
    recorder.path = "/media/Recorder/ZOOM0001.WAV";
    recorder.frame_rate = rate.rate;
    recorder.start = Timecode::fromFrames(0, rate);
    recorder.reel = "ZOOM0001";
    recorder.has_video = false;
    recorder.audio_channels = 2;
    recorder.audio_sample_rate = 48000;
    recorder.duration_frames = int64_t(30) * n;

    const size_t a = timeline.addSource(camera_a);
    const size_t b = timeline.addSource(camera_b);
    const size_t c = timeline.addSource(recorder);

    TimelineClip first;
    first.source = a;
    first.name = "A001 clip#1.MOV";
    first.segment_id = "segment-1";
    first.kind = "highlight";
    first.rating = 5;
    first.tags = {"goal", "Penalty, saved"};
    first.note = "keeper dives \"left\"\nthen cheers";
    first.source_in = int64_t(10) * 60 * n - 7;  // 7 frames of count before the 10th minute
    first.source_out = first.source_in + 3 * n + 4;
    timeline.append(first);

    TimelineClip second;
    second.source = b;
    second.name = "MVI_0002.MP4";
    second.segment_id = "segment-2";
    second.kind = "shot";
    second.tags = {"=HYPERLINK(\"x\")"};
    second.source_in = int64_t(60) * n - 3;  // across 00:51:00, whose first labels DF skips
    second.source_out = second.source_in + 5 * n;
    timeline.append(second);

    TimelineClip third;
    third.source = c;
    third.name = "ZOOM0001.WAV";
    third.segment_id = "segment-3";
    third.kind = "manual";
    third.source_in = 0;
    third.source_out = n;
    timeline.append(third);

    TimelineClip fourth = first;
    fourth.segment_id = "segment-4";
    fourth.tags = {};
    fourth.note.reset();
    fourth.rating.reset();
    fourth.source_in = 123;
    fourth.source_out = 456;
    timeline.append(fourth);
    timeline.validate();
    return timeline;
}

ScratchFolder::ScratchFolder() {
    std::random_device random;
    path_ = fs::temp_directory_path() / fmt::format("rushes-export-test-{}-{}", ::getpid(), random());
    fs::create_directories(path_);
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

}  // namespace rushes::test
