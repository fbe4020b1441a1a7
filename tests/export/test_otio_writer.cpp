// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <nlohmann/json.hpp>

#include "export/export_test_support.h"
#include "export/otio_writer.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {
// Python's json module loads the file; every object with an OTIO_SCHEMA must name one of the schemas and
// versions below, and every rate must be the double nearest to an exact frame rate. Prints the structure.
constexpr const char* kReadOtio = R"py(
import json, os
from fractions import Fraction
ALLOWED = {"Timeline.1", "Stack.1", "Track.1", "Clip.2", "Gap.1", "ExternalReference.1", "RationalTime.1",
           "TimeRange.1"}
with open(os.environ["RUSHES_TEST_FILE"], encoding="utf-8") as f:
    doc = json.load(f)
seen = set()
def walk(node):
    if isinstance(node, dict):
        if "OTIO_SCHEMA" in node:
            assert node["OTIO_SCHEMA"] in ALLOWED, node["OTIO_SCHEMA"]
            seen.add(node["OTIO_SCHEMA"])
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
walk(doc)
def rate(rt):
    assert rt["OTIO_SCHEMA"] == "RationalTime.1"
    exact = Fraction(rt["rate"]).limit_denominator(100000)
    assert float(exact) == rt["rate"], "rate is not the nearest double to %s" % exact
    assert rt["value"] == int(rt["value"]), "not a whole frame"
    return str(exact)
tracks = []
for track in doc["tracks"]["children"]:
    items = []
    for item in track["children"]:
        r = item["source_range"]
        entry = {"schema": item["OTIO_SCHEMA"], "name": item["name"], "start": int(r["start_time"]["value"]),
                 "start_rate": rate(r["start_time"]), "duration": int(r["duration"]["value"]),
                 "duration_rate": rate(r["duration"])}
        if item["OTIO_SCHEMA"] == "Clip.2":
            ref = item["media_references"][item["active_media_reference_key"]]
            available = ref["available_range"]
            entry.update({"url": ref["target_url"], "available_start": int(available["start_time"]["value"]),
                          "available_duration": int(available["duration"]["value"]),
                          "reel": item["metadata"]["cmx_3600"]["reel"], "tags": item["metadata"]["rushes"]["tags"],
                          "note": item["metadata"]["rushes"]["note"], "segment": item["metadata"]["rushes"]["segment_id"]})
        items.append(entry)
    tracks.append({"name": track["name"], "kind": track["kind"], "items": items})
print(json.dumps({"schema": doc["OTIO_SCHEMA"], "name": doc["name"], "seen": sorted(seen),
                  "global_start": int(doc["global_start_time"]["value"]), "global_rate": rate(doc["global_start_time"]),
                  "stack": doc["tracks"]["OTIO_SCHEMA"], "tracks": tracks}))
)py";
}  // namespace

TEST_CASE("OpenTimelineIO JSON loads, names only known schemas and carries exact frames at every rate", "[export]") {
    test::ScratchFolder folder;
    for (const auto& rate_case : test::rateCases()) {
        INFO(rate_case.name);
        const int n = rate_case.rate.nominalFps();
        const bool df = rate_case.rate.drop_frame;
        const auto timeline = test::sampleTimeline(rate_case.rate);
        const auto file = folder.path() / "list.otio";
        std::ofstream(file) << writeOtio(timeline);
        const auto doc = nlohmann::json::parse(test::runPython(kReadOtio, file));

        const std::string exact_rate = Rational::make(rate_case.rate.rate.num, rate_case.rate.rate.den).den == 1
                                           ? std::to_string(rate_case.rate.rate.num)
                                           : rate_case.rate.rate.toString();
        CHECK(doc["schema"] == "Timeline.1");
        CHECK(doc["stack"] == "Stack.1");
        CHECK(doc["seen"] == std::vector<std::string>{"Clip.2", "ExternalReference.1", "Gap.1", "RationalTime.1",
                                                      "Stack.1", "TimeRange.1", "Timeline.1", "Track.1"});
        CHECK(doc["global_start"] == test::smpteFrames(1, 0, 0, 0, n, df));
        CHECK(doc["global_rate"] == exact_rate);
        REQUIRE(doc["tracks"].size() == 2);
        CHECK(doc["tracks"][0]["kind"] == "Video");
        CHECK(doc["tracks"][1]["kind"] == "Audio");

        const int64_t a0 = test::smpteFrames(10, 0, 0, 0, n, df), b0 = test::smpteFrames(0, 50, 0, 0, n, df);
        const int64_t in1 = int64_t(600) * n - 7, len1 = 3 * n + 4, in2 = int64_t(60) * n - 3, len2 = 5 * n;
        using Row = std::tuple<std::string, int64_t, int64_t>;  // schema, source start (TC frames), duration
        const std::vector<Row> video = {
            {"Clip.2", a0 + in1, len1}, {"Clip.2", b0 + in2, len2}, {"Gap.1", 0, n}, {"Clip.2", a0 + 123, 333}};
        const std::vector<Row> audio = {
            {"Clip.2", a0 + in1, len1}, {"Clip.2", b0 + in2, len2}, {"Clip.2", 0, n}, {"Clip.2", a0 + 123, 333}};
        for (const auto& [index, expected] : {std::pair{0, video}, std::pair{1, audio}}) {
            std::vector<Row> found;
            for (const auto& item : doc["tracks"][index]["items"]) {
                found.emplace_back(item["schema"], item["start"], item["duration"]);
                CHECK(item["start_rate"] == exact_rate);
                CHECK(item["duration_rate"] == exact_rate);
            }
            CHECK(found == expected);
        }
        const auto& first = doc["tracks"][0]["items"][0];
        CHECK(first["url"] == "file:///media/Card%20A/DCIM/A001%20clip%231.MOV");
        CHECK(first["available_start"] == a0);
        CHECK(first["available_duration"] == 1200 * n);
        CHECK(first["reel"] == "A001");
        CHECK(first["tags"] == std::vector<std::string>{"goal", "Penalty, saved"});
        CHECK(first["note"] == "keeper dives \"left\"\nthen cheers");
        CHECK(first["segment"] == "segment-1");
        CHECK(doc["tracks"][0]["items"][1]["reel"] == "CARD_B_R");
    }
}
