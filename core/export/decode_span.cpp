// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/decode_span.h"

#include <algorithm>
#include <optional>

#include "base/error.h"

namespace rushes::exporting {
namespace {

// Tracks which frames a growing prefix shows, from the first keyframe on.
class ShownFrames {
public:
    explicit ShownFrames(std::int64_t first) : first_(first), max_(first - 1) {}

    // The packet's frame if it is shown in the span (not a leading picture, not discarded by an edit list).
    [[nodiscard]] std::optional<std::int64_t> frameOf(const PacketStamp& packet, const media::FrameIndex& index) const {
        const auto frame = index.frameWithPts(packet.pts);
        if (!frame || *frame < first_) return std::nullopt;
        return frame;
    }
    void add(std::int64_t frame) {
        ++count_;
        max_ = std::max(max_, frame);
    }
    [[nodiscard]] bool contiguous() const noexcept { return count_ > 0 && max_ - first_ + 1 == count_; }
    [[nodiscard]] std::int64_t end() const noexcept { return max_ + 1; }

private:
    std::int64_t first_;
    std::int64_t max_;
    std::int64_t count_ = 0;
};

std::int64_t firstFrame(const std::vector<PacketStamp>& packets, const media::FrameIndex& index) {
    if (packets.empty() || !packets.front().keyframe) {
        throw Error(ErrorKind::Internal, "decode span", "a span must start at a keyframe packet");
    }
    const auto frame = index.frameWithPts(packets.front().pts);
    if (!frame) throw Error(ErrorKind::Internal, "decode span", "the keyframe is not in the frame index");
    return *frame;
}

}  // namespace

DecodeSpan shortestSpanReaching(const std::vector<PacketStamp>& packets, const media::FrameIndex& index,
                                std::int64_t end_frame) {
    const std::int64_t first = firstFrame(packets, index);
    ShownFrames shown(first);
    for (std::size_t i = 0; i < packets.size(); ++i) {
        if (const auto frame = shown.frameOf(packets[i], index)) shown.add(*frame);
        if (shown.contiguous() && shown.end() >= end_frame) return {i + 1, first, shown.end()};
    }
    if (!shown.contiguous()) {
        throw Error(ErrorKind::Corrupt, "decode span", "the stream's frames after the keyframe have holes");
    }
    return {packets.size(), first, shown.end()};
}

DecodeSpan longestSpanBefore(const std::vector<PacketStamp>& packets, const media::FrameIndex& index,
                             std::int64_t limit_frame) {
    const std::int64_t first = firstFrame(packets, index);
    ShownFrames shown(first);
    DecodeSpan best{0, first, first};
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const auto frame = shown.frameOf(packets[i], index);
        if (frame && *frame >= limit_frame) break;  // from here on every prefix shows a frame past the limit
        if (frame) shown.add(*frame);
        if (shown.contiguous()) best = {i + 1, first, shown.end()};
    }
    return best;
}

std::vector<std::int64_t> decodeTimesFor(const std::vector<std::int64_t>& pts) {
    std::vector<std::int64_t> sorted = pts;
    std::sort(sorted.begin(), sorted.end());
    // The i-th packet decoded takes the i-th presentation slot, moved back by the largest reorder seen.
    std::int64_t shift = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) shift = std::max(shift, sorted[i] - pts[i]);
    std::vector<std::int64_t> dts(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) dts[i] = sorted[i] - shift;
    return dts;
}

}  // namespace rushes::exporting
