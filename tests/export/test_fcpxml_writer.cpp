// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <nlohmann/json.hpp>

#include "export/export_test_support.h"
#include "export/fcpxml_writer.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {
// Python's ElementTree and exact Fractions: every time must be "Ns" or "N/Ds" and a whole number of frames of
// the rate it is counted in (sequence times of the sequence format, clip starts of the asset's format); the
// spine must be gapless from tcStart. Prints frame counts and a few raw strings as JSON.
constexpr const char* kReadFcpxml = R"py(
import json, os, re, xml.etree.ElementTree as ET
from fractions import Fraction
root = ET.parse(os.environ["RUSHES_TEST_FILE"]).getroot()
assert root.tag == "fcpxml" and root.get("version") == "1.9", root.attrib
def t(text):
    m = re.fullmatch(r"(\d+)(?:/(\d+))?s", text)
    assert m, "not an FCPXML time: " + text
    value = Fraction(int(m.group(1)), int(m.group(2) or 1))
    assert str(value.numerator) == m.group(1), "not reduced: " + text
    return value
def frames(value, duration):
    count = value / duration
    assert count.denominator == 1, "%s is not on the %s grid" % (value, duration)
    return count.numerator
formats = {f.get("id"): t(f.get("frameDuration")) for f in root.find("resources").findall("format")}
format_names = {f.get("id"): f.get("name") for f in root.find("resources").findall("format")}
assets = {}
for a in root.find("resources").findall("asset"):
    rep = a.find("media-rep")
    assert rep is not None and rep.get("kind") == "original-media"
    fd = formats[a.get("format")] if a.get("format") else None
    reel = a.find("metadata/md[@key='com.apple.proapps.studio.reel']")
    assets[a.get("id")] = {"src": rep.get("src"), "start": a.get("start"), "format": a.get("format"),
                           "frame_duration": fd, "reel": reel.get("value"), "hasVideo": a.get("hasVideo"),
                           "hasAudio": a.get("hasAudio"), "audioChannels": a.get("audioChannels")}
seq = root.find("library/event/project/sequence")
seq_fd = formats[seq.get("format")]
tc_start = t(seq.get("tcStart"))
position = tc_start
clips = []
for clip in seq.find("spine"):
    assert clip.tag == "asset-clip", clip.tag
    asset = assets[clip.get("ref")]
    offset, start, duration = t(clip.get("offset")), t(clip.get("start")), t(clip.get("duration"))
    assert offset == position, "the spine has a gap or an overlap"
    position += duration
    children = [c.tag for c in clip]
    assert children == sorted(children, key=lambda tag: tag != "note"), "note must come first"
    clip_fd = asset["frame_duration"] or seq_fd
    keywords = clip.findall("keyword")
    for k in keywords:
        assert t(k.get("start")) == start
        frames(t(k.get("duration")), clip_fd)
    clips.append({"name": clip.get("name"), "offset": frames(offset, seq_fd), "start": frames(start, clip_fd),
                  "duration": frames(duration, seq_fd), "tcFormat": clip.get("tcFormat"),
                  "src": asset["src"], "reel": asset["reel"], "asset_start": frames(t(asset["start"]), clip_fd),
                  "keywords": [k.get("value") for k in keywords],
                  "note": clip.find("note").text if clip.find("note") is not None else None})
print(json.dumps({"frame_duration": seq.get("format") and str(seq_fd), "tcStart": seq.get("tcStart"),
                  "tcStart_frames": frames(tc_start, seq_fd), "tcFormat": seq.get("tcFormat"),
                  "duration": frames(t(seq.get("duration")), seq_fd), "format_name": format_names[seq.get("format")],
                  "clips": clips}))
)py";
}  // namespace

