// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/probe.h"

#include <algorithm>
#include <cctype>
#include <cmath>

extern "C" {
#include <libavutil/display.h>
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/pixdesc.h>
#include <libavutil/spherical.h>
#include <libavutil/timecode.h>
}

#include "base/error.h"
#include "media/input_file.h"
#include "media/stream_decoder.h"

namespace rushes::media {
namespace {

// How many video packets probe reads to judge constant vs variable frame rate.
constexpr int kRateSamplePackets = 160;
// Packets at the end of the sample may still be waiting for B-frames shown
// before them; drop that many sorted timestamps before measuring gaps.
constexpr int kReorderSlack = 16;

Rational toRational(AVRational r) {
    if (r.den == 0) return Rational{0, 1};
    return Rational::make(r.num, r.den);
}

std::map<std::string, std::string> readTags(const AVDictionary* dict) {
    std::map<std::string, std::string> tags;
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(dict, "", entry, AV_DICT_IGNORE_SUFFIX))) tags[entry->key] = entry->value;
    return tags;
}

std::string nameOr(const char* name, const char* fallback = "") { return name ? name : fallback; }

StreamType toStreamType(AVMediaType type) {
    switch (type) {
        case AVMEDIA_TYPE_VIDEO: return StreamType::Video;
        case AVMEDIA_TYPE_AUDIO: return StreamType::Audio;
        case AVMEDIA_TYPE_SUBTITLE: return StreamType::Subtitle;
        case AVMEDIA_TYPE_DATA: return StreamType::Data;
        case AVMEDIA_TYPE_ATTACHMENT: return StreamType::Attachment;
        default: return StreamType::Unknown;
    }
}

std::string fieldOrderName(AVFieldOrder order) {
    switch (order) {
        case AV_FIELD_PROGRESSIVE: return "progressive";
        case AV_FIELD_TT: return "tt";
        case AV_FIELD_BB: return "bb";
        case AV_FIELD_TB: return "tb";
        case AV_FIELD_BT: return "bt";
        default: return "unknown";
    }
}

bool isCameraTag(std::string key) {
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* const kMarkers[] = {"make", "model", "software", "lens", "location", "serial",
                                           "firmware", "manufacturer", "camera", "com.apple.quicktime",
                                           "com.android", "device"};
    return std::any_of(std::begin(kMarkers), std::end(kMarkers),
                       [&](const char* marker) { return key.find(marker) != std::string::npos; });
}

void readDisplayMatrix(const AVStream* stream, VideoStreamInfo& video) {
    size_t size = 0;
    const std::uint8_t* data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!data || size < 9 * sizeof(std::int32_t)) return;
    const double degrees = av_display_rotation_get(reinterpret_cast<const std::int32_t*>(data));
    if (degrees != degrees) return;  // NaN: a matrix that is not a rotation
    video.rotation_deg = static_cast<int>(degrees < 0 ? degrees - 0.5 : degrees + 0.5);
    video.rotation_cw_deg = ((-video.rotation_deg) % 360 + 360) % 360;
}

MasteringDisplay toMastering(const AVMasteringDisplayMetadata& m) {
    MasteringDisplay out;
    if (m.has_primaries) {
        std::array<std::array<Rational, 2>, 3> primaries{};
        for (int c = 0; c < 3; ++c) {
            primaries[c] = {toRational(m.display_primaries[c][0]), toRational(m.display_primaries[c][1])};
        }
        out.primaries = primaries;
        out.white_point = std::array<Rational, 2>{toRational(m.white_point[0]), toRational(m.white_point[1])};
    }
    if (m.has_luminance) {
        out.min_luminance = toRational(m.min_luminance);
        out.max_luminance = toRational(m.max_luminance);
    }
    return out;
}

void readHdrAndSphericalSideData(const AVStream* stream, VideoStreamInfo& video) {
    size_t size = 0;
    if (auto* m = reinterpret_cast<const AVMasteringDisplayMetadata*>(
            av_stream_get_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, &size))) {
        video.mastering_display = toMastering(*m);
    }
    if (auto* cll = reinterpret_cast<const AVContentLightMetadata*>(
            av_stream_get_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, &size))) {
        video.content_light = ContentLightLevel{cll->MaxCLL, cll->MaxFALL};
    }
    if (auto* sph = reinterpret_cast<const AVSphericalMapping*>(
            av_stream_get_side_data(stream, AV_PKT_DATA_SPHERICAL, &size))) {
        video.spherical = SphericalMapping{nameOr(av_spherical_projection_name(sph->projection), "unknown"),
                                           sph->yaw / 65536.0, sph->pitch / 65536.0, sph->roll / 65536.0};
    }
}

