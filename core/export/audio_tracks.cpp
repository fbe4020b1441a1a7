// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/audio_tracks.h"

#include <fmt/format.h>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::exporting {

AudioTracks::AudioTracks(const ClipSource& source, const AVFormatContext& input, OutputMuxer& muxer,
                         Rational start_seconds, Rational end_seconds, const TargetChooser& choose,
                         std::stop_token stop) {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream& stream = *input.streams[i];
        if (stream.codecpar->codec_type != AVMEDIA_TYPE_AUDIO) continue;
        if (!avcodec_find_decoder(stream.codecpar->codec_id)) {
            notes_.push_back(fmt::format("audio stream {} ({}) left out: no decoder", i,
                                         avcodec_get_name(stream.codecpar->codec_id)));
            continue;
        }
        const AudioTarget target = choose(stream);
        Track track;
        track.transcoder =
            std::make_unique<AudioTranscoder>(source, static_cast<int>(i), start_seconds, end_seconds, target, stop);
        const AVCodecContext& encoder = track.transcoder->encoder();
        AVCodecParameters* parameters = avcodec_parameters_alloc();
        if (!parameters) throw std::bad_alloc();
        int err = avcodec_parameters_from_context(parameters, &encoder);
        if (err >= 0) {
            try {
                track.output = muxer.addStream(*parameters);
            } catch (...) {
                avcodec_parameters_free(&parameters);
                throw;
            }
        }
        avcodec_parameters_free(&parameters);
        if (err < 0)
            throw Error(ErrorKind::Internal, source.name(), "audio parameters: " + media::describeAvError(err));
        track.output->time_base = encoder.time_base;
        track.output->disposition = stream.disposition;
        av_dict_copy(&track.output->metadata, stream.metadata, 0);
        track.pending = media::makePacket();
        if (target.codec != stream.codecpar->codec_id) {
            notes_.push_back(fmt::format("audio stream {} re-encoded from {} to {}", i,
                                         avcodec_get_name(stream.codecpar->codec_id), avcodec_get_name(target.codec)));
        }
        tracks_.push_back(std::move(track));
    }
}

bool AudioTracks::fill(Track& track) {
    if (track.done) return false;
    if (track.pending->data) return true;
    if (!track.transcoder->next(track.pending.get())) {
        track.done = true;
        return false;
    }
    return true;
}

void AudioTracks::writeUntil(OutputMuxer& muxer, Rational seconds) {
    for (Track& track : tracks_) {
        const AVRational encoder_tb = track.transcoder->encoder().time_base;
        const Rational unit = Rational::make(encoder_tb.num, encoder_tb.den);
        while (fill(track) && compareScaled(track.pending->pts, unit, seconds.num, Rational{1, seconds.den}) < 0) {
            av_packet_rescale_ts(track.pending.get(), encoder_tb, track.output->time_base);
            track.pending->stream_index = track.output->index;
            muxer.write(track.pending.get());
            av_packet_unref(track.pending.get());
        }
    }
}

void AudioTracks::writeRest(OutputMuxer& muxer) {
    for (Track& track : tracks_) {
        const AVRational encoder_tb = track.transcoder->encoder().time_base;
        while (fill(track)) {
            av_packet_rescale_ts(track.pending.get(), encoder_tb, track.output->time_base);
            track.pending->stream_index = track.output->index;
            muxer.write(track.pending.get());
            av_packet_unref(track.pending.get());
        }
    }
}

std::int64_t AudioTracks::samples() const {
    return tracks_.empty() ? 0 : tracks_.front().transcoder->totalSamples();
}

}  // namespace rushes::exporting
