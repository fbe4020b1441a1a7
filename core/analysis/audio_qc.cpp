// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/audio_qc.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/audio_level.h"

namespace rushes::analysis {
namespace {

std::int64_t samplesFor(double seconds, int sample_rate) {
    return static_cast<std::int64_t>(std::ceil(seconds * sample_rate - 1e-9));
}

}  // namespace

SilenceDetector::SilenceDetector(int sample_rate, int channels, const SilenceParameters& parameters)
    : channels_(channels),
      threshold_(static_cast<float>(dbToAmplitude(parameters.threshold_dbfs))),
      min_samples_(std::max<std::int64_t>(1, samplesFor(parameters.min_seconds, sample_rate))) {}

void SilenceDetector::add(const float* interleaved, std::int64_t frames) {
    for (std::int64_t i = 0; i < frames; ++i) {
        const float* frame = interleaved + i * channels_;
        // silencedetect compares each sample with −n < x < n; one loud channel ends the run.
        bool silent = true;
        for (int c = 0; c < channels_ && silent; ++c) silent = std::fabs(frame[c]) < threshold_;
        const std::int64_t position = position_ + i;
        if (silent) {
            if (!run_start_) run_start_ = position;
        } else if (run_start_) {
            if (position - *run_start_ >= min_samples_) runs_.push_back({*run_start_, position});
            run_start_.reset();
        }
    }
    position_ += frames;
}

std::vector<SampleRun> SilenceDetector::finish() {
    if (run_start_ && position_ - *run_start_ >= min_samples_) runs_.push_back({*run_start_, position_});
    run_start_.reset();
    return std::move(runs_);
}

ClippingDetector::ClippingDetector(int sample_rate, int channels, const ClippingParameters& parameters)
    : channels_(channels),
      hot_level_(static_cast<float>(dbToAmplitude(parameters.level_dbfs))),
      flat_ratio_(static_cast<float>(dbToAmplitude(parameters.flat_spread_db))),
      min_flat_samples_(std::max<std::int64_t>(2, samplesFor(parameters.min_flat_ms / 1000.0, sample_rate))),
      max_gap_samples_(samplesFor(parameters.max_gap_ms / 1000.0, sample_rate)),
      min_flat_tops_(std::max(1, parameters.min_flat_tops)),
      open_(static_cast<std::size_t>(channels)) {}

void ClippingDetector::add(const float* interleaved, std::int64_t frames) {
    for (std::int64_t i = 0; i < frames; ++i) {
        const float* frame = interleaved + i * channels_;
        const std::int64_t position = position_ + i;
        for (int c = 0; c < channels_; ++c) {
            const float value = frame[c];
            const float magnitude = std::fabs(value);
            const bool hot = magnitude >= hot_level_;
            OpenTop& top = open_[static_cast<std::size_t>(c)];
            if (top.start >= 0) {
                if (hot && (value > 0) == top.positive &&
                    std::max(top.high, magnitude) <= std::min(top.low, magnitude) * flat_ratio_) {
                    top.low = std::min(top.low, magnitude);
                    top.high = std::max(top.high, magnitude);
                    continue;
                }
                closeTop(top, position);
            }
            if (hot) top = {position, magnitude, magnitude, value > 0};
        }
    }
    position_ += frames;
    // A flat top still open on some channel may start before tops already
    // closed on another: merge only what no future top can precede.
    std::int64_t settled = position_;
    for (const OpenTop& top : open_) {
        if (top.start >= 0) settled = std::min(settled, top.start);
    }
    mergeSettledTops(settled);
}

void ClippingDetector::closeTop(OpenTop& top, std::int64_t end) {
    if (end - top.start >= min_flat_samples_) pending_.push_back({top.start, end});
    top.start = -1;
}

void ClippingDetector::mergeSettledTops(std::int64_t settled_before) {
    std::sort(pending_.begin(), pending_.end(),
              [](const SampleRun& a, const SampleRun& b) { return a.start < b.start; });
    std::size_t used = 0;
    for (; used < pending_.size() && pending_[used].start < settled_before; ++used) {
        const SampleRun& top = pending_[used];
        if (run_ && top.start <= run_->end + max_gap_samples_) {
            run_->end = std::max(run_->end, top.end);
            ++run_tops_;
        } else {
            endRun();
            run_ = top;
            run_tops_ = 1;
        }
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(used));
}

void ClippingDetector::endRun() {
    if (run_ && run_tops_ >= min_flat_tops_) runs_.push_back(*run_);
    run_.reset();
    run_tops_ = 0;
}

std::vector<SampleRun> ClippingDetector::finish() {
    for (OpenTop& top : open_) {
        if (top.start >= 0) closeTop(top, position_);
    }
    mergeSettledTops(std::numeric_limits<std::int64_t>::max());
    endRun();
    return std::move(runs_);
}

}  // namespace rushes::analysis
