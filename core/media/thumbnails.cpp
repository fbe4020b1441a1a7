// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/thumbnails.h"

#include <cmath>

#include "base/error.h"
#include "media/video_decoder.h"

namespace rushes::media {
namespace {

// Spread of brightness: black, white and flat frames score near zero.
double detailScore(const Image& image) {
    const int bpp = image.bytesPerPixel();
    double sum = 0;
    double sum_sq = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i + static_cast<std::size_t>(bpp) <= image.pixels.size(); i += static_cast<std::size_t>(bpp) * 4) {
        const double value = image.pixels[i];
        sum += value;
        sum_sq += value * value;
        ++count;
    }
    if (count == 0) return 0;
    const double mean = sum / static_cast<double>(count);
    return std::sqrt(std::max(0.0, sum_sq / static_cast<double>(count) - mean * mean));
}

}  // namespace

ThumbnailSet makeThumbnails(const std::filesystem::path& path, const ThumbnailRequest& request, std::stop_token stop,
                            const ThumbnailProgress& progress) {
    if (request.count <= 0) throw Error(ErrorKind::InvalidArgument, path.string(), "thumbnail count must be positive");
    DecoderOptions options;
    options.keyframes_only = request.path == ThumbnailPath::Keyframes;
    VideoDecoder decoder(path, options, std::move(stop));
    FrameConverter converter;
    const ImageSpec spec{request.width, 0, request.format, ScalePath::Auto};

    ThumbnailSet set;
    if (request.path == ThumbnailPath::Exact) {
        const std::int64_t frames = decoder.index().frameCount();
        for (int k = 0; k < request.count; ++k) {
            const std::int64_t target = std::min(frames - 1, (2 * k + 1) * frames / (2 * request.count));
            VideoFrame frame = decoder.seek(target);
            set.evenly_spaced.push_back({frame.pts, frame.time_base, frame.index, converter.convert(*frame.frame, spec)});
            if (progress) progress(static_cast<double>(k + 1) / request.count);
        }
    } else {
        const AVFormatContext* format = decoder.input().context();
        const AVStream* stream = format->streams[decoder.streamIndex()];
        const std::int64_t start = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
        std::int64_t duration = stream->duration;
        if (duration == AV_NOPTS_VALUE || duration <= 0) {
            duration = format->duration > 0 ? av_rescale_q(format->duration, AV_TIME_BASE_Q, stream->time_base) : 0;
        }
        for (int k = 0; k < request.count; ++k) {
            const std::int64_t pts = start + (2 * k + 1) * duration / (2 * request.count);
            auto frame = decoder.decodeKeyframeAtOrBefore(pts);
            if (!frame) continue;
            if (!set.evenly_spaced.empty() && set.evenly_spaced.back().pts == frame->pts) continue;  // sparse keyframes
            set.evenly_spaced.push_back({frame->pts, frame->time_base, -1, converter.convert(*frame->frame, spec)});
            if (progress) progress(static_cast<double>(k + 1) / request.count);
        }
    }
    if (request.path == ThumbnailPath::Keyframes && static_cast<int>(set.evenly_spaced.size()) < request.count) {
        // Keyframes too sparse to fill every slot (a phone clip with one
        // keyframe): exact frames cost an index pass but give what was asked.
        ThumbnailRequest exact = request;
        exact.path = ThumbnailPath::Exact;
        return makeThumbnails(path, exact, decoder.input().stopToken(), progress);
    }
    if (set.evenly_spaced.empty()) throw Error(ErrorKind::Corrupt, path.string(), "no picture could be decoded");
    const Thumbnail* best = &set.evenly_spaced.front();
    double best_score = -1;
    for (const Thumbnail& thumb : set.evenly_spaced) {
        const double score = detailScore(thumb.image);
        if (score > best_score + 1.0) {  // prefer earlier frames unless clearly more detailed
            best = &thumb;
            best_score = score;
        }
    }
    set.poster = *best;
    return set;
}

}  // namespace rushes::media
