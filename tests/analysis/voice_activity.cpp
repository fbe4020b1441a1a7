// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/voice_activity.h"

#include <algorithm>
#include <cmath>

#include "media/audio_decoder.h"

namespace rushes::test {
namespace {

constexpr int kRate = 16000;
constexpr int kHop = kRate / 50;      // 20 ms
constexpr int kWindow = 2 * kHop;     // 40 ms: room for two pitch periods at 75 Hz
constexpr int kMinLag = kRate / 400;  // 400 Hz
constexpr int kMaxLag = kRate / 75;   // 75 Hz

std::vector<float> decodeMono16k(const std::filesystem::path& media) {
    media::AudioDecoder decoder(media, media::AudioSpec{kRate, 1, AV_SAMPLE_FMT_FLT});
    std::vector<float> samples;
    while (auto chunk = decoder.next()) {
        const auto values = chunk->as<float>();
        samples.insert(samples.end(), values.begin(), values.end());
    }
    return samples;
}

double levelDb(const float* x, int n) {
    double energy = 0;
    for (int i = 0; i < n; ++i) energy += static_cast<double>(x[i]) * x[i];
    return 10.0 * std::log10(energy / n + 1e-12);
}

// The best normalised autocorrelation over the pitch lags.
double periodicity(const std::vector<double>& y) {
    double best = 0;
    for (int lag = kMinLag; lag <= kMaxLag; ++lag) {
        double cross = 0, head = 0, tail = 0;
        for (std::size_t i = 0; i + lag < y.size(); ++i) {
            cross += y[i] * y[i + lag];
            head += y[i] * y[i];
            tail += y[i + lag] * y[i + lag];
        }
        if (head > 0 && tail > 0) best = std::max(best, cross / std::sqrt(head * tail));
    }
    return best;
}

}  // namespace

SecondsOfVoice measureVoice(const std::filesystem::path& media) {
    const std::vector<float> samples = decodeMono16k(media);
    const std::size_t frames = samples.size() / kHop;
    std::vector<double> level(frames), periodic(frames);
    std::vector<double> window(kWindow);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::size_t start = f * kHop;
        const int n = static_cast<int>(std::min<std::size_t>(kWindow, samples.size() - start));
        level[f] = levelDb(&samples[start], std::min(n, kHop));
        window.assign(static_cast<std::size_t>(n), 0.0);
        for (int i = 0; i < n; ++i) {
            const double previous = start + i > 0 ? samples[start + i - 1] : 0.0;
            window[static_cast<std::size_t>(i)] = samples[start + i] - 0.97 * previous;
        }
        periodic[f] = n > kMaxLag + kMinLag ? periodicity(window) : 0.0;
    }
    std::vector<double> sorted = level;
    std::sort(sorted.begin(), sorted.end());
    const double floor_db = sorted.empty() ? -120.0 : sorted[sorted.size() / 10];

    SecondsOfVoice out;
    const std::size_t seconds = (frames + 49) / 50;
    out.voiced_fraction.assign(seconds, 0.0);
    out.crowd_fraction.assign(seconds, 0.0);
    std::vector<int> count(seconds, 0);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::size_t s = f / 50;
        ++count[s];
        if (periodic[f] >= 0.5 && level[f] >= floor_db + 6.0) out.voiced_fraction[s] += 1;
        if (periodic[f] < 0.35 && level[f] >= floor_db + 10.0) out.crowd_fraction[s] += 1;
    }
    for (std::size_t s = 0; s < seconds; ++s) {
        out.voiced_fraction[s] /= count[s];
        out.crowd_fraction[s] /= count[s];
    }
    return out;
}

}  // namespace rushes::test
