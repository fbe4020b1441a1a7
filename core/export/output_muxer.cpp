// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/output_muxer.h"

#include <cerrno>
#include <cstring>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::exporting {

OutputMuxer::OutputMuxer(const std::filesystem::path& file, const std::filesystem::path& destination)
    : destination_(destination), file_(file) {
    const AVOutputFormat* format = av_guess_format(nullptr, destination.filename().c_str(), nullptr);
    if (!format) {
        throw Error(ErrorKind::InvalidArgument, destination.string(),
                    "no container is known for this file name; use .mp4, .mov or .mkv");
    }
    AVFormatContext* raw = nullptr;
    const int err = avformat_alloc_output_context2(&raw, format, nullptr, file.c_str());
    if (err < 0 || !raw) {
        throw Error(ErrorKind::Internal, destination.string(),
                    "cannot set up the muxer: " + media::describeAvError(err));
    }
    format_.reset(raw);
}

bool OutputMuxer::isQuickTime() const {
    const std::string name = format_->oformat->name;
    return name == "mov" || name == "mp4" || name == "ipod" || name == "ismv" || name == "3gp";
}

AVStream* OutputMuxer::addStream(const AVCodecParameters& parameters) {
    if (avformat_query_codec(format_->oformat, parameters.codec_id, FF_COMPLIANCE_NORMAL) == 0) {
        throw Error(ErrorKind::Unsupported, destination_.string(),
                    std::string("a ") + format_->oformat->name + " file cannot hold " +
                        avcodec_get_name(parameters.codec_id) + "; choose another container");
    }
    AVStream* stream = avformat_new_stream(format_.get(), nullptr);
    if (!stream) throw std::bad_alloc();
    const int err = avcodec_parameters_copy(stream->codecpar, &parameters);
    if (err < 0)
        throw Error(ErrorKind::Internal, destination_.string(),
                    "cannot copy codec parameters: " + media::describeAvError(err));
    return stream;
}

void OutputMuxer::writeHeader(const std::map<std::string, std::string>& options) {
    if (!(format_->oformat->flags & AVFMT_NOFILE)) {
        const int err = avio_open(&format_->pb, file_.c_str(), AVIO_FLAG_WRITE);
        if (err < 0) throwWriteError(err, "cannot open the output for writing");
    }
    AVDictionary* dictionary = nullptr;
    for (const auto& [key, value] : options) av_dict_set(&dictionary, key.c_str(), value.c_str(), 0);
    const int err = avformat_write_header(format_.get(), &dictionary);
    av_dict_free(&dictionary);
    if (err < 0) throwWriteError(err, "cannot write the container header");
    header_written_ = true;
}

void OutputMuxer::write(AVPacket* packet) {
    const int err = av_interleaved_write_frame(format_.get(), packet);
    if (err < 0) throwWriteError(err, "cannot write a packet");
    // avio keeps a write error to itself until the next flush; surface a full disk now, not at the end.
    if (format_->pb && format_->pb->error < 0) throwWriteError(format_->pb->error, "cannot write");
}

void OutputMuxer::finish() {
    if (!header_written_) throw Error(ErrorKind::Internal, destination_.string(), "finish() before writeHeader()");
    int err = av_write_trailer(format_.get());
    if (err < 0) throwWriteError(err, "cannot finish the file");
    if (format_->pb) {
        avio_flush(format_->pb);
        if (format_->pb->error < 0) throwWriteError(format_->pb->error, "cannot finish the file");
        err = avio_closep(&format_->pb);
        if (err < 0) throwWriteError(err, "cannot close the file");
    }
}

void OutputMuxer::throwWriteError(int av_error, const char* what) const {
    if (av_error == AVERROR(ENOSPC) || av_error == AVERROR(EDQUOT)) {
        throw Error(ErrorKind::Io, destination_.string(),
                    std::string("the disk is full (") + std::strerror(ENOSPC) + ")");
    }
    if (av_error == AVERROR(EROFS) || av_error == AVERROR(EACCES) || av_error == AVERROR(EPERM)) {
        throw Error(ErrorKind::Io, destination_.string(),
                    std::string(what) + ": the folder is not writable (" + media::describeAvError(av_error) + ")");
    }
    throw Error(ErrorKind::Io, destination_.string(), std::string(what) + ": " + media::describeAvError(av_error));
}

}  // namespace rushes::exporting