TEST_CASE("FCPXML times are exact rationals on the frame grid at every rate", "[export]") {
    test::ScratchFolder folder;
    for (const auto& rate_case : test::rateCases()) {
        INFO(rate_case.name);
        const int n = rate_case.rate.nominalFps();
        const bool df = rate_case.rate.drop_frame;
        const auto timeline = test::sampleTimeline(rate_case.rate);
        const auto file = folder.path() / "list.fcpxml";
        std::ofstream(file) << writeFcpxml(timeline);
        const auto doc = nlohmann::json::parse(test::runPython(kReadFcpxml, file));

        CHECK(doc["frame_duration"].get<std::string>() + "s" == rate_case.frame_duration);
        CHECK(doc["tcStart_frames"] == test::smpteFrames(1, 0, 0, 0, n, df));
        CHECK(doc["tcFormat"] == (df ? "DF" : "NDF"));
        CHECK(doc["duration"] == timeline.durationFrames());
        const int64_t a0 = test::smpteFrames(10, 0, 0, 0, n, df), b0 = test::smpteFrames(0, 50, 0, 0, n, df);
        const int64_t rec0 = test::smpteFrames(1, 0, 0, 0, n, df);
        const int64_t in1 = int64_t(600) * n - 7, len1 = 3 * n + 4, in2 = int64_t(60) * n - 3, len2 = 5 * n;
        using Row = std::tuple<std::string, int64_t, int64_t, int64_t>;  // name, offset, start, duration (frames)
        const std::vector<Row> expected = {
            {"A001 clip#1.MOV", rec0, a0 + in1, len1},
            {"MVI_0002.MP4", rec0 + len1, b0 + in2, len2},
            {"ZOOM0001.WAV", rec0 + len1 + len2, 0, n},
            {"A001 clip#1.MOV", rec0 + len1 + len2 + n, a0 + 123, 333},
        };
        std::vector<Row> found;
        for (const auto& clip : doc["clips"])
            found.emplace_back(clip["name"], clip["offset"], clip["start"], clip["duration"]);
        CHECK(found == expected);
        const auto& first = doc["clips"][0];
        CHECK(first["asset_start"] == a0);
        CHECK(first["tcFormat"] == (df ? "DF" : "NDF"));
        CHECK(first["src"] == "file:///media/Card%20A/DCIM/A001%20clip%231.MOV");
        CHECK(first["reel"] == "A001");
        CHECK(first["keywords"] == std::vector<std::string>{"goal", "Penalty, saved"});
        CHECK(first["note"] == "keeper dives \"left\" then cheers");
        CHECK(doc["clips"][1]["reel"] == "Card B roll 2");
    }
}

TEST_CASE("FCPXML writes known times in their reduced form", "[export]") {
    CHECK(fcpxmlTime(Rational{0, 1}) == "0s");
    CHECK(fcpxmlTime(Rational{3600, 1}) == "3600s");
    CHECK(fcpxmlTime(Rational{1001, 30000}) == "1001/30000s");
    CHECK(fcpxmlTime(Rational{30030, 30000}) == "1001/1000s");
    // 01:00:00;00 at 29.97 DF is frame 107892: 107892 * 1001/30000 s.
    CHECK(fcpxmlTime(Rational{107892 * 1001, 30000}) == "8999991/2500s");
    const auto df = test::sampleTimeline(TimecodeRate::Fps29_97DF);
    const std::string xml = writeFcpxml(df);
    CHECK(xml.find("tcStart=\"8999991/2500s\"") != std::string::npos);
    CHECK(xml.find("name=\"FFVideoFormat1080p2997\"") != std::string::npos);
    CHECK(writeFcpxml(test::sampleTimeline(TimecodeRate::Fps25)).find("tcStart=\"3600s\"") != std::string::npos);
    // 01:00:00:00 at 23.976 is 86400 frames of 1001/24000 s.
    CHECK(writeFcpxml(test::sampleTimeline(TimecodeRate::Fps23_976)).find("tcStart=\"18018/5s\"") != std::string::npos);
}
