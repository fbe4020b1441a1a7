// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/stream_setup.h"

#include <cstring>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace rushes::exporting {
namespace {

// The rule ffmpeg itself applies: keep the source's tag when the container maps it to the same codec or
// has no tag of its own for that codec (Matroska's avc1-less tracks get 0 and the muxer picks).
unsigned keptCodecTag(const AVOutputFormat& format, const AVCodecParameters& source) {
    unsigned tag = 0;
    if (!format.codec_tag || av_codec_get_id(format.codec_tag, source.codec_tag) == source.codec_id ||
        !av_codec_get_tag2(format.codec_tag, source.codec_id, &tag)) {
        return source.codec_tag;
    }
    return 0;
}

void copyStreamDescription(const AVStream& source, AVStream& stream, bool keep_hdr) {
    stream.time_base = source.time_base;  // a hint; the muxer may choose another
    stream.avg_frame_rate = source.avg_frame_rate;
    stream.r_frame_rate = source.r_frame_rate;
    stream.sample_aspect_ratio = source.sample_aspect_ratio;
    stream.disposition = source.disposition;
    av_dict_copy(&stream.metadata, source.metadata, 0);
    av_dict_set(&stream.metadata, "timecode", nullptr, 0);
    // The source's encoder name would now be wrong for a re-encode, and is harmless to drop for a copy.
    av_dict_set(&stream.metadata, "encoder", nullptr, 0);
    // FFmpeg 5.1 keeps container-level side data (display matrix, spherical, mastering) on the stream.
    for (int i = 0; i < source.nb_side_data; ++i) {
        const AVPacketSideData& data = source.side_data[i];
        const bool hdr =
            data.type == AV_PKT_DATA_MASTERING_DISPLAY_METADATA || data.type == AV_PKT_DATA_CONTENT_LIGHT_LEVEL;
        if (hdr && !keep_hdr) continue;
        std::uint8_t* copy = av_stream_new_side_data(&stream, data.type, data.size);
        if (!copy) throw std::bad_alloc();
        std::memcpy(copy, data.data, data.size);
    }
}

}  // namespace

AVStream* addStreamLike(OutputMuxer& muxer, const AVStream& source) {
    AVStream* stream = muxer.addStream(*source.codecpar);
    stream->codecpar->codec_tag = keptCodecTag(*muxer.format(), *source.codecpar);
    copyStreamDescription(source, *stream, true);
    return stream;
}

AVStream* addEncodedStreamLike(OutputMuxer& muxer, const AVStream& source, const AVCodecContext& encoder) {
    AVCodecParameters* parameters = avcodec_parameters_alloc();
    if (!parameters) throw std::bad_alloc();
    const int err = avcodec_parameters_from_context(parameters, &encoder);
    AVStream* stream = nullptr;
    try {
        if (err < 0) throw std::bad_alloc();
        stream = muxer.addStream(*parameters);
    } catch (...) {
        avcodec_parameters_free(&parameters);
        throw;
    }
    avcodec_parameters_free(&parameters);
    const AVPixFmtDescriptor* format = av_pix_fmt_desc_get(encoder.pix_fmt);
    copyStreamDescription(source, *stream, format && format->comp[0].depth > 8);
    stream->sample_aspect_ratio = encoder.sample_aspect_ratio;
    return stream;
}

void copyContainerMetadata(const AVFormatContext& source, OutputMuxer& muxer) {
    av_dict_copy(&muxer.context()->metadata, source.metadata, 0);
    av_dict_set(&muxer.context()->metadata, "timecode", nullptr, 0);
    // The muxer writes its own name; the source's encoder tag would now be wrong.
    av_dict_set(&muxer.context()->metadata, "encoder", nullptr, 0);
}

void setStartTimecode(OutputMuxer& muxer, AVStream& video, const Timecode& start) {
    const std::string label = start.toString();
    av_dict_set(&video.metadata, "timecode", label.c_str(), 0);
    // MXF and Matroska read a container-level tag; QuickTime turns the stream tag into a tmcd track.
    if (!muxer.isQuickTime()) av_dict_set(&muxer.context()->metadata, "timecode", label.c_str(), 0);
}

std::map<std::string, std::string> muxerOptionsFor(const AVFormatContext& source, const OutputMuxer& muxer) {
    std::map<std::string, std::string> options;
    if (!muxer.isQuickTime()) return options;
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(source.metadata, "", entry, AV_DICT_IGNORE_SUFFIX))) {
        if (std::strncmp(entry->key, "com.apple.quicktime.", 20) == 0) {
            options["movflags"] = "use_metadata_tags";
            break;
        }
    }
    return options;
}

bool isTimecodeTrack(const AVStream& stream) {
    return stream.codecpar->codec_tag == MKTAG('t', 'm', 'c', 'd') ||
           (stream.codecpar->codec_type == AVMEDIA_TYPE_DATA && stream.codecpar->codec_id == AV_CODEC_ID_NONE);
}

}  // namespace rushes::exporting
