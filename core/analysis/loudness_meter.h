// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ebur128.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include "media/ffmpeg_handles.h"

namespace rushes::analysis {

// EBU R128: programme loudness −23 LUFS ± 1 LU, true peak at most −1 dBTP.
struct R128Limits {
    double target_lufs = -23.0;
    double tolerance_lu = 1.0;
    double max_true_peak_dbtp = -1.0;
};

struct LoudnessSummary {
    // Absent when no 400 ms block passes BS.1770's −70 LUFS absolute gate (silence).
    std::optional<double> integrated_lufs;
    double lra_lu = 0.0;
    // Highest 4× oversampled peak over all channels; absent for digital silence.
    std::optional<double> true_peak_dbtp;
    bool integrated_within_r128 = false;  // false when there is no integrated loudness
    bool true_peak_within_r128 = true;
};

// Momentary (400 ms) and short-term (3 s) loudness every 100 ms. Value k is the
// window that ends at sample ⌊(k+1)·rate/10⌋; a last value ends at the stream's
// end when that falls between steps. Silence reads kAudioLevelFloorDb.
// Why 100 ms: it is EBU Tech 3341's meter refresh and BS.1770's gating hop, so
// no 400 ms window is skipped — sampled once a second, a 0.5 s burst could
// fall between two samples.
struct LoudnessSeries {
    static constexpr int kStepsPerSecond = 10;
    std::vector<float> momentary_lufs;
    std::vector<float> short_term_lufs;
};

using Ebur128Ptr = std::unique_ptr<ebur128_state, media::FreeByAddress<ebur128_state, ebur128_destroy>>;

// BS.1770-4 / EBU R128 loudness through libebur128, with FFmpeg ebur128's
// channel weights (LFE 0, back/side/surround 1.41, others 1) so the two agree.
// Integrated loudness and true peak are libebur128's; the loudness range is
// computed from the 10 Hz short-term series (see loudness_range.h).
class LoudnessMeter {
public:
    LoudnessMeter(int sample_rate, const AVChannelLayout& layout);

    void add(const float* interleaved, std::int64_t frames);

    struct Result {
        LoudnessSummary summary;
        LoudnessSeries series;
    };
    // Call once, after the last add().
    [[nodiscard]] Result finish(const R128Limits& limits = {});

private:
    void sampleSeries();
    [[nodiscard]] std::int64_t stepEnd(std::int64_t step) const;
    [[nodiscard]] LoudnessSummary summary(const R128Limits& limits) const;

    Ebur128Ptr state_;
    int sample_rate_;
    int channels_;
    std::int64_t position_ = 0;
    std::int64_t steps_ = 0;  // 100 ms steps sampled so far
    LoudnessSeries series_;
};

}  // namespace rushes::analysis
