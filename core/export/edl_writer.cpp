// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/edl_writer.h"

#include <fmt/format.h>

#include <set>

#include "base/error.h"
#include "export/export_text.h"

namespace rushes::exporting {

namespace {
constexpr size_t kReelLength = 8;
constexpr size_t kMaxEvents = 999;
constexpr size_t kMaxTitleLength = 70;

std::string cmxReel(const std::string& reel) {
    std::string out;
    for (char c : reel) {
        if (c >= 'a' && c <= 'z')
            out += char(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            out += c;
        else if ((c == ' ' || c == '-' || c == '.') && !out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.substr(0, kReelLength);
}

const char* fcm(bool drop_frame) {
    return drop_frame ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME";
}

std::string label(const Timecode& timecode) {
    return timecode.wrapped24().toString();
}
}  // namespace

std::vector<std::string> cmxReelNames(const Timeline& timeline) {
    std::vector<std::string> names;
    std::set<std::string> used;
    for (size_t i = 0; i < timeline.sources.size(); ++i) {
        std::string base = cmxReel(timeline.sources[i].reel);
        if (base.empty()) base = fmt::format("SRC{:03}", i + 1);
        std::string name = base;
        for (size_t n = 2; used.contains(name); ++n) {
            const std::string suffix = fmt::format("_{}", n);
            name = base.substr(0, std::min(base.size(), kReelLength - suffix.size())) + suffix;
        }
        used.insert(name);
        names.push_back(std::move(name));
    }
    return names;
}

std::string cmxChannels(const SourceMedia& source) {
    const std::string audio = source.audio_channels >= 2 ? "AA" : source.audio_channels == 1 ? "A" : "";
    if (!source.has_video) return audio.empty() ? "A" : audio;
    if (audio.empty()) return "V";
    return audio == "A" ? "B" : "AA/V";
}

std::string writeEdl(const Timeline& timeline) {
    timeline.validate();
    if (timeline.clips.size() > kMaxEvents) {
        throw Error(ErrorKind::InvalidArgument, "EDL " + timeline.name,
                    fmt::format("CMX3600 numbers events 001-999 and this list has {}; split it or use another "
                                "format (fcpxml, xmeml, otio)",
                                timeline.clips.size()));
    }
    const int nominal = timeline.rate.nominalFps();
    for (const TimelineClip& clip : timeline.clips) {
        const SourceMedia& source = timeline.sourceOf(clip);
        if (source.start.rate().nominalFps() != nominal) {
            throw Error(ErrorKind::InvalidArgument, "EDL " + timeline.name,
                        fmt::format("{} counts timecode at {} fps and the list at {}; CMX3600 holds one rate per "
                                    "list, so export this one as fcpxml, xmeml or otio, or one EDL per rate",
                                    source.fileName(), source.start.rate().nominalFps(), nominal));
        }
    }
    const auto reels = cmxReelNames(timeline);

    std::string title = singleLine(timeline.name);
    if (title.size() > kMaxTitleLength) title.resize(kMaxTitleLength);
    std::string out = fmt::format("TITLE: {}\n{}\n", title, fcm(timeline.rate.drop_frame));
    bool counting_drop = timeline.rate.drop_frame;
    for (size_t i = 0; i < timeline.clips.size(); ++i) {
        const TimelineClip& clip = timeline.clips[i];
        const SourceMedia& source = timeline.sourceOf(clip);
        out += '\n';
        if (source.start.rate().drop_frame != counting_drop) {
            counting_drop = source.start.rate().drop_frame;
            out += fmt::format("{}\n", fcm(counting_drop));
        }
        // Columns as CMX3600 fixes them: event 1-3, reel 6-13, channels 15-19, edit type 21, source in 30.
        out += fmt::format(
            "{:03}  {:<8} {:<5} C        {} {} {} {}\n", i + 1, reels[clip.source], cmxChannels(source),
            label(timeline.sourceTimecode(clip, clip.source_in)), label(timeline.sourceTimecode(clip, clip.source_out)),
            label(timeline.recordTimecode(clip.record_in)), label(timeline.recordTimecode(clip.record_out)));
        out += fmt::format("* FROM CLIP NAME:  {}\n", singleLine(clip.name));
        out += fmt::format("* SOURCE FILE: {}\n", singleLine(source.path.string()));
        if (!clip.tags.empty()) {
            std::string tags;
            for (const auto& tag : clip.tags) {
                if (!tags.empty()) tags += ", ";
                tags += singleLine(tag);
            }
            out += fmt::format("* COMMENT: TAGS: {}\n", tags);
        }
        if (clip.note && !clip.note->empty()) out += fmt::format("* COMMENT: NOTE: {}\n", singleLine(*clip.note));
    }
    return out;
}

}  // namespace rushes::exporting
