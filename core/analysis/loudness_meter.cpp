// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/loudness_meter.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "analysis/audio_level.h"
#include "analysis/loudness_range.h"
#include "base/error.h"

namespace rushes::analysis {
namespace {

constexpr const char* kSubject = "EBU R128 loudness meter";

void check(int status, const char* what) {
    if (status != EBUR128_SUCCESS) {
        throw Error(ErrorKind::Internal, kSubject,
                    std::string(what) + " failed (libebur128 error " + std::to_string(status) + ")");
    }
}

// FFmpeg's af_ebur128 weights back, side and surround channels 1.41 and drops
// the LFE; libebur128 applies 1.41 to LEFT_SURROUND, so that stands for all of them.
int ebur128Channel(AVChannel channel) {
    switch (channel) {
        case AV_CHAN_LOW_FREQUENCY:
        case AV_CHAN_LOW_FREQUENCY_2: return EBUR128_UNUSED;
        case AV_CHAN_BACK_LEFT:
        case AV_CHAN_BACK_CENTER:
        case AV_CHAN_BACK_RIGHT:
        case AV_CHAN_TOP_BACK_LEFT:
        case AV_CHAN_TOP_BACK_CENTER:
        case AV_CHAN_TOP_BACK_RIGHT:
        case AV_CHAN_SIDE_LEFT:
        case AV_CHAN_SIDE_RIGHT:
        case AV_CHAN_SURROUND_DIRECT_LEFT:
        case AV_CHAN_SURROUND_DIRECT_RIGHT: return EBUR128_LEFT_SURROUND;
        case AV_CHAN_FRONT_RIGHT: return EBUR128_RIGHT;
        case AV_CHAN_FRONT_CENTER: return EBUR128_CENTER;
        default: return EBUR128_LEFT;  // weight 1, like every other channel in FFmpeg's meter
    }
}

}  // namespace

LoudnessMeter::LoudnessMeter(int sample_rate, const AVChannelLayout& layout)
    : sample_rate_(sample_rate), channels_(layout.nb_channels) {
    if (sample_rate_ <= 0 || channels_ <= 0) {
        throw Error(ErrorKind::InvalidArgument, kSubject, "needs a sample rate and at least one channel");
    }
    state_.reset(ebur128_init(static_cast<unsigned>(channels_), static_cast<unsigned long>(sample_rate_),
                              EBUR128_MODE_I | EBUR128_MODE_S | EBUR128_MODE_TRUE_PEAK));
    if (!state_) throw Error(ErrorKind::Internal, kSubject, "libebur128 could not allocate its state");
    for (int i = 0; i < channels_; ++i) {
        const AVChannel channel = av_channel_layout_channel_from_index(&layout, static_cast<unsigned>(i));
        check(ebur128_set_channel(state_.get(), static_cast<unsigned>(i), ebur128Channel(channel)),
              "setting a channel's weight");
    }
}

std::int64_t LoudnessMeter::stepEnd(std::int64_t step) const {
    return (step + 1) * sample_rate_ / LoudnessSeries::kStepsPerSecond;
}

void LoudnessMeter::add(const float* interleaved, std::int64_t frames) {
    while (frames > 0) {
        // Feed up to the next 100 ms boundary, so each series value is the window ending exactly there.
        const std::int64_t boundary = stepEnd(steps_);
        const std::int64_t take = std::min(frames, boundary - position_);
        check(ebur128_add_frames_float(state_.get(), interleaved, static_cast<std::size_t>(take)), "adding samples");
        interleaved += take * channels_;
        frames -= take;
        position_ += take;
        if (position_ == boundary) {
            sampleSeries();
            ++steps_;
        }
    }
}

void LoudnessMeter::sampleSeries() {
    double momentary = -HUGE_VAL;
    double short_term = -HUGE_VAL;
    check(ebur128_loudness_momentary(state_.get(), &momentary), "momentary loudness");
    check(ebur128_loudness_shortterm(state_.get(), &short_term), "short-term loudness");
    series_.momentary_lufs.push_back(static_cast<float>(floorLevel(momentary)));
    series_.short_term_lufs.push_back(static_cast<float>(floorLevel(short_term)));
}

LoudnessMeter::Result LoudnessMeter::finish(const R128Limits& limits) {
    Result out;
    out.summary = summary(limits);
    const std::int64_t last_step_end = steps_ > 0 ? stepEnd(steps_ - 1) : 0;
    if (position_ > last_step_end) sampleSeries();
    out.series = std::move(series_);
    return out;
}

LoudnessSummary LoudnessMeter::summary(const R128Limits& limits) const {
    LoudnessSummary out;
    ebur128_state* state = state_.get();
    double integrated = -HUGE_VAL;
    check(ebur128_loudness_global(state, &integrated), "integrated loudness");
    if (std::isfinite(integrated)) out.integrated_lufs = integrated;
    // Only whole 3 s windows on the 100 ms grid count: the first ends at 3 s.
    constexpr std::size_t kFirstWholeWindow = 3 * LoudnessSeries::kStepsPerSecond - 1;
    const std::span<const float> grid(series_.short_term_lufs.data(), static_cast<std::size_t>(steps_));
    if (grid.size() > kFirstWholeWindow) out.lra_lu = loudnessRange(grid.subspan(kFirstWholeWindow));
    double peak = 0.0;
    for (int c = 0; c < channels_; ++c) {
        double channel_peak = 0.0;
        check(ebur128_true_peak(state, static_cast<unsigned>(c), &channel_peak), "true peak");
        peak = std::max(peak, channel_peak);
    }
    if (peak > 0.0) out.true_peak_dbtp = 20.0 * std::log10(peak);
    out.integrated_within_r128 =
        out.integrated_lufs && std::fabs(*out.integrated_lufs - limits.target_lufs) <= limits.tolerance_lu;
    out.true_peak_within_r128 = !out.true_peak_dbtp || *out.true_peak_dbtp <= limits.max_true_peak_dbtp;
    return out;
}

}  // namespace rushes::analysis