VideoStreamInfo readVideo(const AVFormatContext* format, AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    VideoStreamInfo video;
    video.width = par->width;
    video.height = par->height;
    const auto pix = static_cast<AVPixelFormat>(par->format);
    video.pixel_format = nameOr(av_get_pix_fmt_name(pix), "unknown");
    if (par->bits_per_raw_sample > 0) {
        video.bit_depth = par->bits_per_raw_sample;
    } else if (const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(pix)) {
        video.bit_depth = desc->comp[0].depth;
    }
    const AVRational sar = av_guess_sample_aspect_ratio(const_cast<AVFormatContext*>(format), stream, nullptr);
    video.sample_aspect_ratio = sar.num > 0 ? toRational(sar) : Rational{1, 1};
    if (par->width > 0 && par->height > 0) {
        video.display_aspect_ratio = Rational::make(std::int64_t{par->width} * video.sample_aspect_ratio.num,
                                                    std::int64_t{par->height} * video.sample_aspect_ratio.den);
    }
    video.field_order = fieldOrderName(par->field_order);
    video.frame_rate = toRational(stream->r_frame_rate);
    video.average_frame_rate = toRational(stream->avg_frame_rate);
    video.has_b_frames = par->video_delay > 0;
    video.color_primaries = nameOr(av_color_primaries_name(par->color_primaries));
    video.color_transfer = nameOr(av_color_transfer_name(par->color_trc));
    video.color_matrix = nameOr(av_color_space_name(par->color_space));
    video.color_range = nameOr(av_color_range_name(par->color_range));
    readDisplayMatrix(stream, video);
    readHdrAndSphericalSideData(stream, video);
    return video;
}

AudioStreamInfo readAudio(const AVCodecParameters* par) {
    AudioStreamInfo audio;
    audio.sample_rate = par->sample_rate;
    audio.channels = par->ch_layout.nb_channels;
    char layout[128] = {};
    if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0) audio.channel_layout = layout;
    audio.sample_format = nameOr(av_get_sample_fmt_name(static_cast<AVSampleFormat>(par->format)));
    audio.bits_per_sample = par->bits_per_raw_sample > 0 ? par->bits_per_raw_sample
                                                         : par->bits_per_coded_sample;
    return audio;
}

StreamInfo readStream(const AVFormatContext* format, AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    StreamInfo info;
    info.index = stream->index;
    info.type = toStreamType(par->codec_type);
    info.codec = avcodec_get_name(par->codec_id);
    if (const AVCodecDescriptor* desc = avcodec_descriptor_get(par->codec_id)) {
        info.codec_long_name = nameOr(desc->long_name);
    }
    info.profile = nameOr(avcodec_profile_name(par->codec_id, par->profile));
    info.decodable = avcodec_find_decoder(par->codec_id) != nullptr;
    info.time_base = toRational(stream->time_base);
    if (stream->start_time != AV_NOPTS_VALUE) info.start_pts = stream->start_time;
    if (stream->duration != AV_NOPTS_VALUE) info.duration_pts = stream->duration;
    if (stream->nb_frames > 0) info.frame_count = stream->nb_frames;
    info.bit_rate = par->bit_rate;
    info.tags = readTags(stream->metadata);
    if (par->codec_type == AVMEDIA_TYPE_VIDEO) info.video = readVideo(format, stream);
    if (par->codec_type == AVMEDIA_TYPE_AUDIO) info.audio = readAudio(par);
    return info;
}

// The "timecode" tag in any case: Matroska stores tags upper-case (TIMECODE), QuickTime and MXF lower-case.
const std::string* timecodeTag(const std::map<std::string, std::string>& tags) {
    for (const char* key : {"timecode", "TIMECODE"}) {
        if (auto it = tags.find(key); it != tags.end()) return &it->second;
    }
    return nullptr;
}

