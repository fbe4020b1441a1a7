// SPDX-License-Identifier: GPL-3.0-or-later
// bench_audio_analysis: what the audio analyzer costs per minute of 48 kHz
// stereo, stage by stage, next to what one minute of 1080p25 H.264 costs to
// decode (`ffmpeg -threads 0 -f null`) in the same run.
//
//   bench_audio_analysis [FILE]   (default: 10 minutes of generated 48 kHz stereo AAC)
#include <fmt/core.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "analysis/audio_analysis.h"
#include "analysis/audio_features.h"
#include "analysis/mono_resampler.h"
#include "bench_support.h"

using namespace rushes;

namespace {

// Pink noise on both channels (different seeds) with a 220 Hz tone: every
// 10 ms frame is above the voicing floor, so the pitch tracker always runs (its worst case).
std::filesystem::path stereoClip(int seconds) {
    const auto path =
        std::filesystem::temp_directory_path() / fmt::format("rushes-bench-audio-48k-stereo-{}s.m4a", seconds);
    if (std::filesystem::exists(path)) return path;
    fmt::print("generating {} ...\n", path.string());
    const std::string command = fmt::format(
        "ffmpeg -hide_banner -loglevel error -y -filter_complex "
        "\"anoisesrc=c=pink:r=48000:a=0.1:seed=1:d={0}[l];anoisesrc=c=pink:r=48000:a=0.1:seed=2:d={0}[r];"
        "sine=f=220:r=48000:d={0},volume=0.5[t];[l][t]amix=inputs=2:normalize=0[lt];"
        "[lt][r]amerge=inputs=2[out]\" -map \"[out]\" -c:a aac -b:a 192k \"{1}.tmp.m4a\" && mv \"{1}.tmp.m4a\" \"{1}\"",
        seconds, path.string());
    if (std::system(command.c_str()) != 0) throw std::runtime_error("ffmpeg could not make the audio clip");
    return path;
}

template <typename Work>
double medianSeconds(int runs, Work work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = bench::Clock::now();
        work();
        times.push_back(bench::secondsSince(start));
    }
    return bench::median(times);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::filesystem::path file = argc > 1 ? std::filesystem::path(argv[1]) : stereoClip(600);
        std::vector<media::AudioChunk> chunks;
        const double decode = medianSeconds(1, [&] {
            media::AudioDecoder decoder(file, media::AudioSpec{0, 0, AV_SAMPLE_FMT_FLT});
            while (auto chunk = decoder.next()) chunks.push_back(std::move(*chunk));
        });
        if (chunks.empty()) throw std::runtime_error("no audio in " + file.string());
        const int rate = chunks.front().sample_rate;
        const int channels = chunks.front().channels;
        std::int64_t samples = 0;
        for (const auto& chunk : chunks) samples += chunk.samples;
        const double minutes = static_cast<double>(samples) / rate / 60.0;
        constexpr int kRuns = 3;

        analysis::AudioAnalysis result;
        const double whole = medianSeconds(kRuns, [&] {
            analysis::AudioAnalyzer analyzer(rate, channels);
            for (const auto& chunk : chunks) analyzer.add(chunk);
            result = analyzer.finish();
        });
        AVChannelLayout layout{};
        av_channel_layout_default(&layout, channels);
        const double loudness = medianSeconds(kRuns, [&] {
            analysis::LoudnessMeter meter(rate, layout);
            for (const auto& chunk : chunks) meter.add(chunk.as<float>().data(), chunk.samples);
            (void)meter.finish();
        });
        const double qc = medianSeconds(kRuns, [&] {
            analysis::SilenceDetector silence(rate, channels);
            analysis::ClippingDetector clipping(rate, channels);
            for (const auto& chunk : chunks) {
                silence.add(chunk.as<float>().data(), chunk.samples);
                clipping.add(chunk.as<float>().data(), chunk.samples);
            }
            (void)silence.finish();
            (void)clipping.finish();
        });
        std::vector<float> mono;
        const double resample = medianSeconds(kRuns, [&] {
            mono.clear();
            analysis::MonoResampler resampler(rate, layout, analysis::AudioFeatureExtractor::kSampleRate);
            for (const auto& chunk : chunks) resampler.convert(chunk.as<float>().data(), chunk.samples, mono);
            resampler.flush(mono);
        });
        const double features = medianSeconds(kRuns, [&] {
            analysis::AudioFeatureExtractor extractor;
            extractor.add(mono.data(), mono.size());
            (void)extractor.finish(static_cast<std::int64_t>(mono.size()) /
                                   analysis::AudioFeatureExtractor::kSampleRate);
        });
        av_channel_layout_uninit(&layout);

        // One minute of 1080p25 H.264 decoded the way DESIGN §3 takes as the floor.
        const std::filesystem::path video = bench::cameraClip(60, false);
        const double video_minute = bench::timeFfmpeg(fmt::format("-threads 0 -i \"{}\" -f null -", video.string()));

        fmt::print("file: {} ({:.1f} min, {} Hz, {} channels)\n", file.string(), minutes, rate, channels);
        fmt::print("per minute of audio (median of {} runs):\n", kRuns);
        fmt::print("  {:<44} {:>7.3f} s\n", "AAC decode to float (AudioDecoder)", decode / minutes);
        fmt::print("  {:<44} {:>7.3f} s\n", "AudioAnalyzer, all of it", whole / minutes);
        fmt::print("    {:<42} {:>7.3f} s\n", "R128 loudness (libebur128, true peak)", loudness / minutes);
        fmt::print("    {:<42} {:>7.3f} s\n", "silence + clipping", qc / minutes);
        fmt::print("    {:<42} {:>7.3f} s\n", "downmix + resample to 16 kHz (swr)", resample / minutes);
        fmt::print("    {:<42} {:>7.3f} s\n", "features (FFT flatness/flux, YIN pitch)", features / minutes);
        fmt::print(
            "one minute of 1080p25 H.264, ffmpeg -threads 0 -f null: {:.2f} s -> audio analysis is {:.1f} % of it\n",
            video_minute, 100.0 * whole / minutes / video_minute);
        fmt::print("result: {} silences, {} clipped runs, {} seconds, integrated {:.1f} LUFS\n", result.silences.size(),
                   result.clipping.size(), result.seconds.size(), result.loudness.integrated_lufs.value_or(-1000.0));
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_audio_analysis: {}\n", error.what());
        return 1;
    }
}
