// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <nlohmann/json.hpp>

#include "export/csv_writer.h"
#include "export/export_test_support.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {
// Python's csv module reads the file; every record must end with CRLF (quoted line breaks inside a field
// excepted), as RFC 4180 asks.
constexpr const char* kReadCsv = R"py(
import csv, json, os
path = os.environ["RUSHES_TEST_FILE"]
with open(path, "rb") as f:
    raw = f.read()
assert raw.endswith(b"\r\n")
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
assert len({len(row) for row in rows}) == 1, "rows differ in length"
print(json.dumps(rows))
)py";
}  // namespace

TEST_CASE("CSV has one RFC 4180 row per clip with exact frames and timecode at every rate", "[export]") {
    test::ScratchFolder folder;
    for (const auto& rate_case : test::rateCases()) {
        INFO(rate_case.name);
        const int n = rate_case.rate.nominalFps();
        const bool df = rate_case.rate.drop_frame;
        const auto timeline = test::sampleTimeline(rate_case.rate);
        const auto file = folder.path() / "list.csv";
        std::ofstream(file, std::ios::binary) << writeCsv(timeline);
        const auto rows = nlohmann::json::parse(test::runPython(kReadCsv, file));
        REQUIRE(rows.size() == 5);
        const auto& header = rows[0];
        const auto column = [&](const std::string& name) {
            for (size_t i = 0; i < header.size(); ++i) {
                if (header[i] == name) return i;
            }
            FAIL("no column " << name);
            return size_t(0);
        };
        const auto& first = rows[1];
        const int64_t a0 = test::smpteFrames(10, 0, 0, 0, n, df), rec0 = test::smpteFrames(1, 0, 0, 0, n, df);
        const int64_t in1 = int64_t(600) * n - 7, len1 = 3 * n + 4;
        CHECK(first[column("event")] == "1");
        CHECK(first[column("segment_id")] == "segment-1");
        CHECK(first[column("clip_name")] == "A001 clip#1.MOV");
        CHECK(first[column("source_file")] == "/media/Card A/DCIM/A001 clip#1.MOV");
        CHECK(first[column("reel")] == "A001");
        CHECK(first[column("kind")] == "highlight");
        CHECK(first[column("rating")] == "5");
        CHECK(first[column("tags")] == "goal; Penalty, saved");
        CHECK(first[column("note")] == "keeper dives \"left\"\nthen cheers");
        CHECK(first[column("source_frame_rate")] ==
              Rational::make(rate_case.rate.rate.num, rate_case.rate.rate.den).toString());
        CHECK(first[column("source_timecode_format")] == (df ? "DF" : "NDF"));
        CHECK(first[column("source_in")] == test::smpteLabel(a0 + in1, n, df));
        CHECK(first[column("source_out")] == test::smpteLabel(a0 + in1 + len1, n, df));
        CHECK(first[column("record_in")] == test::smpteLabel(rec0, n, df));
        CHECK(first[column("record_out")] == test::smpteLabel(rec0 + len1, n, df));
        CHECK(first[column("source_in_frame")] == std::to_string(in1));
        CHECK(first[column("source_out_frame")] == std::to_string(in1 + len1));
        CHECK(first[column("record_out_frame")] == std::to_string(len1));
        CHECK(first[column("duration_frames")] == std::to_string(len1));
        // A tag that a spreadsheet would run as a formula is shown as text.
        CHECK(rows[2][column("tags")] == "'=HYPERLINK(\"x\")");
        CHECK(rows[3][column("rating")] == "");
        CHECK(rows[4][column("event")] == "4");
    }
}

TEST_CASE("CSV fields are quoted only when RFC 4180 needs it", "[export]") {
    CHECK(csvField("plain text") == "plain text");
    CHECK(csvField("a,b") == "\"a,b\"");
    CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvField("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(spreadsheetText("=1+1") == "'=1+1");
    CHECK(spreadsheetText("@SUM(A1)") == "'@SUM(A1)");
    CHECK(spreadsheetText("-foul") == "'-foul");
    CHECK(spreadsheetText("goal") == "goal");
}
