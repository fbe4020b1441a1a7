// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/stream_decoder.h"

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::media {

StreamDecoder::StreamDecoder(const InputFile& input, int stream_index, const DecoderOptions& options)
    : input_(input), stream_index_(stream_index) {
    AVFormatContext* format = input.context();
    if (stream_index < 0 || static_cast<unsigned>(stream_index) >= format->nb_streams) {
        throw Error(ErrorKind::InvalidArgument, input.name(), "no stream #" + std::to_string(stream_index));
    }
    const AVCodecParameters* params = format->streams[stream_index]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(params->codec_id);
    if (!codec) {
        throw Error(ErrorKind::Unsupported, input.name(),
                    std::string("no decoder for ") + avcodec_get_name(params->codec_id) + " in stream #" +
                        std::to_string(stream_index));
    }
    codec_.reset(avcodec_alloc_context3(codec));
    if (!codec_) throw std::bad_alloc();
    int err = avcodec_parameters_to_context(codec_.get(), params);
    if (err < 0) throw Error(ErrorKind::Corrupt, input.name(), "bad codec parameters: " + describeAvError(err));
    codec_->pkt_timebase = format->streams[stream_index]->time_base;
    codec_->thread_count = options.threads;
    codec_->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (options.skip_loop_filter) codec_->skip_loop_filter = AVDISCARD_ALL;
    if (options.keyframes_only) codec_->skip_frame = AVDISCARD_NONKEY;
    err = avcodec_open2(codec_.get(), codec, nullptr);
    if (err < 0) {
        throw Error(ErrorKind::Unsupported, input.name(),
                    std::string("cannot open the ") + codec->name + " decoder: " + describeAvError(err));
    }
}

bool StreamDecoder::send(const AVPacket* packet) {
    const int err = avcodec_send_packet(codec_.get(), packet);
    if (err == AVERROR(EAGAIN)) return false;
    if (err == AVERROR_EOF) return true;  // already draining
    // A damaged packet mid-stream is not fatal: the decoder resynchronises on the
    // next one, and the caller sees a gap in frame numbers, not a crash.
    return true;
}

bool StreamDecoder::receive(AVFrame* frame) {
    const int err = avcodec_receive_frame(codec_.get(), frame);
    if (err == 0) return true;
    if (err == AVERROR_EOF) {
        drained_ = true;
        return false;
    }
    if (err == AVERROR(EAGAIN)) return false;
    throw Error(ErrorKind::Corrupt, input_.name(),
                "decoding stream #" + std::to_string(stream_index_) + " failed: " + describeAvError(err));
}

void StreamDecoder::flush() {
    avcodec_flush_buffers(codec_.get());
    drained_ = false;
}

}  // namespace rushes::media
