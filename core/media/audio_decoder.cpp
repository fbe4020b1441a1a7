// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/audio_decoder.h"

#include "base/error.h"

namespace rushes::media {

AudioDecoder::AudioDecoder(const std::filesystem::path& path, const AudioSpec& spec, std::stop_token stop,
                           int stream_index)
    : input_(std::make_unique<InputFile>(path, std::move(stop))), frame_(makeFrame()) {
    stream_index_ = stream_index >= 0 ? stream_index : input_->bestStream(AVMEDIA_TYPE_AUDIO);
    AVFormatContext* format = input_->context();
    if (stream_index_ < 0 || static_cast<unsigned>(stream_index_) >= format->nb_streams ||
        format->streams[stream_index_]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) {
        throw Error(ErrorKind::NotMedia, input_->name(), "no audio stream");
    }
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != stream_index_) format->streams[i]->discard = AVDISCARD_ALL;
    }
    decoder_ = std::make_unique<StreamDecoder>(*input_, stream_index_);
    converter_ = std::make_unique<AudioConverter>(*format->streams[stream_index_]->codecpar, spec, input_->name());
}

std::optional<AudioChunk> AudioDecoder::next() {
    while (decoder_->decodeNext(frame_.get())) {
        AudioChunk chunk = converter_->convert(*frame_);
        av_frame_unref(frame_.get());
        if (chunk.samples > 0) return chunk;
    }
    if (flushed_) return std::nullopt;
    flushed_ = true;  // the resampler holds a few samples of filter delay
    AudioChunk tail = converter_->flush();
    if (tail.samples > 0) return tail;
    return std::nullopt;
}

}  // namespace rushes::media
