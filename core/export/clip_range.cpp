// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/clip_range.h"

#include <fmt/format.h>

#include "base/error.h"

namespace rushes::exporting {
namespace {

std::optional<Rational> parseDecimalSeconds(std::string_view text) {
    std::int64_t num = 0;
    std::int64_t den = 1;
    bool point = false;
    int digits = 0;
    for (char c : text) {
        if (c == '.' && !point) {
            point = true;
        } else if (c >= '0' && c <= '9') {
            if (++digits > 15) return std::nullopt;
            num = num * 10 + (c - '0');
            if (point) den *= 10;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0) return std::nullopt;
    return Rational::make(num, den);
}

std::string describe(const ClipPoint& point) {
    switch (point.kind) {
        case ClipPoint::Kind::Frame: return fmt::format("frame {}", point.frame);
        case ClipPoint::Kind::Seconds: return point.text.empty() ? point.seconds.toString() + " s" : point.text;
        case ClipPoint::Kind::Timecode: return "timecode " + point.text;
    }
    return point.text;
}

}  // namespace

ClipPoint ClipPoint::parse(std::string_view text) {
    const std::string subject = "time '" + std::string(text) + "'";
    ClipPoint point;
    point.text = std::string(text);
    if (text.find_first_of(":;") != std::string_view::npos) {
        point.kind = Kind::Timecode;  // checked against the clip's rate when resolved
        return point;
    }
    if (text.ends_with('s')) {
        const auto seconds = parseDecimalSeconds(text.substr(0, text.size() - 1));
        if (!seconds) throw Error(ErrorKind::InvalidArgument, subject, "expected seconds such as 4.8s");
        point.kind = Kind::Seconds;
        point.seconds = *seconds;
        return point;
    }
    if (!text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string_view::npos) {
        point.kind = Kind::Frame;
        for (char c : text) point.frame = point.frame * 10 + (c - '0');
        return point;
    }
    throw Error(ErrorKind::InvalidArgument, subject, "expected frames (120), seconds (4.8s) or timecode (00:00:04:20)");
}

ClipPoint ClipPoint::atFrame(std::int64_t frame) {
    ClipPoint point;
    point.kind = Kind::Frame;
    point.frame = frame;
    point.text = std::to_string(frame);
    return point;
}

ClipPoint ClipPoint::atSeconds(Rational seconds) {
    ClipPoint point;
    point.kind = Kind::Seconds;
    point.seconds = seconds;
    return point;
}

Rational ResolvedClip::duration() const {
    return Rational::make(out_pts - in_pts, 1) * time_base;
}

std::int64_t resolvePoint(const ClipSource& source, const ClipPoint& point, bool is_out) {
    const std::int64_t count = source.frameCount();
    const std::string which = is_out ? "out" : "in";
    const auto pastEnd = [&](const std::string& what) {
        return Error(
            ErrorKind::InvalidArgument, source.name(),
            fmt::format("{} point {} is past the end: the clip has {} frames ({} to {}, out at most {})", which, what,
                        count, source.timecodeOfFrame(0).toString(), source.timecodeOfFrame(count - 1).toString(),
                        source.timecodeOfFrame(count).toString()));
    };
    std::int64_t frame = 0;
    switch (point.kind) {
        case ClipPoint::Kind::Frame: frame = point.frame; break;
        case ClipPoint::Kind::Seconds: {
            if (point.seconds < Rational{0, 1}) {
                throw Error(ErrorKind::InvalidArgument, source.name(),
                            which + " point " + describe(point) + " is negative");
            }
            const std::int64_t first_pts = source.ptsOfFrame(0);
            const std::int64_t end_pts = source.ptsOfFrame(count);
            // Nearest tick: containers round stored times (Matroska keeps milliseconds), so 41.708 ms must
            // still land on the frame stored at 42 ms.
            const std::int64_t pts = first_pts + rescale(point.seconds.num, Rational{1, point.seconds.den},
                                                         source.timeBase(), Rounding::Nearest);
            if (pts >= end_pts) {
                if (is_out && pts == end_pts) return count;
                throw pastEnd(describe(point));
            }
            frame = source.index().frameAtOrBefore(pts);
            break;
        }
        case ClipPoint::Kind::Timecode: {
            const Timecode start = source.startTimecode() ? *source.startTimecode() : source.timecodeOfFrame(0);
            Timecode label = start;
            try {
                label = Timecode::parse(point.text, start.rate());
            } catch (const std::exception& error) {
                throw Error(ErrorKind::InvalidArgument, source.name(), which + " point: " + error.what());
            }
            if (label.frames() < start.frames()) {
                throw Error(ErrorKind::InvalidArgument, source.name(),
                            fmt::format("{} point {} is before the clip's start timecode {}", which, describe(point),
                                        start.toString()));
            }
            frame = label.frames() - start.frames();
            break;
        }
    }
    if (frame < 0)
        throw Error(ErrorKind::InvalidArgument, source.name(), which + " point " + describe(point) + " is negative");
    if (frame > count || (!is_out && frame == count)) throw pastEnd(describe(point));
    return frame;
}

ResolvedClip clipOfFrames(const ClipSource& source, std::int64_t in_frame, std::int64_t out_frame) {
    ResolvedClip clip;
    clip.in_frame = in_frame;
    clip.out_frame = out_frame;
    clip.in_pts = source.ptsOfFrame(in_frame);
    clip.out_pts = source.ptsOfFrame(out_frame);
    clip.time_base = source.timeBase();
    return clip;
}

ResolvedClip resolveClip(const ClipSource& source, const ClipRange& range) {
    const std::int64_t in = resolvePoint(source, range.in, false);
    const std::int64_t out = resolvePoint(source, range.out, true);
    if (in >= out) {
        throw Error(ErrorKind::InvalidArgument, source.name(),
                    in == out ? fmt::format("in and out are both frame {} ({}): the clip would be empty", in,
                                            source.timecodeOfFrame(in).toString())
                              : fmt::format("in (frame {}, {}) must come before out (frame {}, {}); out is the first "
                                            "frame not taken",
                                            in, source.timecodeOfFrame(in).toString(), out,
                                            source.timecodeOfFrame(out).toString()));
    }
    return clipOfFrames(source, in, out);
}

}  // namespace rushes::exporting
