// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace rushes::analysis {

// A half-open run of samples [start, end) at the stream's own rate, counted
// from the first decoded sample (exact: no seconds, no rounding).
struct SampleRun {
    std::int64_t start = 0;
    std::int64_t end = 0;
    friend bool operator==(const SampleRun&, const SampleRun&) = default;
};

// FFmpeg silencedetect's rule: every channel below −60 dBFS for at least 2 s.
struct SilenceParameters {
    double threshold_dbfs = -60.0;  // silencedetect n
    double min_seconds = 2.0;       // silencedetect d
};

// Clipping as it survives lossy coding. A clipped waveform has flat tops at the
// rail; after AAC/MP3 the tops come back slightly lower and rippled (FFmpeg's
// AAC decodes a square clipped at 0 dBFS with plateaus near −0.5 dBFS that
// ripple by ±0.1 dB), so "equal to full scale" finds nothing. The rule instead:
//  * a sample is hot when |x| ≥ `level_dbfs`;
//  * a flat top is a run of hot samples of one sign on one channel, all within
//    `flat_spread_db` of each other, at least `min_flat_ms` long;
//  * flat tops on any channel less than `max_gap_ms` apart form one run, and a
//    run of at least `min_flat_tops` of them is reported, from the first
//    sample of its first flat top to the end of its last.
// A clean tone held within 1 dB of full scale has tops as flat as that below
// ~600 Hz and is reported too: after lossy coding it is indistinguishable from
// a clipped one, and it is just as close to the rail.
struct ClippingParameters {
    double level_dbfs = -1.0;
    double flat_spread_db = 0.5;
    double min_flat_ms = 0.15;  // 8 samples at 48 kHz; a clean 1 kHz tone stays this flat for ~5
    double max_gap_ms = 25.0;   // half a period of 20 Hz: clipped bass still counts as one run
    int min_flat_tops = 3;      // one lone plateau is not a run
};

// Streams interleaved float samples; positions continue from one call to the next.
class SilenceDetector {
public:
    SilenceDetector(int sample_rate, int channels, const SilenceParameters& parameters = {});
    void add(const float* interleaved, std::int64_t frames);
    [[nodiscard]] std::vector<SampleRun> finish();

private:
    int channels_;
    float threshold_;
    std::int64_t min_samples_;
    std::int64_t position_ = 0;
    std::optional<std::int64_t> run_start_;
    std::vector<SampleRun> runs_;
};

class ClippingDetector {
public:
    ClippingDetector(int sample_rate, int channels, const ClippingParameters& parameters = {});
    void add(const float* interleaved, std::int64_t frames);
    [[nodiscard]] std::vector<SampleRun> finish();

private:
    struct OpenTop {              // a candidate flat top on one channel
        std::int64_t start = -1;  // −1: none open
        float low = 0, high = 0;
        bool positive = false;
    };
    void closeTop(OpenTop& top, std::int64_t end);
    void mergeSettledTops(std::int64_t settled_before);
    void endRun();

    int channels_;
    float hot_level_;
    float flat_ratio_;
    std::int64_t min_flat_samples_;
    std::int64_t max_gap_samples_;
    int min_flat_tops_;
    std::int64_t position_ = 0;
    std::vector<OpenTop> open_;       // per channel
    std::vector<SampleRun> pending_;  // closed flat tops not yet merged (sorted by start when merged)
    std::optional<SampleRun> run_;    // the run being grown
    int run_tops_ = 0;
    std::vector<SampleRun> runs_;
};

}  // namespace rushes::analysis
