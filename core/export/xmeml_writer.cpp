// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/xmeml_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "export/export_text.h"
#include "export/xml_writer.h"

namespace rushes::exporting {

namespace {
constexpr int kFallbackWidth = 1920;
constexpr int kFallbackHeight = 1080;
constexpr int kFallbackSampleRate = 48000;

void writeRate(XmlWriter& xml, Rational rate) {
    const Rational r = Rational::make(rate.num, rate.den);
    int64_t timebase = 0;
    bool ntsc = false;
    if (r.den == 1) {
        timebase = r.num;
    } else if (r.den == 1001 && r.num % 1000 == 0) {
        timebase = r.num / 1000;
        ntsc = true;
    } else {
        throw Error(ErrorKind::InvalidArgument, "FCP7 XML rate " + r.toString(),
                    "xmeml expresses only whole rates and their NTSC (x1000/1001) variants");
    }
    xml.open("rate");
    xml.leaf("timebase", std::to_string(timebase));
    xml.leaf("ntsc", ntsc ? "TRUE" : "FALSE");
    xml.close();
}

void writeTimecode(XmlWriter& xml, const Timecode& timecode, Rational rate, const std::string* reel) {
    xml.open("timecode");
    writeRate(xml, rate);
    xml.leaf("string", timecode.wrapped24().toString());
    xml.leaf("frame", std::to_string(timecode.frames()));
    xml.leaf("displayformat", timecode.rate().drop_frame ? "DF" : "NDF");
    if (reel) {
        xml.open("reel");
        xml.leaf("name", *reel);
        xml.close();
    }
    xml.close();
}

// One clip's items on the tracks (video, audio channel 1, audio channel 2), for the <link> elements that keep
// them in sync when an editor moves the clip.
struct LinkedItem {
    std::string id;
    const char* media_type;
    int track_index;
    size_t clip_index;  // 1-based position on its track
};

class XmemlDocument {
public:
    explicit XmemlDocument(const Timeline& timeline) : timeline_(timeline), files_written_(timeline.sources.size()) {
        size_t next_id = 1;
        size_t on_track[3] = {0, 0, 0};
        for (const TimelineClip& clip : timeline.clips) {
            const SourceMedia& source = timeline.sourceOf(clip);
            std::vector<LinkedItem> group;
            if (source.has_video) group.push_back({fmt::format("clipitem-{}", next_id++), "video", 1, ++on_track[0]});
            for (int channel = 1; channel <= std::min(source.audio_channels, 2); ++channel) {
                group.push_back({fmt::format("clipitem-{}", next_id++), "audio", channel, ++on_track[size_t(channel)]});
            }
            groups_.push_back(std::move(group));
        }
    }

    std::string write() {
        xml_.doctype("xmeml");
        xml_.open("xmeml", {{"version", "5"}});
        xml_.open("sequence", {{"id", "sequence-1"}});
        xml_.leaf("name", timeline_.name);
        xml_.leaf("duration", std::to_string(timeline_.durationFrames()));
        writeRate(xml_, timeline_.rate.rate);
        writeTimecode(xml_, timeline_.record_start, timeline_.rate.rate, nullptr);
        xml_.open("media");
        writeVideo();
        writeAudio();
        xml_.close();
        xml_.close();
        xml_.close();
        return xml_.finish();
    }

private:
    const SourceMedia* firstVideo() const {
        for (const auto& source : timeline_.sources) {
            if (source.has_video && source.width > 0) return &source;
        }
        return nullptr;
    }

    void writeVideo() {
        const SourceMedia* shape = firstVideo();
        xml_.open("video");
        xml_.open("format");
        xml_.open("samplecharacteristics");
        writeRate(xml_, timeline_.rate.rate);
        xml_.leaf("width", std::to_string(shape ? shape->width : kFallbackWidth));
        xml_.leaf("height", std::to_string(shape ? shape->height : kFallbackHeight));
        xml_.leaf("anamorphic", "FALSE");
        xml_.leaf("pixelaspectratio", "square");
        xml_.leaf("fielddominance", "none");
        xml_.close();
        xml_.close();
        writeTrack("video", 1);
        xml_.close();
    }

    void writeAudio() {
        xml_.open("audio");
        xml_.leaf("numOutputChannels", "2");
        xml_.open("format");
        xml_.open("samplecharacteristics");
        xml_.leaf("depth", "16");
        xml_.leaf("samplerate", std::to_string(kFallbackSampleRate));
        xml_.close();
        xml_.close();
        int channels = 0;
        for (const auto& source : timeline_.sources) channels = std::max(channels, std::min(source.audio_channels, 2));
        for (int channel = 1; channel <= channels; ++channel) writeTrack("audio", channel);
        xml_.close();
    }

