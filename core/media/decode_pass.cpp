// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/decode_pass.h"

#include <algorithm>

#include "base/error.h"

namespace rushes::media {

DecodePass::DecodePass(const std::filesystem::path& path, const DecoderOptions& video_options, bool with_audio,
                       std::stop_token stop)
    : input_(std::make_unique<InputFile>(path, std::move(stop))), frame_(makeFrame()) {
    AVFormatContext* format = input_->context();
    const int video_index = input_->bestStream(AVMEDIA_TYPE_VIDEO);
    const int audio_index = with_audio ? input_->bestStream(AVMEDIA_TYPE_AUDIO) : -1;
    if (video_index < 0 && audio_index < 0) {
        throw Error(ErrorKind::NotMedia, input_->name(), with_audio ? "no video or audio stream" : "no video stream");
    }
    // Streams nobody decodes are not even demuxed into packets.
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != video_index && static_cast<int>(i) != audio_index) {
            format->streams[i]->discard = AVDISCARD_ALL;
        }
    }
    if (video_index >= 0) {
        const AVStream* stream = format->streams[video_index];
        video_time_base_ = Rational::make(stream->time_base.num, stream->time_base.den);
        if (stream->r_frame_rate.den > 0 && stream->r_frame_rate.num > 0) {
            video_frame_rate_ = Rational::make(stream->r_frame_rate.num, stream->r_frame_rate.den);
        }
        video_ = std::make_unique<StreamDecoder>(*input_, video_index, video_options);
    }
    if (audio_index >= 0) audio_ = std::make_unique<StreamDecoder>(*input_, audio_index);
}

const AVCodecParameters* DecodePass::audioParameters() const noexcept {
    return audio_ ? input_->context()->streams[audio_->streamIndex()]->codecpar : nullptr;
}

void DecodePass::drain(StreamDecoder& decoder, const std::function<void(const AVFrame&)>& handler,
                       std::int64_t& count, std::int64_t& damaged) {
    while (decoder.receive(frame_.get())) {
        ++count;
        if ((frame_->flags & AV_FRAME_FLAG_CORRUPT) != 0 || frame_->decode_error_flags != 0) ++damaged;
        if (handler) handler(*frame_);
        av_frame_unref(frame_.get());
    }
}

DecodePassReport DecodePass::run(const Handlers& handlers) {
    DecodePassReport report;
    PacketPtr packet = makePacket();
    const double size = static_cast<double>(std::max<std::uintmax_t>(1, input_->sizeBytes()));
    std::int64_t packets = 0;
    try {
        while (input_->readPacket(packet.get())) {
            StreamDecoder* decoder = nullptr;
            if (video_ && packet->stream_index == video_->streamIndex()) decoder = video_.get();
            if (audio_ && packet->stream_index == audio_->streamIndex()) decoder = audio_.get();
            if (decoder) {
                // The demuxer flags packets it knows are damaged (MPEG-TS continuity errors); the
                // decoder rejects others.
                const bool flagged = (packet->flags & AV_PKT_FLAG_CORRUPT) != 0;
                if (!decoder->feed(packet.get()) || flagged) ++report.damaged_packets;
                if (decoder == video_.get()) {
                    drain(*video_, handlers.video, report.video_frames, report.damaged_frames);
                } else {
                    drain(*audio_, handlers.audio, report.audio_frames, report.damaged_frames);
                }
            }
            av_packet_unref(packet.get());
            if (handlers.progress && ++packets % 64 == 0 && input_->context()->pb) {
                handlers.progress(std::min(1.0, static_cast<double>(avio_tell(input_->context()->pb)) / size));
            }
        }
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::Corrupt && error.kind() != ErrorKind::Io) throw;
        report.stopped_early = true;
        report.problem = error.reason();
    }
    // Drain both decoders: frame threads and B-frame reordering hold frames back.
    try {
        if (video_) {
            video_->feed(nullptr);
            drain(*video_, handlers.video, report.video_frames, report.damaged_frames);
        }
        if (audio_) {
            audio_->feed(nullptr);
            drain(*audio_, handlers.audio, report.audio_frames, report.damaged_frames);
        }
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::Corrupt) throw;
        report.stopped_early = true;
        if (report.problem.empty()) report.problem = error.reason();
    }
    input_->throwIfStopped();
    if (handlers.progress) handlers.progress(1.0);
    return report;
}

}  // namespace rushes::media
