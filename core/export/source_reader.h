// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <stop_token>
#include <vector>

#include "export/clip_source.h"
#include "export/decode_span.h"
#include "media/input_file.h"
#include "time/rational.h"

namespace rushes::exporting {

// Reads a source's packets from a keyframe on: the picture stream starting exactly with that keyframe's
// packet, the other streams from a little earlier, because containers interleave audio and picture loosely
// and the audio for the keyframe's instant may be stored before it.
class SourceReader {
public:
    SourceReader(const ClipSource& source, std::stop_token stop);

    [[nodiscard]] media::InputFile& input() noexcept { return input_; }
    [[nodiscard]] const AVStream& stream(int index) const { return *input_.context()->streams[index]; }
    [[nodiscard]] int pictureStream() const noexcept { return picture_; }

    // Only the picture stream (a planning scan), or every stream (the copy itself).
    void readPictureOnly(bool picture_only);
    // Positions the demuxer; next() then starts the picture stream at `from` and the others `lead` earlier.
    void startAt(const media::KeyframeEntry& from, Rational lead_seconds);
    // The next packet in file order, picture packets from the start keyframe on; false at the end.
    bool next(AVPacket* packet);

private:
    void seekBefore(std::int64_t lead_ticks);

    const ClipSource& source_;
    media::InputFile input_;
    int picture_ = -1;
    media::KeyframeEntry from_{};
    bool started_ = false;
};

// The picture stream's packets in decode order from keyframe `from`, until the leading pictures of the first
// keyframe at or after `until_pts` have been read (they may show frames before it), or the end.
[[nodiscard]] std::vector<PacketStamp> scanPicturePackets(SourceReader& reader, const media::KeyframeEntry& from,
                                                          std::int64_t until_pts);

}  // namespace rushes::exporting