std::optional<StartTimecode> findTaggedTimecode(const ProbeResult& result, const AVFormatContext* format) {
    // A tmcd track is the authority in QuickTime; MXF and many muxers also copy
    // it to a container or stream tag. Prefer the most specific source.
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        const AVStream* stream = format->streams[i];
        if (stream->codecpar->codec_tag == MKTAG('t', 'm', 'c', 'd')) {
            if (const std::string* value = timecodeTag(result.streams[i].tags)) return StartTimecode{*value, "tmcd"};
        }
    }
    if (result.video_stream >= 0) {
        const auto& tags = result.streams[static_cast<std::size_t>(result.video_stream)].tags;
        if (const std::string* value = timecodeTag(tags)) return StartTimecode{*value, "stream tag"};
    }
    if (const std::string* value = timecodeTag(result.tags)) return StartTimecode{*value, "format tag"};
    for (const StreamInfo& stream : result.streams) {
        if (const std::string* value = timecodeTag(stream.tags)) return StartTimecode{*value, "stream tag"};
    }
    return std::nullopt;
}

// Timecode carried inside the video bitstream: H.264/HEVC picture-timing SEI
// (SMPTE 12M) or the MPEG-2 GOP header.
std::optional<StartTimecode> findBitstreamTimecode(const AVFrame* frame, AVRational rate) {
    if (const AVFrameSideData* sd = av_frame_get_side_data(frame, AV_FRAME_DATA_S12M_TIMECODE)) {
        const auto* words = reinterpret_cast<const std::uint32_t*>(sd->data);
        if (sd->size >= 8 && words[0] >= 1) {
            char text[AV_TIMECODE_STR_SIZE] = {};
            av_timecode_make_smpte_tc_string2(text, rate, words[1], 0, 0);
            return StartTimecode{text, "sei"};
        }
    }
    if (const AVFrameSideData* sd = av_frame_get_side_data(frame, AV_FRAME_DATA_GOP_TIMECODE)) {
        if (sd->size >= static_cast<int>(sizeof(std::int64_t))) {
            char text[AV_TIMECODE_STR_SIZE] = {};
            av_timecode_make_mpeg_tc_string(text, static_cast<std::uint32_t>(
                                                      *reinterpret_cast<const std::int64_t*>(sd->data)));
            return StartTimecode{text, "mpeg2 gop"};
        }
    }
    return std::nullopt;
}

void readFrameSideData(const AVFrame* frame, VideoStreamInfo& video) {
    if (!video.mastering_display) {
        if (const AVFrameSideData* sd = av_frame_get_side_data(frame, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA)) {
            video.mastering_display = toMastering(*reinterpret_cast<const AVMasteringDisplayMetadata*>(sd->data));
        }
    }
    if (!video.content_light) {
        if (const AVFrameSideData* sd = av_frame_get_side_data(frame, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL)) {
            const auto* cll = reinterpret_cast<const AVContentLightMetadata*>(sd->data);
            video.content_light = ContentLightLevel{cll->MaxCLL, cll->MaxFALL};
        }
    }
    if (!video.spherical) {
        if (const AVFrameSideData* sd = av_frame_get_side_data(frame, AV_FRAME_DATA_SPHERICAL)) {
            const auto* sph = reinterpret_cast<const AVSphericalMapping*>(sd->data);
            video.spherical = SphericalMapping{nameOr(av_spherical_projection_name(sph->projection), "unknown"),
                                               sph->yaw / 65536.0, sph->pitch / 65536.0, sph->roll / 65536.0};
        }
    }
    if (video.field_order == "unknown") {
        video.field_order = !frame->interlaced_frame ? "progressive" : frame->top_field_first ? "tt" : "bb";
    }
}

// Constant frame rate means every gap between presentation times equals one
// frame period, give or take the rounding of a coarse container time base
// (Matroska stores milliseconds, so 29.97 fps alternates 33 and 34 ms).
void judgeFrameRate(std::vector<std::int64_t> pts, bool reached_end, AVRational time_base,
                    VideoStreamInfo& video) {
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    if (!reached_end && pts.size() > static_cast<std::size_t>(kReorderSlack) * 2) {
        pts.resize(pts.size() - kReorderSlack);
    }
    if (pts.size() < 3) return;
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < pts.size(); ++i) gaps.push_back(pts[i] - pts[i - 1]);

    auto fits = [&](Rational rate) {
        if (rate.num <= 0) return false;
        // period in ticks = den_rate * tb.den / (num_rate * tb.num); allow one tick of rounding.
        const double period = static_cast<double>(rate.den) * time_base.den /
                              (static_cast<double>(rate.num) * time_base.num);
        return std::all_of(gaps.begin(), gaps.end(),
                           [&](std::int64_t gap) { return std::abs(static_cast<double>(gap) - period) <= 1.0; });
    };
    if (fits(video.frame_rate)) {
        video.constant_frame_rate = true;
        return;
    }
    if (std::all_of(gaps.begin(), gaps.end(), [&](std::int64_t gap) { return gap == gaps.front(); })) {
        video.constant_frame_rate = true;
        video.frame_rate = Rational::make(time_base.den, std::int64_t{time_base.num} * gaps.front());
        return;
    }
    video.constant_frame_rate = false;
}

