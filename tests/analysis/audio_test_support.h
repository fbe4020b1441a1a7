// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/audio_analysis.h"

namespace rushes::test {

// Makes `name` in the fixture folder once with `ffmpeg -v error -y <arguments> OUT`
// (written to a temporary name, renamed on success). `arguments` may use
// {speech} for a WAV of espeak-ng speech (see speechWav()).
std::filesystem::path generatedAudio(const std::string& name, const std::string& arguments);

// 13.5 s of 48 kHz stereo (dual mono): pink noise with a 2.5 s silence at 3 s,
// a 1.0 s silence at 7 s (below the minimum), a 440 Hz sine driven to 1.25×
// full scale at 9–10.5 s (saturated by the s16 conversion) and a clean
// −3 dBFS 1 kHz tone at 11.5–12.5 s; as PCM or as 128 kbit/s AAC.
enum class QcCodec { Pcm, Aac };
std::filesystem::path qcAudioClip(QcCodec codec);
inline constexpr analysis::SampleRun kQcClipSilence{144000, 264000};
inline constexpr analysis::SampleRun kQcClipClipping{432000, 504000};

// espeak-ng (en-us, male voice m3, calm) saying a few sentences, 22.05 kHz mono.
std::filesystem::path speechWav();

// Feeds the file's best audio stream to an AudioAnalyzer through AudioDecoder
// in the stream's own rate and layout, as the one-pass analysis does.
analysis::AudioAnalysis analyzeAudioFile(const std::filesystem::path& path,
                                         const analysis::AudioAnalysisParameters& parameters = {});

// FFmpeg's own EBU R128 meter on the same file (`-af ebur128=peak=true:metadata=1`):
// an independent reference, read at full precision from its per-100 ms metadata.
struct FfmpegLoudness {
    double integrated_lufs = 0;
    double lra_lu = 0;
    double true_peak_dbtp = 0;
    std::vector<double> momentary_lufs;  // one per 100 ms frame
};
FfmpegLoudness ffmpegEbur128(const std::filesystem::path& path);

// Runs a shell command and returns its standard output; fails the test on a non-zero exit.
std::string commandOutput(const std::string& command);

}  // namespace rushes::test
