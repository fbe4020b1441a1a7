// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>

#include "export/output_muxer.h"
#include "time/timecode.h"

namespace rushes::exporting {

// An output stream carrying the same codec as `source` (stream copy, or a re-encode with matching
// parameters): codec parameters, the source's codec tag when the container accepts it, metadata,
// disposition, frame rates and aspect ratio, and stream side data (display matrix = rotation, spherical
// mapping, HDR mastering display and content light level).
AVStream* addStreamLike(OutputMuxer& muxer, const AVStream& source);

// An output stream for a re-encode of `source` by `encoder`: the encoder's codec parameters with the
// source's metadata, disposition, frame rates and stream side data (rotation, spherical; HDR mastering only
// when the new stream keeps more than 8 bits).
AVStream* addEncodedStreamLike(OutputMuxer& muxer, const AVStream& source, const AVCodecContext& encoder);

// Container metadata (creation time, camera make/model, ...) from the source, without its timecode, which
// every export sets itself.
void copyContainerMetadata(const AVFormatContext& source, OutputMuxer& muxer);

// The output's start timecode: a tmcd track in QuickTime files, a tag elsewhere (Matroska, MXF).
void setStartTimecode(OutputMuxer& muxer, AVStream& video, const Timecode& start);

// Muxer options that keep what the source had: QuickTime metadata keys (com.apple.quicktime.*) stay keys.
[[nodiscard]] std::map<std::string, std::string> muxerOptionsFor(const AVFormatContext& source,
                                                                 const OutputMuxer& muxer);

// Streams that carry no data worth copying: the source's own timecode track (replaced by
// setStartTimecode) and streams whose codec FFmpeg does not know.
[[nodiscard]] bool isTimecodeTrack(const AVStream& stream);

}  // namespace rushes::exporting
