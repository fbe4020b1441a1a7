// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/file_analysis.h"

#include "base/error.h"

namespace rushes::analysis {

FileAnalysis analyzeFile(const std::filesystem::path& path, const FileAnalysisOptions& options, std::stop_token stop,
                         const AnalysisProgress& progress) {
    media::DecoderOptions decoder_options;
    decoder_options.skip_loop_filter = options.video.skip_loop_filter;
    media::DecodePass pass(path, decoder_options, /*with_audio=*/true, stop);
    if (!pass.hasVideo()) throw Error(ErrorKind::Unsupported, pass.input().name(), "audio-only files are not analysed yet");
    VideoMeasurer measurer(options.video.working_width, featureOptionsFor(pass.videoFrameRate()));
    media::DecodePass::Handlers handlers;
    handlers.video = [&](const AVFrame& frame) { measurer.add(frame); };
    handlers.progress = progress;
    const media::DecodePassReport report = pass.run(handlers);

    FileAnalysis analysis;
    analysis.file = path;
    analysis.video = collectVideoAnalysis(measurer, pass, report);
    detectOnFeatures(analysis.video, options.video);
    return analysis;
}

}  // namespace rushes::analysis
