// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "export/audio_transcoder.h"
#include "export/output_muxer.h"

namespace rushes::exporting {

// Every audio stream of an export that re-encodes audio: one transcoder and one output stream per source
// audio stream, written interleaved with the picture in time order.
class AudioTracks {
public:
    using TargetChooser = std::function<AudioTarget(const AVStream& source_stream)>;

    // Adds the output streams (call before the muxer's header); audio covers [start, end) on the source clock.
    AudioTracks(const ClipSource& source, const AVFormatContext& input, OutputMuxer& muxer, Rational start_seconds,
                Rational end_seconds, const TargetChooser& choose, std::stop_token stop);

    // Writes the audio packets that start before `seconds` (output clock: 0 is the in point).
    void writeUntil(OutputMuxer& muxer, Rational seconds);
    // Writes the rest.
    void writeRest(OutputMuxer& muxer);

    [[nodiscard]] const std::vector<std::string>& notes() const noexcept { return notes_; }
    // Samples per channel of the first audio track (0 without audio).
    [[nodiscard]] std::int64_t samples() const;

private:
    struct Track {
        std::unique_ptr<AudioTranscoder> transcoder;
        AVStream* output = nullptr;
        media::PacketPtr pending;  // read from the encoder, not yet written
        bool done = false;
    };
    bool fill(Track& track);

    std::vector<Track> tracks_;
    std::vector<std::string> notes_;
};

}  // namespace rushes::exporting