    void writeTrack(const char* media_type, int track_index) {
        xml_.open("track");
        for (size_t i = 0; i < timeline_.clips.size(); ++i) {
            for (const LinkedItem& item : groups_[i]) {
                if (std::string_view(item.media_type) == media_type && item.track_index == track_index) {
                    writeClipItem(timeline_.clips[i], item, groups_[i]);
                }
            }
        }
        xml_.leaf("enabled", "TRUE");
        xml_.leaf("locked", "FALSE");
        xml_.close();
    }

    void writeClipItem(const TimelineClip& clip, const LinkedItem& item, const std::vector<LinkedItem>& group) {
        const SourceMedia& source = timeline_.sourceOf(clip);
        xml_.open("clipitem", {{"id", item.id}});
        xml_.leaf("masterclipid", fmt::format("masterclip-{}", clip.source + 1));
        xml_.leaf("name", clip.name);
        xml_.leaf("enabled", "TRUE");
        xml_.leaf("duration", std::to_string(source.duration_frames.value_or(clip.source_out)));
        writeRate(xml_, source.frame_rate);
        xml_.leaf("start", std::to_string(clip.record_in));
        xml_.leaf("end", std::to_string(clip.record_out));
        xml_.leaf("in", std::to_string(clip.source_in));
        xml_.leaf("out", std::to_string(clip.source_out));
        writeFile(clip.source);
        if (std::string_view(item.media_type) == "audio") {
            xml_.open("sourcetrack");
            xml_.leaf("mediatype", "audio");
            xml_.leaf("trackindex", std::to_string(item.track_index));
            xml_.close();
        }
        writeComments(clip);
        for (const LinkedItem& linked : group) {
            xml_.open("link");
            xml_.leaf("linkclipref", linked.id);
            xml_.leaf("mediatype", linked.media_type);
            xml_.leaf("trackindex", std::to_string(linked.track_index));
            xml_.leaf("clipindex", std::to_string(linked.clip_index));
            xml_.close();
        }
        xml_.close();
    }

    // The first use of a source carries its whole description; later ones refer to it by id, as FCP does.
    void writeFile(size_t index) {
        const std::string id = fmt::format("file-{}", index + 1);
        if (files_written_[index]) {
            xml_.empty("file", {{"id", id}});
            return;
        }
        files_written_[index] = true;
        const SourceMedia& source = timeline_.sources[index];
        xml_.open("file", {{"id", id}});
        xml_.leaf("name", source.fileName());
        xml_.leaf("pathurl", fileUrl(source.path, UrlHost::Localhost));
        writeRate(xml_, source.frame_rate);
        if (source.duration_frames) xml_.leaf("duration", std::to_string(*source.duration_frames));
        writeTimecode(xml_, source.start, source.frame_rate, &source.reel);
        xml_.open("media");
        if (source.has_video) {
            xml_.open("video");
            xml_.open("samplecharacteristics");
            writeRate(xml_, source.frame_rate);
            xml_.leaf("width", std::to_string(source.width > 0 ? source.width : kFallbackWidth));
            xml_.leaf("height", std::to_string(source.height > 0 ? source.height : kFallbackHeight));
            xml_.close();
            xml_.close();
        }
        if (source.audio_channels > 0) {
            xml_.open("audio");
            xml_.open("samplecharacteristics");
            xml_.leaf("depth", "16");
            xml_.leaf("samplerate",
                      std::to_string(source.audio_sample_rate > 0 ? source.audio_sample_rate : kFallbackSampleRate));
            xml_.close();
            xml_.leaf("channelcount", std::to_string(source.audio_channels));
            xml_.close();
        }
        xml_.close();
        xml_.close();
    }

    void writeComments(const TimelineClip& clip) {
        std::string tags;
        for (const auto& tag : clip.tags) {
            if (!tags.empty()) tags += ", ";
            tags += tag;
        }
        if (tags.empty() && !clip.note && !clip.rating) return;
        xml_.open("comments");
        if (!tags.empty()) xml_.leaf("mastercomment1", tags);
        if (clip.note) xml_.leaf("mastercomment2", *clip.note);
        if (clip.rating) xml_.leaf("mastercomment3", fmt::format("Rating {}/5", *clip.rating));
        xml_.close();
    }

    const Timeline& timeline_;
    XmlWriter xml_;
    std::vector<std::vector<LinkedItem>> groups_;
    std::vector<bool> files_written_;
};
}  // namespace

std::string writeXmeml(const Timeline& timeline) {
    timeline.validate();
    return XmemlDocument(timeline).write();
}

}  // namespace rushes::exporting
