// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include "analysis/audio_qc.h"
#include "analysis/audio_second.h"
#include "analysis/loudness_meter.h"
#include "media/audio_decoder.h"

namespace rushes::analysis {

class MonoResampler;
class AudioFeatureExtractor;

inline constexpr const char* kAudioQcVersion = "silence-clipping/1";
inline constexpr const char* kAudioFeaturesVersion = "r128-yin-flatness/1";

struct AudioAnalysisParameters {
    SilenceParameters silence;
    ClippingParameters clipping;
    R128Limits r128;
    AudioFeatureParameters features;
};

// Everything the audio half of the one decode pass yields. Sample positions
// count from the first decoded sample of the stream, at its own rate.
struct AudioAnalysis {
    int sample_rate = 0;
    int channels = 0;
    std::int64_t samples = 0;  // per channel
    LoudnessSummary loudness;
    LoudnessSeries loudness_series;  // 100 ms steps
    std::vector<SampleRun> silences;
    std::vector<SampleRun> clipping;
    std::vector<AudioSecond> seconds;  // ⌈samples / sample_rate⌉ entries
};

// Fed in stream order by the decode pass; cheap enough to run inline.
// Inside: EBU R128 loudness (libebur128) and silence/clipping QC at the native
// rate, and the per-second features on a 16 kHz mono copy.
class AudioAnalyzer {
public:
    // Channels in FFmpeg's default order for that count (what AudioDecoder
    // gives for a stream without a layout).
    AudioAnalyzer(int sample_rate, int channels, AudioAnalysisParameters parameters = {});
    // The stream's own layout, so R128 weights surround and LFE channels right.
    AudioAnalyzer(int sample_rate, const AVChannelLayout& layout, AudioAnalysisParameters parameters = {});
    ~AudioAnalyzer();
    AudioAnalyzer(const AudioAnalyzer&) = delete;
    AudioAnalyzer& operator=(const AudioAnalyzer&) = delete;

    // Samples in the stream's own rate and channel layout, float interleaved
    // (AudioSpec{0, 0, AV_SAMPLE_FMT_FLT}); chunks must follow each other
    // without gaps (chunk.first_sample is checked).
    void add(const media::AudioChunk& chunk);
    // Call once, after the last chunk.
    [[nodiscard]] AudioAnalysis finish();

private:
    AudioAnalysisParameters parameters_;
    int sample_rate_;
    int channels_;
    std::int64_t samples_ = 0;
    LoudnessMeter loudness_;
    SilenceDetector silence_;
    ClippingDetector clipping_;
    std::unique_ptr<MonoResampler> resampler_;
    std::unique_ptr<AudioFeatureExtractor> features_;
    std::vector<float> mono_;  // scratch for the 16 kHz copy
};

}  // namespace rushes::analysis
