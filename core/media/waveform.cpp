// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/waveform.h"

#include <algorithm>

#include "base/error.h"
#include "media/audio_decoder.h"

namespace rushes::media {

WaveformPeaks computeWaveform(const std::filesystem::path& path, std::int64_t bucket_duration_us,
                              std::stop_token stop, const ProgressCallback& progress) {
    if (bucket_duration_us <= 0) throw Error(ErrorKind::InvalidArgument, path.string(), "bucket duration must be positive");
    // Native rate, mono float: no resampling work, only the downmix.
    AudioDecoder decoder(path, AudioSpec{0, 1, AV_SAMPLE_FMT_FLT}, std::move(stop));
    WaveformPeaks peaks;
    peaks.sample_rate = decoder.outputSpec().sample_rate;
    peaks.samples_per_bucket = std::max<std::int64_t>(1, peaks.sample_rate * bucket_duration_us / 1'000'000);
    const AVFormatContext* format = decoder.input().context();
    const double duration_us = format->duration > 0 ? static_cast<double>(format->duration) : 0.0;

    float bucket_min = 0.0f;
    float bucket_max = 0.0f;
    std::int64_t in_bucket = 0;
    std::int64_t last_report = 0;
    while (auto chunk = decoder.next()) {
        for (float sample : chunk->as<float>()) {
            bucket_min = in_bucket == 0 ? sample : std::min(bucket_min, sample);
            bucket_max = in_bucket == 0 ? sample : std::max(bucket_max, sample);
            if (++in_bucket == peaks.samples_per_bucket) {
                peaks.min.push_back(bucket_min);
                peaks.max.push_back(bucket_max);
                in_bucket = 0;
            }
        }
        peaks.total_samples += chunk->samples;
        if (progress && duration_us > 0 && peaks.total_samples - last_report > peaks.sample_rate * 10) {
            last_report = peaks.total_samples;
            progress(std::min(1.0, peaks.total_samples * 1e6 / peaks.sample_rate / duration_us));
        }
    }
    if (in_bucket > 0) {
        peaks.min.push_back(bucket_min);
        peaks.max.push_back(bucket_max);
    }
    if (progress) progress(1.0);
    return peaks;
}

}  // namespace rushes::media
