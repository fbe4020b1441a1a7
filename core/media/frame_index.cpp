// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/frame_index.h"

#include <algorithm>

#include "base/error.h"
#include "media/input_file.h"

namespace rushes::media {

FrameIndex FrameIndex::build(const std::filesystem::path& path, int stream_index, std::stop_token stop,
                             const Progress& progress) {
    InputFile input(path, std::move(stop));
    AVFormatContext* format = input.context();
    if (stream_index < 0) stream_index = input.bestStream(AVMEDIA_TYPE_VIDEO);
    if (stream_index < 0 || static_cast<unsigned>(stream_index) >= format->nb_streams) {
        throw Error(ErrorKind::InvalidArgument, input.name(), "no video stream to index");
    }
    // Let the demuxer skip every other stream's packets without handing them to us.
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != stream_index) format->streams[i]->discard = AVDISCARD_ALL;
    }

    FrameIndex index;
    index.stream_index_ = stream_index;
    const AVRational tb = format->streams[stream_index]->time_base;
    index.time_base_ = Rational::make(tb.num, tb.den);

    PacketPtr packet = makePacket();
    std::int64_t last_reported_pos = 0;
    const auto size = static_cast<double>(std::max<std::uintmax_t>(input.sizeBytes(), 1));
    while (input.readPacket(packet.get())) {
        if (packet->stream_index == stream_index && !(packet->flags & AV_PKT_FLAG_DISCARD)) {
            // Streams without reordering may carry only a decode time; it is the display time.
            const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (pts != AV_NOPTS_VALUE) {
                index.pts_.push_back(pts);
                if (packet->flags & AV_PKT_FLAG_KEY) {
                    index.keyframes_.push_back({pts, packet->dts != AV_NOPTS_VALUE ? packet->dts : pts});
                }
            }
        }
        if (progress && packet->pos > last_reported_pos + (8 << 20)) {
            last_reported_pos = packet->pos;
            progress(static_cast<double>(packet->pos) / size);
        }
        av_packet_unref(packet.get());
    }
    std::sort(index.pts_.begin(), index.pts_.end());
    index.pts_.erase(std::unique(index.pts_.begin(), index.pts_.end()), index.pts_.end());
    std::sort(index.keyframes_.begin(), index.keyframes_.end(),
              [](const KeyframeEntry& a, const KeyframeEntry& b) { return a.pts < b.pts; });
    if (index.pts_.empty()) throw Error(ErrorKind::Corrupt, input.name(), "the video stream has no frames");
    if (index.keyframes_.empty()) {
        throw Error(ErrorKind::Corrupt, input.name(), "the video stream has no keyframe to start decoding from");
    }
    if (progress) progress(1.0);
    return index;
}

std::optional<std::int64_t> FrameIndex::frameWithPts(std::int64_t pts) const {
    auto it = std::lower_bound(pts_.begin(), pts_.end(), pts);
    if (it == pts_.end() || *it != pts) return std::nullopt;
    return it - pts_.begin();
}

std::int64_t FrameIndex::frameAtOrBefore(std::int64_t pts) const {
    auto it = std::upper_bound(pts_.begin(), pts_.end(), pts);
    if (it == pts_.begin()) return 0;
    return (it - pts_.begin()) - 1;
}

std::optional<KeyframeEntry> FrameIndex::keyframeAtOrBefore(std::int64_t pts) const {
    auto it = std::upper_bound(keyframes_.begin(), keyframes_.end(), pts,
                               [](std::int64_t value, const KeyframeEntry& k) { return value < k.pts; });
    if (it == keyframes_.begin()) return std::nullopt;
    return *std::prev(it);
}

}  // namespace rushes::media