// Reads the first packets once: their timestamps judge the frame rate, and the
// first decoded picture carries side data that containers often omit (HDR
// mastering metadata in HEVC SEI, timecode in SEI or the MPEG-2 GOP header).
void inspectFirstPackets(InputFile& input, ProbeResult& result) {
    StreamInfo& stream = result.streams[static_cast<std::size_t>(result.video_stream)];
    const AVStream* av_stream = input.context()->streams[result.video_stream];
    std::optional<StreamDecoder> decoder;
    if (stream.decodable) {
        try {
            decoder.emplace(input, result.video_stream, DecoderOptions{1, false, false});
        } catch (const Error&) {
            stream.decodable = false;
        }
    }
    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    std::vector<std::int64_t> pts;
    bool reached_end = true;
    bool have_frame = false;
    while (input.readPacket(packet.get())) {
        if (packet->stream_index == result.video_stream) {
            if (packet->pts != AV_NOPTS_VALUE && !(packet->flags & AV_PKT_FLAG_DISCARD)) pts.push_back(packet->pts);
            if (decoder && !have_frame) {
                decoder->feed(packet.get());
                have_frame = decoder->receive(frame.get());
            }
        }
        av_packet_unref(packet.get());
        if (static_cast<int>(pts.size()) >= kRateSamplePackets && have_frame) {
            reached_end = false;
            break;
        }
    }
    if (decoder && !have_frame) {
        decoder->feed(nullptr);
        have_frame = decoder->receive(frame.get());
    }
    judgeFrameRate(std::move(pts), reached_end, av_stream->time_base, *stream.video);
    if (have_frame) {
        readFrameSideData(frame.get(), *stream.video);
        if (!result.timecode) result.timecode = findBitstreamTimecode(frame.get(), av_stream->r_frame_rate);
    }
}

}  // namespace

const StreamInfo* ProbeResult::mainVideo() const {
    return video_stream >= 0 ? &streams[static_cast<std::size_t>(video_stream)] : nullptr;
}

const StreamInfo* ProbeResult::mainAudio() const {
    return audio_stream >= 0 ? &streams[static_cast<std::size_t>(audio_stream)] : nullptr;
}

ProbeResult probe(const std::filesystem::path& path, std::stop_token stop) {
    InputFile input(path, std::move(stop));
    const AVFormatContext* format = input.context();

    ProbeResult result;
    result.path = path;
    result.size_bytes = input.sizeBytes();
    result.format = nameOr(format->iformat->name);
    result.format_long_name = nameOr(format->iformat->long_name);
    if (format->duration != AV_NOPTS_VALUE) result.duration_us = format->duration;
    if (format->start_time != AV_NOPTS_VALUE) result.start_time_us = format->start_time;
    result.bit_rate = format->bit_rate;
    result.tags = readTags(format->metadata);
    for (unsigned i = 0; i < format->nb_streams; ++i) result.streams.push_back(readStream(format, format->streams[i]));
    result.video_stream = input.bestStream(AVMEDIA_TYPE_VIDEO);
    result.audio_stream = input.bestStream(AVMEDIA_TYPE_AUDIO);

    for (const auto& [key, value] : result.tags) {
        if (isCameraTag(key)) result.camera[key] = value;
    }
    if (auto it = result.tags.find("creation_time"); it != result.tags.end()) {
        result.creation_time = it->second;
    } else if (const StreamInfo* video = result.mainVideo()) {
        if (auto vit = video->tags.find("creation_time"); vit != video->tags.end()) result.creation_time = vit->second;
    }
    result.timecode = findTaggedTimecode(result, format);

    const bool any_decodable = std::any_of(result.streams.begin(), result.streams.end(), [](const StreamInfo& s) {
        return s.decodable && (s.type == StreamType::Video || s.type == StreamType::Audio);
    });
    if (!any_decodable) {
        throw Error(ErrorKind::Unsupported, path.string(),
                    "no audio or video stream has a decoder in this FFmpeg build");
    }
    if (result.video_stream >= 0) inspectFirstPackets(input, result);
    return result;
}

}  // namespace rushes::media
