// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <filesystem>
#include <stop_token>

namespace rushes::ui {

// What the window shows for one file: the probe as JSON text and the first
// frame. Loaded on a worker thread; plain data, so it crosses threads freely.
struct MediaPreview {
    QString path;
    QString probe_json;
    QString summary;
    QImage first_frame;
    QString error;  // empty when the file was read
};

MediaPreview loadMediaPreview(const std::filesystem::path& path, int max_width, std::stop_token stop);

}  // namespace rushes::ui
