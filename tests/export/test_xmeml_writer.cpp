// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "export/export_test_support.h"
#include "export/xmeml_writer.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {
// Python's ElementTree reads the document: it must be well-formed, every <file id> reference must have one
// full definition and every link must point at a clipitem. Prints what a reader sees, as JSON.
constexpr const char* kReadXmeml = R"py(
import json, os, xml.etree.ElementTree as ET
root = ET.parse(os.environ["RUSHES_TEST_FILE"]).getroot()
assert root.tag == "xmeml" and root.get("version") == "5", root.attrib
seq = root.find("sequence")
def rate(e):
    return [e.find("rate/timebase").text, e.find("rate/ntsc").text]
def timecode(tc):
    reel = tc.find("reel/name")
    return {"rate": rate(tc), "string": tc.find("string").text, "frame": int(tc.find("frame").text),
            "displayformat": tc.find("displayformat").text, "reel": reel.text if reel is not None else None}
files = {}
for f in root.iter("file"):
    if f.find("name") is not None:
        assert f.get("id") not in files, "file defined twice"
        files[f.get("id")] = {"name": f.find("name").text, "pathurl": f.find("pathurl").text, "rate": rate(f),
                              "duration": int(f.find("duration").text), "timecode": timecode(f.find("timecode")),
                              "video": f.find("media/video") is not None,
                              "channels": int(f.find("media/audio/channelcount").text)
                                          if f.find("media/audio") is not None else 0}
clips, ids, links = [], set(), []
for kind in ("video", "audio"):
    for index, track in enumerate(seq.find("media/" + kind).findall("track"), 1):
        for item in track.findall("clipitem"):
            ids.add(item.get("id"))
            links += [l.text for l in item.iter("linkclipref")]
            assert item.find("file").get("id") in files
            comments = item.find("comments")
            clips.append({"track": kind + str(index), "name": item.find("name").text,
                          "start": int(item.find("start").text), "end": int(item.find("end").text),
                          "in": int(item.find("in").text), "out": int(item.find("out").text), "rate": rate(item),
                          "file": item.find("file").get("id"),
                          "comments": [c.text for c in comments] if comments is not None else []})
assert all(link in ids for link in links), "a link points nowhere"
tc = seq.find("timecode")
print(json.dumps({"name": seq.find("name").text, "duration": int(seq.find("duration").text), "rate": rate(seq),
                  "timecode": timecode(tc), "clips": clips, "files": files}))
)py";
}  // namespace

TEST_CASE("FCP7 XML carries rate, start timecode and every clip's frames at every rate", "[export]") {
    test::ScratchFolder folder;
    for (const auto& rate_case : test::rateCases()) {
        INFO(rate_case.name);
        const int n = rate_case.rate.nominalFps();
        const bool df = rate_case.rate.drop_frame;
        const auto timeline = test::sampleTimeline(rate_case.rate);
        const auto file = folder.path() / "list.xml";
        std::ofstream(file) << writeXmeml(timeline);
        const auto doc = nlohmann::json::parse(test::runPython(kReadXmeml, file));

        const std::vector<std::string> rate = {rate_case.xmeml_timebase, rate_case.xmeml_ntsc};
        CHECK(doc["name"] == "Match day selects");
        CHECK(doc["rate"] == rate);
        CHECK(doc["duration"] == timeline.durationFrames());
        CHECK(doc["timecode"]["frame"] == test::smpteFrames(1, 0, 0, 0, n, df));
        CHECK(doc["timecode"]["string"] == (df ? "01:00:00;00" : "01:00:00:00"));
        CHECK(doc["timecode"]["displayformat"] == (df ? "DF" : "NDF"));

        const auto& camera_a = doc["files"]["file-1"];
        CHECK(camera_a["pathurl"] == "file://localhost/media/Card%20A/DCIM/A001%20clip%231.MOV");
        CHECK(camera_a["timecode"]["frame"] == test::smpteFrames(10, 0, 0, 0, n, df));
        CHECK(camera_a["timecode"]["string"] == test::smpteLabel(test::smpteFrames(10, 0, 0, 0, n, df), n, df));
        CHECK(camera_a["timecode"]["reel"] == "A001");
        CHECK(camera_a["timecode"]["rate"] == rate);
        CHECK(camera_a["duration"] == 1200 * n);
        CHECK(camera_a["channels"] == 2);
        CHECK(doc["files"]["file-2"]["timecode"]["string"] ==
              test::smpteLabel(test::smpteFrames(0, 50, 0, 0, n, df), n, df));
        CHECK(doc["files"]["file-2"]["timecode"]["reel"] == "Card B roll 2");
        CHECK(doc["files"]["file-3"]["video"] == false);

        // (track, file, in, out, start, end) per clipitem, in document order.
        const int64_t in1 = int64_t(600) * n - 7, len1 = 3 * n + 4, in2 = int64_t(60) * n - 3, len2 = 5 * n;
        const int64_t r2 = len1, r3 = r2 + len2, r4 = r3 + n;
        using Row = std::tuple<std::string, std::string, int64_t, int64_t, int64_t, int64_t>;
        const std::vector<Row> expected = {
            {"video1", "file-1", in1, in1 + len1, 0, r2},
            {"video1", "file-2", in2, in2 + len2, r2, r3},
            {"video1", "file-1", 123, 456, r4, r4 + 333},
            {"audio1", "file-1", in1, in1 + len1, 0, r2},
            {"audio1", "file-2", in2, in2 + len2, r2, r3},
            {"audio1", "file-3", 0, n, r3, r4},
            {"audio1", "file-1", 123, 456, r4, r4 + 333},
            {"audio2", "file-1", in1, in1 + len1, 0, r2},
            {"audio2", "file-3", 0, n, r3, r4},
            {"audio2", "file-1", 123, 456, r4, r4 + 333},
        };
        std::vector<Row> found;
        for (const auto& clip : doc["clips"]) {
            found.emplace_back(clip["track"], clip["file"], clip["in"], clip["out"], clip["start"], clip["end"]);
            CHECK(clip["rate"] == rate);
        }
        CHECK(found == expected);
        CHECK(doc["clips"][0]["comments"] ==
              std::vector<std::string>{"goal, Penalty, saved", "keeper dives \"left\" then cheers", "Rating 5/5"});
    }
}

TEST_CASE("FCP7 XML refuses a rate it cannot express", "[export]") {
    Timeline timeline = test::sampleTimeline(TimecodeRate::Fps25);
    const TimecodeRate odd{Rational{25, 2}, false};
    timeline.rate = odd;
    timeline.record_start = Timecode::fromFrames(0, odd);
    for (auto& source : timeline.sources) {
        source.frame_rate = odd.rate;
        source.start = Timecode::fromFrames(0, odd);
    }
    CHECK_THROWS_AS(writeXmeml(timeline), Error);
}
