// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/source_reader.h"

#include <algorithm>
#include <optional>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::exporting {
namespace {

constexpr int kSeekAttempts = 4;

}  // namespace

SourceReader::SourceReader(const ClipSource& source, std::stop_token stop)
    : source_(source), input_(source.path(), std::move(stop)), picture_(source.videoStream()) {}

void SourceReader::readPictureOnly(bool picture_only) {
    AVFormatContext* format = input_.context();
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != picture_)
            format->streams[i]->discard = picture_only ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
    }
}

void SourceReader::seekBefore(std::int64_t lead_ticks) {
    // Demuxer indexes hold decode times (MP4) or presentation times (Matroska); the smaller is safe for both.
    const std::int64_t first =
        std::min(source_.index().keyframes().front().dts, source_.index().keyframes().front().pts);
    const std::int64_t target = std::max(first, std::min(from_.dts, from_.pts) - lead_ticks);
    int err = av_seek_frame(input_.context(), picture_, target, AVSEEK_FLAG_BACKWARD);
    if (err < 0) err = av_seek_frame(input_.context(), picture_, first, AVSEEK_FLAG_BACKWARD);
    if (err < 0) err = avformat_seek_file(input_.context(), -1, INT64_MIN, INT64_MIN, INT64_MIN, 0);
    if (err < 0) throw Error(ErrorKind::Corrupt, input_.name(), "cannot seek: " + media::describeAvError(err));
}

void SourceReader::startAt(const media::KeyframeEntry& from, Rational lead_seconds) {
    from_ = from;
    started_ = false;
    seekBefore(rescale(lead_seconds.num, Rational{1, lead_seconds.den}, source_.timeBase(), Rounding::Up));
}

bool SourceReader::next(AVPacket* packet) {
    std::int64_t lead_ticks = 0;
    for (int attempt = 0;;) {
        if (!input_.readPacket(packet)) {
            if (!started_) throw Error(ErrorKind::Corrupt, input_.name(), "the keyframe to start from was never read");
            return false;
        }
        if (started_ || packet->stream_index != picture_) return true;
        const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        if (pts == from_.pts && (packet->flags & AV_PKT_FLAG_KEY)) {
            started_ = true;
            return true;
        }
        const bool overshot = (packet->flags & AV_PKT_FLAG_KEY) && pts > from_.pts;
        av_packet_unref(packet);
        if (overshot) {
            // The demuxer landed after the keyframe (an index of coarse or decode times): go further back.
            if (++attempt >= kSeekAttempts) {
                throw Error(ErrorKind::Corrupt, input_.name(),
                            "cannot seek to the keyframe at pts " + std::to_string(from_.pts));
            }
            lead_ticks = std::max<std::int64_t>(lead_ticks * 4, source_.frameDurationTicks() * 64);
            seekBefore(lead_ticks);
        }
    }
}

std::vector<PacketStamp> scanPicturePackets(SourceReader& reader, const media::KeyframeEntry& from,
                                            std::int64_t until_pts) {
    reader.readPictureOnly(true);
    reader.startAt(from, Rational{0, 1});
    std::vector<PacketStamp> stamps;
    media::PacketPtr packet = media::makePacket();
    std::optional<std::int64_t> last_keyframe_pts;
    while (reader.next(packet.get())) {
        if (packet->stream_index != reader.pictureStream()) {
            av_packet_unref(packet.get());
            continue;
        }
        PacketStamp stamp;
        stamp.pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        stamp.dts = packet->dts != AV_NOPTS_VALUE ? packet->dts : stamp.pts;
        stamp.keyframe = (packet->flags & AV_PKT_FLAG_KEY) != 0;
        const bool discarded = (packet->flags & AV_PKT_FLAG_DISCARD) != 0;
        av_packet_unref(packet.get());
        // A keyframe at or past the limit: its leading pictures follow it; a later picture ends them.
        if (last_keyframe_pts && stamp.pts > *last_keyframe_pts) break;
        if (stamp.keyframe && stamp.pts >= until_pts && !last_keyframe_pts) last_keyframe_pts = stamp.pts;
        if (discarded) stamp.pts = AV_NOPTS_VALUE;  // never shown: no frame of the index has this time
        stamps.push_back(stamp);
    }
    reader.readPictureOnly(false);
    return stamps;
}

}  // namespace rushes::exporting
