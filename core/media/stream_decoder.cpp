// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/stream_decoder.h"

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::media {

StreamDecoder::StreamDecoder(InputFile& input, int stream_index, const DecoderOptions& options)
    : input_(input), stream_index_(stream_index), packet_(makePacket()) {
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

bool StreamDecoder::decodeNext(AVFrame* frame) {
    for (;;) {
        if (receive(frame)) return true;
        if (drained_) return false;
        if (!packet_pending_) {
            if (input_ended_) {
                avcodec_send_packet(codec_.get(), nullptr);  // enter draining mode
                continue;
            }
            if (!input_.readPacket(packet_.get())) {
                input_ended_ = true;
                continue;
            }
            if (packet_->stream_index != stream_index_) {
                av_packet_unref(packet_.get());
                continue;
            }
            packet_pending_ = true;
        }
        // EAGAIN: the decoder wants its output read first; keep the packet.
        // Any other error is a damaged packet: the decoder resynchronises on the
        // next one, and the caller sees a gap in frame numbers, not a crash.
        if (avcodec_send_packet(codec_.get(), packet_.get()) != AVERROR(EAGAIN)) {
            av_packet_unref(packet_.get());
            packet_pending_ = false;
        }
    }
}

bool StreamDecoder::feed(const AVPacket* packet) {
    // EAGAIN cannot happen to a caller that receives after every packet, and
    // drops one frame at worst if it does; EOF after draining is not damage.
    const int err = avcodec_send_packet(codec_.get(), packet);
    return err >= 0 || err == AVERROR(EAGAIN) || err == AVERROR_EOF;
}

void StreamDecoder::reset() {
    avcodec_flush_buffers(codec_.get());
    av_packet_unref(packet_.get());
    packet_pending_ = false;
    input_ended_ = false;
    drained_ = false;
}

std::optional<std::int64_t> StreamDecoder::startAtNextKeyframe() {
    reset();
    while (input_.readPacket(packet_.get())) {
        if (packet_->stream_index == stream_index_ && (packet_->flags & AV_PKT_FLAG_KEY)) {
            packet_pending_ = true;
            return packet_->pts;
        }
        av_packet_unref(packet_.get());
    }
    input_ended_ = true;
    return std::nullopt;
}

}  // namespace rushes::media
