// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/audio_test_support.h"

#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>

#include "support/fixtures.h"

namespace rushes::test {
namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// CTest runs test cases in parallel processes that may want the same file: each writes its own
// temporary and renames it into place (atomic; both make identical bytes).
std::string temporaryName(const std::filesystem::path& path) {
    return fmt::format("{}.partial-{}{}", path.string(), getpid(), path.extension().string());
}

struct PipeCloser {
    void operator()(std::FILE* pipe) const noexcept { pclose(pipe); }
};

}  // namespace

std::string commandOutput(const std::string& command) {
    std::FILE* raw = popen(command.c_str(), "r");
    REQUIRE(raw != nullptr);
    std::unique_ptr<std::FILE, PipeCloser> pipe(raw);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) out.append(buffer, n);
    const int status = pclose(pipe.release());
    INFO(command);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return out;
}

std::filesystem::path speechWav() {
    const auto path = fixtureDir() / "audio_speech_m3_v1.wav";
    if (std::filesystem::exists(path)) return path;
    const std::string tmp = temporaryName(path);
    commandOutput(
        fmt::format("espeak-ng -v en-us+m3 -p 40 -s 140 -a 100 -w \"{}\" "
                    "\"The players walk out onto the pitch. It is a cold evening, and the stadium is nearly full. "
                    "We spoke to the coach before the match, and he said the team is ready.\"",
                    tmp));
    std::filesystem::rename(tmp, path);
    return path;
}

std::filesystem::path generatedAudio(const std::string& name, const std::string& arguments) {
    const auto path = fixtureDir() / name;
    if (std::filesystem::exists(path)) return path;
    const std::string tmp = temporaryName(path);
    const std::string expanded = replaceAll(arguments, "{speech}", speechWav().string());
    commandOutput(fmt::format("ffmpeg -nostdin -v error -y {} \"{}\"", expanded, tmp));
    std::filesystem::rename(tmp, path);
    return path;
}

std::filesystem::path qcAudioClip(QcCodec codec) {
    const std::string mono = "aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=mono";
    auto pink = [&](int seed, int samples) {
        return fmt::format("anoisesrc=c=pink:r=48000:a=0.05:seed={},atrim=end_sample={},{}", seed, samples, mono);
    };
    auto nothing = [&](int samples) {
        return fmt::format("anullsrc=r=48000:cl=mono,atrim=end_sample={},{}", samples, mono);
    };
    auto sine = [&](int hz, double gain, int samples) {
        return fmt::format("sine=f={}:r=48000,atrim=end_sample={},{},volume=volume={}:precision=float", hz, samples,
                           mono, gain);
    };
    const std::string graph = fmt::format(
        "{}[a];{}[b];{}[c];{}[d];{}[e];{}[f];{}[g];{}[h];{}[i];"
        "[a][b][c][d][e][f][g][h][i]concat=n=9:v=0:a=1,pan=stereo|c0=c0|c1=c0,aformat=sample_fmts=s16[out]",
        pink(11, 144000), nothing(120000), pink(12, 72000), nothing(48000), pink(13, 48000), sine(440, 10, 72000),
        pink(14, 48000), sine(1000, 5.6, 48000), pink(15, 48000));
    const bool aac = codec == QcCodec::Aac;
    return generatedAudio(
        aac ? "audio_qc_v1.m4a" : "audio_qc_v1.wav",
        fmt::format("-filter_complex \"{}\" -map \"[out]\" {}", graph, aac ? "-c:a aac -b:a 128k" : "-c:a pcm_s16le"));
}

analysis::AudioAnalysis analyzeAudioFile(const std::filesystem::path& path,
                                         const analysis::AudioAnalysisParameters& parameters) {
    media::AudioDecoder decoder(path, media::AudioSpec{0, 0, AV_SAMPLE_FMT_FLT});
    const AVCodecParameters* stream = decoder.input().context()->streams[decoder.streamIndex()]->codecpar;
    AVChannelLayout layout{};
    if (stream->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
        av_channel_layout_default(&layout, stream->ch_layout.nb_channels);
    } else {
        REQUIRE(av_channel_layout_copy(&layout, &stream->ch_layout) == 0);
    }
    analysis::AudioAnalyzer analyzer(decoder.outputSpec().sample_rate, layout, parameters);
    av_channel_layout_uninit(&layout);
    while (auto chunk = decoder.next()) analyzer.add(*chunk);
    return analyzer.finish();
}

FfmpegLoudness ffmpegEbur128(const std::filesystem::path& path) {
    const std::string text = commandOutput(fmt::format(
        "ffmpeg -nostdin -v error -i \"{}\" -map 0:a:0 -af ebur128=peak=true:metadata=1,ametadata=mode=print:file=- "
        "-f null -",
        path.string()));
    FfmpegLoudness out;
    double peak_linear = 0;
    bool seen_integrated = false;
    // Lines of `lavfi.r128.KEY=VALUE`, one block per 100 ms frame.
    constexpr std::string_view kPrefix = "lavfi.r128.";
    std::istringstream lines(text);
    for (std::string entry; std::getline(lines, entry);) {
        const std::size_t equals = entry.find('=');
        if (!entry.starts_with(kPrefix) || equals == std::string::npos) continue;
        const std::string key = entry.substr(kPrefix.size(), equals - kPrefix.size());
        const double value = std::strtod(entry.c_str() + equals + 1, nullptr);
        if (key == "M") out.momentary_lufs.push_back(value);
        if (key == "I") out.integrated_lufs = value, seen_integrated = true;  // the last frame's is the programme's
        if (key == "LRA") out.lra_lu = value;
        if (key == "true_peak") peak_linear = std::max(peak_linear, value);
    }
    REQUIRE(seen_integrated);
    REQUIRE(peak_linear > 0);
    out.true_peak_dbtp = 20.0 * std::log10(peak_linear);
    return out;
}

}  // namespace rushes::test
