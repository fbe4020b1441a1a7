// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/media_preview.h"

#include "base/error.h"
#include "media/frame_converter.h"
#include "media/probe_json.h"
#include "media/video_decoder.h"

namespace rushes::ui {

MediaPreview loadMediaPreview(const std::filesystem::path& path, int max_width, std::stop_token stop) {
    MediaPreview preview;
    preview.path = QString::fromStdString(path.string());
    try {
        const media::ProbeResult probe = media::probe(path, stop);
        preview.probe_json = QString::fromStdString(media::toJson(probe).dump(2));
        if (const media::StreamInfo* video = probe.mainVideo()) {
            preview.summary = QString("%1 %2×%3 %4 fps")
                                  .arg(QString::fromStdString(video->codec))
                                  .arg(video->video->width)
                                  .arg(video->video->height)
                                  .arg(QString::fromStdString(video->video->frame_rate.toString()));
            media::VideoDecoder decoder(path, {}, stop);
            if (auto frame = decoder.next()) {
                media::FrameConverter converter;
                const int width = std::min(max_width, frame->frame->width);
                media::Image image = converter.convert(*frame->frame, {width, 0, AV_PIX_FMT_RGB24});
                preview.first_frame = QImage(image.pixels.data(), image.width, image.height, image.stride(),
                                             QImage::Format_RGB888)
                                          .copy();  // own the pixels past this scope
            }
        } else {
            preview.summary = "audio only";
        }
    } catch (const Error& error) {
        preview.error = QString::fromStdString(error.what());
    }
    return preview;
}

}  // namespace rushes::ui
