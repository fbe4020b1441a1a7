// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/fcpxml_writer.h"

#include <fmt/format.h>

#include <map>
#include <tuple>
#include <vector>

#include "export/export_text.h"
#include "export/xml_writer.h"

namespace rushes::exporting {

namespace {
constexpr int kFallbackWidth = 1920;
constexpr int kFallbackHeight = 1080;
constexpr int kFallbackSampleRate = 48000;

Rational frameDuration(Rational rate) {
    return rate.inverse();
}

std::string framesAt(int64_t frames, Rational rate) {
    return fcpxmlTime(Rational{frames, 1} * frameDuration(rate));
}

// Final Cut's own names for the common progressive formats; other shapes get no name and Final Cut derives
// a custom format from frameDuration, width and height.
std::string formatName(Rational rate, int width, int height) {
    const std::map<std::pair<int64_t, int64_t>, const char*> rates = {
        {{24000, 1001}, "2398"}, {{24, 1}, "24"}, {{25, 1}, "25"},         {{30000, 1001}, "2997"},
        {{30, 1}, "30"},         {{50, 1}, "50"}, {{60000, 1001}, "5994"}, {{60, 1}, "60"}};
    const Rational r = Rational::make(rate.num, rate.den);
    const auto found = rates.find({r.num, r.den});
    if (found == rates.end()) return {};
    if (width == 1280 && height == 720) return fmt::format("FFVideoFormat720p{}", found->second);
    if (width == 1920 && height == 1080) return fmt::format("FFVideoFormat1080p{}", found->second);
    if ((width == 3840 || width == 4096) && height == 2160) {
        return fmt::format("FFVideoFormat{}x2160p{}", width, found->second);
    }
    return {};
}

using FormatKey = std::tuple<int64_t, int64_t, int, int>;  // rate num/den, width, height

class FcpxmlDocument {
public:
    explicit FcpxmlDocument(const Timeline& timeline) : timeline_(timeline) {
        const SourceMedia* shape = nullptr;
        for (const auto& source : timeline.sources) {
            if (source.has_video && source.width > 0 && source.height > 0) {
                shape = &source;
                break;
            }
        }
        sequence_format_ = formatId(timeline.rate.rate, shape ? shape->width : kFallbackWidth,
                                    shape ? shape->height : kFallbackHeight);
        for (const auto& source : timeline.sources) {
            source_formats_.push_back(source.has_video ? formatId(source.frame_rate,
                                                                  source.width > 0 ? source.width : kFallbackWidth,
                                                                  source.height > 0 ? source.height : kFallbackHeight)
                                                       : std::string());
        }
        for (size_t i = 0; i < timeline.sources.size(); ++i) asset_ids_.push_back(fmt::format("r{}", ++next_id_));
    }

    std::string write() {
        xml_.doctype("fcpxml");
        xml_.open("fcpxml", {{"version", "1.9"}});
        xml_.open("resources");
        for (const auto& [key, id] : format_order_) {
            const auto& [num, den, width, height] = key;
            XmlAttributes attributes{{"id", id}};
            if (const std::string name = formatName(Rational{num, den}, width, height); !name.empty()) {
                attributes.emplace_back("name", name);
            }
            attributes.emplace_back("frameDuration", fcpxmlTime(frameDuration(Rational{num, den})));
            attributes.emplace_back("width", std::to_string(width));
            attributes.emplace_back("height", std::to_string(height));
            xml_.empty("format", attributes);
        }
        for (size_t i = 0; i < timeline_.sources.size(); ++i) writeAsset(i);
        xml_.close();
        xml_.open("library");
        xml_.open("event", {{"name", "Rushes export"}});
        xml_.open("project", {{"name", timeline_.name}});
        xml_.open("sequence", {{"format", sequence_format_},
                               {"duration", framesAt(timeline_.durationFrames(), timeline_.rate.rate)},
                               {"tcStart", framesAt(timeline_.record_start.frames(), timeline_.rate.rate)},
                               {"tcFormat", timeline_.rate.drop_frame ? "DF" : "NDF"},
                               {"audioLayout", "stereo"},
                               {"audioRate", "48k"}});
        xml_.open("spine");
        for (const TimelineClip& clip : timeline_.clips) writeClip(clip);
        xml_.close();
        xml_.close();
        xml_.close();
        xml_.close();
        xml_.close();
        xml_.close();
        return xml_.finish();
    }

private:
    std::string formatId(Rational rate, int width, int height) {
        const Rational r = Rational::make(rate.num, rate.den);
        const FormatKey key{r.num, r.den, width, height};
        auto found = formats_.find(key);
        if (found == formats_.end()) {
            found = formats_.emplace(key, fmt::format("r{}", ++next_id_)).first;
            format_order_.emplace_back(key, found->second);
        }
        return found->second;
    }

