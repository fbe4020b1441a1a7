// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/file_analysis.h"

#include <chrono>
#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "media/audio_converter.h"

namespace rushes::analysis {

namespace {

using SteadyClock = std::chrono::steady_clock;

double secondsSince(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Frame i's second, counted from the first frame's presentation time.
std::size_t secondOfFrame(const VideoAnalysis& video, std::size_t i) {
    const Rational offset = Rational{video.pts[i] - video.pts.front(), 1} * video.time_base;
    return static_cast<std::size_t>(std::max<std::int64_t>(0, offset.num / offset.den));
}

}  // namespace

ExcitementInputs excitementInputs(const VideoAnalysis& video, const AudioAnalysis* audio) {
    ExcitementInputs inputs;
    std::size_t seconds = 0;
    if (!video.pts.empty()) seconds = secondOfFrame(video, video.pts.size() - 1) + 1;
    if (audio) seconds = std::max(seconds, audio->seconds.size());
    inputs.motion.assign(seconds, 0.0);
    inputs.cuts.assign(seconds, 0.0);
    std::vector<int> frames_in(seconds, 0);
    for (std::size_t i = 0; i < video.features.size() && i < video.pts.size(); ++i) {
        const std::size_t s = secondOfFrame(video, i);
        inputs.motion[s] += video.features[i].motion;
        ++frames_in[s];
    }
    for (std::size_t s = 0; s < seconds; ++s) {
        if (frames_in[s] > 0) inputs.motion[s] /= frames_in[s];
    }
    for (std::int64_t cut : video.cuts) {
        if (cut >= 0 && static_cast<std::size_t>(cut) < video.pts.size()) {
            inputs.cuts[secondOfFrame(video, static_cast<std::size_t>(cut))] += 1.0;
        }
    }
    if (audio) {
        inputs.loudness.assign(seconds, -120.0);
        inputs.voiced.assign(seconds, 0.0);
        inputs.pitch_hz.assign(seconds, 0.0);
        for (std::size_t s = 0; s < audio->seconds.size(); ++s) {
            inputs.loudness[s] = audio->seconds[s].momentary_max_lufs;
            inputs.voiced[s] = audio->seconds[s].voiced_fraction;
            inputs.pitch_hz[s] = audio->seconds[s].median_pitch_hz;
        }
        // The quietest of the ten 400 ms windows that end in the second.
        const auto& momentary = audio->loudness_series.momentary_lufs;
        const auto steps = static_cast<std::size_t>(LoudnessSeries::kStepsPerSecond);
        inputs.floor.assign(seconds, -120.0);
        for (std::size_t s = 0; s < seconds; ++s) {
            const std::size_t from = s * steps;
            const std::size_t to = std::min(momentary.size(), (s + 1) * steps);
            if (from >= to) continue;
            inputs.floor[s] = *std::min_element(momentary.begin() + static_cast<std::ptrdiff_t>(from),
                                                momentary.begin() + static_cast<std::ptrdiff_t>(to));
        }
        inputs.clipped.assign(seconds, false);
        for (const SampleRun& run : audio->clipping) {
            for (std::int64_t s = run.start / audio->sample_rate; s <= (run.end - 1) / audio->sample_rate; ++s) {
                if (s >= 0 && static_cast<std::size_t>(s) < seconds) inputs.clipped[static_cast<std::size_t>(s)] = true;
            }
        }
    }
    return inputs;
}

void decideOnMeasurements(FileAnalysis& analysis, const FileAnalysisOptions& options) {
    detectOnFeatures(analysis.video, options.video);
    analysis.excitement =
        computeExcitement(excitementInputs(analysis.video, analysis.audio ? &*analysis.audio : nullptr), options.excitement);
    // Shots begin at cuts and inside gradual transitions; highlights and interviews snap to those.
    std::vector<std::int64_t> shot_starts;
    for (const FrameRun& shot : analysis.video.shots) {
        if (shot.start > 0) shot_starts.push_back(shot.start);
    }
    analysis.highlights = pickHighlights(analysis.excitement, analysis.video.frame_rate, analysis.video.frames,
                                         shot_starts, options.highlights, options.highlight_parameters);
    analysis.interviews.clear();
    if (options.faces && analysis.audio && analysis.video.frame_rate.isPositive()) {
        std::vector<double> voiced;
        for (const AudioSecond& second : analysis.audio->seconds) voiced.push_back(second.voiced_fraction);
        InterviewInputs inputs;
        inputs.frame_rate = analysis.video.frame_rate;
        inputs.frames = analysis.video.frames;
        inputs.cuts = shot_starts;
        inputs.faces = analysis.faces;
        inputs.features = analysis.video.features;
        inputs.voiced_fraction = voiced;
        // Loud sound that is not speech: the excitement curve's crowd part, on the same 0..1 scale.
        inputs.crowd_fraction = analysis.excitement.crowd;
        analysis.interviews = detectInterviews(inputs, options.interviews);
    }
}

FileAnalysis analyzeFile(const std::filesystem::path& path, const FileAnalysisOptions& options, std::stop_token stop,
                         const AnalysisProgress& progress) {
    media::DecoderOptions decoder_options;
    decoder_options.skip_loop_filter = options.video.skip_loop_filter;
    media::DecodePass pass(path, decoder_options, /*with_audio=*/true, stop);
    if (!pass.hasVideo()) {
        throw Error(ErrorKind::Unsupported, pass.input().name(), "no picture: audio-only files are not analysed yet");
    }
    FileAnalysis analysis;
    analysis.file = path;
    VideoMeasurer measurer(options.video.working_width, featureOptionsFor(pass.videoFrameRate()));
    std::optional<FaceSampler> faces;
    if (options.faces && pass.videoFrameRate().isPositive()) faces.emplace(pass.videoFrameRate(), options.face);
    media::DecodePass::Handlers handlers;
    handlers.video = [&](const AVFrame& frame) {
        const std::int64_t index = measurer.frames();
        auto start = SteadyClock::now();
        measurer.add(frame);
        analysis.times.video_measure_s += secondsSince(start);
        if (faces && faces->wants(index)) {
            start = SteadyClock::now();
            faces->add(index, frame);
            analysis.times.face_s += secondsSince(start);
        }
    };
    std::optional<media::AudioConverter> converter;
    std::optional<AudioAnalyzer> audio;
    if (const AVCodecParameters* stream = pass.audioParameters()) {
        // Float at the stream's own rate and layout: R128 weights each channel by its position.
        converter.emplace(*stream, media::AudioSpec{0, 0, AV_SAMPLE_FMT_FLT}, pass.input().name());
        audio.emplace(converter->outputSpec().sample_rate, stream->ch_layout, options.audio);
        handlers.audio = [&](const AVFrame& frame) {
            const auto start = SteadyClock::now();
            audio->add(converter->convert(frame));
            analysis.times.audio_measure_s += secondsSince(start);
        };
    }
    handlers.progress = progress;
    const auto pass_start = SteadyClock::now();
    const media::DecodePassReport report = pass.run(handlers);
    if (audio) {
        audio->add(converter->flush());
        analysis.audio = audio->finish();
    }
    analysis.times.decode_and_measure_s = secondsSince(pass_start);

    const auto detect_start = SteadyClock::now();
    analysis.video = collectVideoAnalysis(measurer, pass, report);
    if (faces) analysis.faces = faces->takeSamples();
    decideOnMeasurements(analysis, options);
    analysis.times.detect_s = secondsSince(detect_start);
    return analysis;
}

}  // namespace rushes::analysis
