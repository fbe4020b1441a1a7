// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csv_writer.h"

#include <vector>

#include "export/export_text.h"

namespace rushes::exporting {

namespace {
void appendRow(std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csvField(fields[i]);
    }
    out += "\r\n";
}

const char* counting(const TimecodeRate& rate) {
    return rate.drop_frame ? "DF" : "NDF";
}
}  // namespace

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string spreadsheetText(std::string_view text) {
    std::string valid = validUtf8(text);
    if (!valid.empty() && std::string_view("=+-@\t\r").find(valid.front()) != std::string_view::npos) {
        valid.insert(valid.begin(), '\'');
    }
    return valid;
}

std::string writeCsv(const Timeline& timeline) {
    timeline.validate();
    std::string out;
    appendRow(out, {"event",
                    "segment_id",
                    "clip_name",
                    "source_file",
                    "reel",
                    "kind",
                    "rating",
                    "tags",
                    "note",
                    "source_frame_rate",
                    "source_timecode_format",
                    "source_in",
                    "source_out",
                    "record_frame_rate",
                    "record_timecode_format",
                    "record_in",
                    "record_out",
                    "source_in_frame",
                    "source_out_frame",
                    "record_in_frame",
                    "record_out_frame",
                    "duration_frames"});
    for (size_t i = 0; i < timeline.clips.size(); ++i) {
        const TimelineClip& clip = timeline.clips[i];
        const SourceMedia& source = timeline.sourceOf(clip);
        std::string tags;
        for (const auto& tag : clip.tags) {
            if (!tags.empty()) tags += "; ";
            tags += tag;
        }
        appendRow(out, {std::to_string(i + 1),
                        clip.segment_id,
                        spreadsheetText(clip.name),
                        spreadsheetText(source.path.string()),
                        spreadsheetText(source.reel),
                        clip.kind,
                        clip.rating ? std::to_string(*clip.rating) : "",
                        spreadsheetText(tags),
                        spreadsheetText(clip.note.value_or("")),
                        Rational::make(source.frame_rate.num, source.frame_rate.den).toString(),
                        counting(source.start.rate()),
                        timeline.sourceTimecode(clip, clip.source_in).toString(),
                        timeline.sourceTimecode(clip, clip.source_out).toString(),
                        Rational::make(timeline.rate.rate.num, timeline.rate.rate.den).toString(),
                        counting(timeline.rate),
                        timeline.recordTimecode(clip.record_in).toString(),
                        timeline.recordTimecode(clip.record_out).toString(),
                        std::to_string(clip.source_in),
                        std::to_string(clip.source_out),
                        std::to_string(clip.record_in),
                        std::to_string(clip.record_out),
                        std::to_string(clip.recordFrames())});
    }
    return out;
}

}  // namespace rushes::exporting