    void writeAsset(size_t index) {
        const SourceMedia& source = timeline_.sources[index];
        XmlAttributes attributes{{"id", asset_ids_[index]},
                                 {"name", source.path.stem().string()},
                                 {"start", framesAt(source.start.frames(), source.frame_rate)}};
        if (source.duration_frames)
            attributes.emplace_back("duration", framesAt(*source.duration_frames, source.frame_rate));
        attributes.emplace_back("hasVideo", source.has_video ? "1" : "0");
        if (source.has_video) {
            attributes.emplace_back("format", source_formats_[index]);
            attributes.emplace_back("videoSources", "1");
        }
        attributes.emplace_back("hasAudio", source.audio_channels > 0 ? "1" : "0");
        if (source.audio_channels > 0) {
            attributes.emplace_back("audioSources", "1");
            attributes.emplace_back("audioChannels", std::to_string(source.audio_channels));
            attributes.emplace_back("audioRate", std::to_string(source.audio_sample_rate > 0 ? source.audio_sample_rate
                                                                                             : kFallbackSampleRate));
        }
        xml_.open("asset", attributes);
        xml_.empty("media-rep", {{"kind", "original-media"}, {"src", fileUrl(source.path)}});
        xml_.open("metadata");
        xml_.empty("md", {{"key", "com.apple.proapps.studio.reel"}, {"value", source.reel}});
        xml_.close();
        xml_.close();
    }

    void writeClip(const TimelineClip& clip) {
        const SourceMedia& source = timeline_.sourceOf(clip);
        const Rational start = Rational{source.start.frames() + clip.source_in, 1} * frameDuration(source.frame_rate);
        XmlAttributes attributes{
            {"ref", asset_ids_[clip.source]},
            {"offset", framesAt(timeline_.record_start.frames() + clip.record_in, timeline_.rate.rate)},
            {"name", clip.name},
            {"start", fcpxmlTime(start)},
            {"duration", framesAt(clip.recordFrames(), timeline_.rate.rate)}};
        if (source.has_video) attributes.emplace_back("format", source_formats_[clip.source]);
        attributes.emplace_back("tcFormat", source.start.rate().drop_frame ? "DF" : "NDF");
        const bool has_note = clip.note && !clip.note->empty();
        if (!has_note && clip.tags.empty()) {
            xml_.empty("asset-clip", attributes);
            return;
        }
        xml_.open("asset-clip", attributes);
        if (has_note) xml_.leaf("note", *clip.note);
        // Keywords live on the clip's own timeline: from its start for its source length.
        for (const std::string& tag : clip.tags) {
            xml_.empty("keyword", {{"start", fcpxmlTime(start)},
                                   {"duration", framesAt(clip.sourceFrames(), source.frame_rate)},
                                   {"value", tag}});
        }
        xml_.close();
    }

    const Timeline& timeline_;
    XmlWriter xml_;
    int next_id_ = 0;
    std::map<FormatKey, std::string> formats_;
    std::vector<std::pair<FormatKey, std::string>> format_order_;  // as created, so ids read r1, r2, …
    std::string sequence_format_;
    std::vector<std::string> source_formats_;
    std::vector<std::string> asset_ids_;
};
}  // namespace

std::string fcpxmlTime(Rational seconds) {
    const Rational r = Rational::make(seconds.num, seconds.den);
    if (r.den == 1) return fmt::format("{}s", r.num);
    return fmt::format("{}/{}s", r.num, r.den);
}

std::string writeFcpxml(const Timeline& timeline) {
    timeline.validate();
    return FcpxmlDocument(timeline).write();
}

}  // namespace rushes::exporting
