// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/ffmpeg_error.h"

#include <new>

#include "media/ffmpeg_handles.h"

namespace rushes::media {

std::string describeAvError(int av_error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(av_error, text, sizeof text) < 0) {
        return "FFmpeg error " + std::to_string(av_error);
    }
    return text;
}

FramePtr makeFrame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) throw std::bad_alloc();
    return frame;
}

PacketPtr makePacket() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    return packet;
}

}  // namespace rushes::media
