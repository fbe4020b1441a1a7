// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/input_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "base/error.h"
#include "media/container_integrity.h"
#include "media/ffmpeg_error.h"

namespace rushes::media {
namespace {

constexpr std::size_t kSniffBytes = 1 << 20;
// A format recognised only by its file extension (or a score that weak) is a
// guess, not media: a text file named clip.mp4 must be reported as not media.
constexpr int kMinimumProbeScore = AVPROBE_SCORE_EXTENSION / 2;

std::vector<unsigned char> readHead(const std::filesystem::path& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Unreadable, path.string(), std::strerror(errno));
    }
    std::vector<unsigned char> bytes(max_bytes + AVPROBE_PADDING_SIZE, 0);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(max_bytes));
    bytes.resize(static_cast<std::size_t>(in.gcount()) + AVPROBE_PADDING_SIZE, 0);
    return bytes;
}

const AVInputFormat* sniffFormat(const std::filesystem::path& path, std::uintmax_t size) {
    std::vector<unsigned char> head = readHead(path, std::min<std::uintmax_t>(size, kSniffBytes));
    const std::string name = path.string();
    AVProbeData probe_data{};
    probe_data.filename = name.c_str();
    probe_data.buf = head.data();
    probe_data.buf_size = static_cast<int>(head.size() - AVPROBE_PADDING_SIZE);
    int score = 0;
    const AVInputFormat* format = av_probe_input_format3(&probe_data, 1, &score);
    if (!format || score <= kMinimumProbeScore) {
        throw Error(ErrorKind::NotMedia, name, "not a recognised audio or video container");
    }
    return format;
}

}  // namespace

InputFile::InputFile(std::filesystem::path path, std::stop_token stop)
    : path_(std::move(path)), stop_(std::move(stop)) {
    const std::string name = path_.string();
    throwIfStopped();
    std::error_code ec;
    const auto status = std::filesystem::status(path_, ec);
    if (ec || !std::filesystem::exists(status)) {
        throw Error(ErrorKind::Unreadable, name, ec ? ec.message() : "no such file");
    }
    if (std::filesystem::is_directory(status)) {
        throw Error(ErrorKind::Unreadable, name, "is a directory, not a file");
    }
    size_bytes_ = std::filesystem::file_size(path_, ec);
    if (ec) throw Error(ErrorKind::Unreadable, name, ec.message());
    if (size_bytes_ == 0) throw Error(ErrorKind::Empty, name, "the file is empty (0 bytes)");

    const AVInputFormat* format = sniffFormat(path_, size_bytes_);
    if (auto reason = findTruncation(path_, size_bytes_)) {
        throw Error(ErrorKind::Truncated, name, *reason);
    }

    FormatContextPtr context(avformat_alloc_context());
    if (!context) throw std::bad_alloc();
    context->interrupt_callback.callback = &InputFile::interruptCallback;
    context->interrupt_callback.opaque = this;
    // "file:" keeps a name such as "take:2.mov" from being read as a protocol.
    const std::string url = "file:" + std::filesystem::absolute(path_).string();
    AVFormatContext* raw = context.release();  // FFmpeg frees it itself on failure
    int err = avformat_open_input(&raw, url.c_str(), format, nullptr);
    format_.reset(raw);
    if (err == AVERROR_EXIT || stop_.stop_requested()) throw Error(ErrorKind::Cancelled, name, "cancelled while opening");
    if (err < 0) {
        throw Error(ErrorKind::Corrupt, name,
                    std::string("the ") + format->name + " container cannot be read: " + describeAvError(err));
    }
    err = avformat_find_stream_info(format_.get(), nullptr);
    if (err == AVERROR_EXIT || stop_.stop_requested()) {
        throw Error(ErrorKind::Cancelled, name, "cancelled while reading stream info");
    }
    if (err < 0) throw Error(ErrorKind::Corrupt, name, "no readable stream information: " + describeAvError(err));

    bool has_media = false;
    for (unsigned i = 0; i < format_->nb_streams; ++i) {
        const AVMediaType type = format_->streams[i]->codecpar->codec_type;
        has_media = has_media || type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO;
    }
    if (!has_media) throw Error(ErrorKind::NotMedia, name, "the container holds no audio or video stream");
}

InputFile::~InputFile() = default;

int InputFile::interruptCallback(void* opaque) noexcept {
    return static_cast<InputFile*>(opaque)->stop_.stop_requested() ? 1 : 0;
}

int InputFile::bestStream(AVMediaType type) const noexcept {
    const int index = av_find_best_stream(format_.get(), type, -1, -1, nullptr, 0);
    if (index < 0) return -1;
    // Cover art is a "video" stream of one picture; it is not footage.
    if (type == AVMEDIA_TYPE_VIDEO && (format_->streams[index]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
        return -1;
    }
    return index;
}

bool InputFile::readPacket(AVPacket* packet) {
    throwIfStopped();
    const int err = av_read_frame(format_.get(), packet);
    if (err == AVERROR_EOF) return false;
    if (err == AVERROR_EXIT || stop_.stop_requested()) throw Error(ErrorKind::Cancelled, name(), "cancelled");
    if (err == AVERROR(EIO)) throw Error(ErrorKind::Io, name(), "read error: " + describeAvError(err));
    if (err < 0) {
        // avio reaching the end early surfaces as EOF above; anything else is damage.
        if (avio_feof(format_->pb)) return false;
        throw Error(ErrorKind::Corrupt, name(), "cannot read a packet: " + describeAvError(err));
    }
    return true;
}

void InputFile::throwIfStopped() const {
    if (stop_.stop_requested()) throw Error(ErrorKind::Cancelled, name(), "cancelled");
}

}  // namespace rushes::media
