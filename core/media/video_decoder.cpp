// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/video_decoder.h"

#include <string>

#include "base/error.h"
#include "media/ffmpeg_error.h"

namespace rushes::media {
namespace {

// How many earlier keyframes a seek may fall back to before giving up on a
// frame the decoder will not produce (damage, or a wrong container index).
constexpr int kSeekRetries = 3;

}  // namespace

VideoDecoder::VideoDecoder(const std::filesystem::path& path, const DecoderOptions& options,
                           std::stop_token stop)
    : input_(std::make_unique<InputFile>(path, std::move(stop))) {
    stream_index_ = input_->bestStream(AVMEDIA_TYPE_VIDEO);
    if (stream_index_ < 0) throw Error(ErrorKind::NotMedia, input_->name(), "no video stream");
    AVFormatContext* format = input_->context();
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (static_cast<int>(i) != stream_index_) format->streams[i]->discard = AVDISCARD_ALL;
    }
    const AVStream* stream = format->streams[stream_index_];
    time_base_ = Rational::make(stream->time_base.num, stream->time_base.den);
    if (stream->r_frame_rate.den > 0) frame_rate_ = Rational::make(stream->r_frame_rate.num, stream->r_frame_rate.den);
    decoder_ = std::make_unique<StreamDecoder>(*input_, stream_index_, options);
}

const FrameIndex& VideoDecoder::index() {
    if (!index_) index_ = FrameIndex::build(input_->path(), stream_index_, input_->stopToken());
    return *index_;
}

void VideoDecoder::setIndex(FrameIndex index) { index_ = std::move(index); }

VideoFrame VideoDecoder::wrap(FramePtr frame) {
    VideoFrame out;
    out.pts = framePresentationTime(*frame);
    out.time_base = time_base_;
    if (index_) {
        out.index = index_->frameAtOrBefore(out.pts);
    } else {
        out.index = next_sequential_index_;
    }
    next_sequential_index_ = out.index + 1;
    last_pts_ = out.pts;
    out.frame = std::move(frame);
    return out;
}

std::optional<VideoFrame> VideoDecoder::next() {
    FramePtr frame = makeFrame();
    if (!decoder_->decodeNext(frame.get())) return std::nullopt;
    return wrap(std::move(frame));
}

std::optional<VideoFrame> VideoDecoder::decodeKeyframeAtOrBefore(std::int64_t pts) {
    seekToKeyframe(KeyframeEntry{pts, pts}, false);
    last_pts_.reset();
    return next();
}

std::optional<std::int64_t> VideoDecoder::seekToKeyframe(const KeyframeEntry& keyframe, bool by_dts) {
    const std::int64_t target = by_dts ? keyframe.dts : keyframe.pts;
    const int err = av_seek_frame(input_->context(), stream_index_, target, AVSEEK_FLAG_BACKWARD);
    if (err < 0) throw Error(ErrorKind::Corrupt, input_->name(), "cannot seek: " + describeAvError(err));
    return decoder_->startAtNextKeyframe();
}

VideoFrame VideoDecoder::seek(std::int64_t frame_index) {
    const FrameIndex& frames = index();
    if (frame_index < 0 || frame_index >= frames.frameCount()) {
        throw Error(ErrorKind::InvalidArgument, input_->name(),
                    "frame " + std::to_string(frame_index) + " is outside 0.." +
                        std::to_string(frames.frameCount() - 1));
    }
    const std::int64_t target = frames.ptsOf(frame_index);
    std::optional<KeyframeEntry> keyframe = frames.keyframeAtOrBefore(target);
    if (!keyframe) keyframe = frames.keyframes().front();

    // Stepping forward inside the current GOP needs no seek: keep decoding.
    bool decode_on = false;
    if (last_pts_ && *last_pts_ < target) {
        const auto current = frames.keyframeAtOrBefore(*last_pts_);
        decode_on = current && current->pts == keyframe->pts;
    }

    FramePtr frame = makeFrame();
    for (int attempt = 0; attempt <= kSeekRetries; ++attempt) {
        if (!decode_on) {
            const auto landed = seekToKeyframe(*keyframe, attempt > 0);
            if (landed && *landed != AV_NOPTS_VALUE && *landed > keyframe->pts) {
                // The demuxer overshot (its index may hold decode times): go one keyframe back.
                if (auto earlier = frames.keyframeAtOrBefore(keyframe->pts - 1)) keyframe = earlier;
                seekToKeyframe(*keyframe, true);
            }
        }
        decode_on = false;
        while (decoder_->decodeNext(frame.get())) {
            const std::int64_t pts = framePresentationTime(*frame);
            if (pts == target) {
                VideoFrame out = wrap(std::move(frame));
                out.index = frame_index;
                return out;
            }
            if (pts > target) break;  // the target never came out of this GOP
            av_frame_unref(frame.get());
        }
        av_frame_unref(frame.get());
        last_pts_.reset();
        if (auto earlier = frames.keyframeAtOrBefore(keyframe->pts - 1)) keyframe = earlier;
    }
    throw Error(ErrorKind::Corrupt, input_->name(),
                "frame " + std::to_string(frame_index) + " cannot be decoded (damaged stream?)");
}

}  // namespace rushes::media
