// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include "media/ffmpeg_handles.h"

namespace rushes::analysis {

// Downmixes interleaved float audio to one channel and resamples it with
// libswresample. The downmix matrix is normalised to unity gain
// (rematrix_maxval = 1), so a dual-mono or centred source keeps its level:
// the features read the same in dBFS whatever the channel count.
class MonoResampler {
public:
    MonoResampler(int input_rate, const AVChannelLayout& input_layout, int output_rate);

    // Appends the converted samples to `out`.
    void convert(const float* interleaved, std::int64_t frames, std::vector<float>& out);
    // Drains the filter delay at the end of the stream.
    void flush(std::vector<float>& out);

private:
    void run(const float* interleaved, int frames, std::vector<float>& out);

    media::SwrContextPtr swr_;
    int channels_;
};

}  // namespace rushes::analysis
