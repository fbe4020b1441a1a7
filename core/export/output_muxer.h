// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "media/ffmpeg_handles.h"

namespace rushes::exporting {

// One output container being written. The container format follows the destination's name (.mp4, .mov,
// .mkv, ...) while the bytes go to `file` (the partial file). Every write error names the destination and
// says plainly when the disk is full.
class OutputMuxer {
public:
    OutputMuxer(const std::filesystem::path& file, const std::filesystem::path& destination);
    OutputMuxer(const OutputMuxer&) = delete;
    OutputMuxer& operator=(const OutputMuxer&) = delete;

    [[nodiscard]] AVFormatContext* context() const noexcept { return format_.get(); }
    [[nodiscard]] const AVOutputFormat* format() const noexcept { return format_->oformat; }
    // QuickTime family (mov, mp4, ...): where tmcd tracks, edit lists and metadata keys apply.
    [[nodiscard]] bool isQuickTime() const;

    // A new stream, its codec described by `parameters`; throws Unsupported when the container cannot hold
    // that codec.
    AVStream* addStream(const AVCodecParameters& parameters);

    // Opens the file and writes the header with these muxer options (e.g. movflags).
    void writeHeader(const std::map<std::string, std::string>& options = {});
    // Takes the packet's data (timestamps in the stream's time base after writeHeader()).
    void write(AVPacket* packet);
    // Flushes interleaving queues and writes the trailer (moov, cues); closes the file.
    void finish();

private:
    [[noreturn]] void throwWriteError(int av_error, const char* what) const;

    std::filesystem::path destination_;
    std::filesystem::path file_;
    media::OutputFormatContextPtr format_;
    bool header_written_ = false;
};

}  // namespace rushes::exporting
