// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <stop_token>
#include <string>

#include "media/ffmpeg_handles.h"

namespace rushes::media {

// An opened container: classifies why a file cannot be opened (empty,
// unreadable, not media, truncated, corrupt) and wires FFmpeg's interrupt
// callback to a stop token, so a read from a dead network share or a long
// stream-info scan returns as soon as the caller cancels.
class InputFile {
public:
    explicit InputFile(std::filesystem::path path, std::stop_token stop = {});
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();

    [[nodiscard]] AVFormatContext* context() const noexcept { return format_.get(); }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::string name() const { return path_.string(); }
    [[nodiscard]] std::uintmax_t sizeBytes() const noexcept { return size_bytes_; }
    [[nodiscard]] const std::stop_token& stopToken() const noexcept { return stop_; }

    // The stream FFmpeg would pick for this type, or -1.
    [[nodiscard]] int bestStream(AVMediaType type) const noexcept;

    // Reads the next packet into `packet`. Returns false at the end of the
    // file; throws Cancelled when stopped and Corrupt/Io on read errors.
    bool readPacket(AVPacket* packet);

    void throwIfStopped() const;

private:
    static int interruptCallback(void* opaque) noexcept;

    std::filesystem::path path_;
    std::stop_token stop_;
    std::uintmax_t size_bytes_ = 0;
    FormatContextPtr format_;
};

}  // namespace rushes::media
