// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes export clip|segment`: a frame range of a file, or a catalog segment, to a new file.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "catalog/asset_store.h"
#include "catalog/project_store.h"
#include "cli/catalog_session.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "export/clip_export.h"
#include "export/encode_presets.h"

namespace rushes::cli {
namespace {

struct ExportFlags {
    std::string mode = "smart";
    std::string preset;
    std::string audio = "preset";
    std::filesystem::path output;
    bool overwrite = false;
    bool json = false;
};

void addExportFlags(CLI::App* cmd, ExportFlags& flags) {
    cmd->add_option("--mode", flags.mode,
                    "copy (stream copy from the keyframe at or before in), smart (frame-accurate, re-encodes only "
                    "the GOP fragments at the edges; default) or encode (a preset)")
        ->check(CLI::IsMember({"copy", "smart", "encode"}));
    std::vector<std::string> presets;
    for (const auto& preset : exporting::encodePresets()) presets.push_back(preset.name);
    cmd->add_option("--preset", flags.preset,
                    fmt::format("Encode preset ({}); smart mode uses it when it must fall back to encoding",
                                fmt::join(presets, ", ")))
        ->check(CLI::IsMember(presets));
    cmd->add_option("--audio", flags.audio, "Audio codec for encode mode: aac, pcm, or what the preset says")
        ->check(CLI::IsMember({"preset", "aac", "pcm"}));
    cmd->add_option("-o,--output", flags.output, "Output file; the name's extension picks the container")->required();
    cmd->add_flag("--overwrite", flags.overwrite, "Replace the output file if it exists");
    cmd->add_flag("--json", flags.json, "Print the report as JSON");
}

nlohmann::json toJson(const exporting::ExportReport& report) {
    return {{"output", report.output.string()},
            {"requested_mode", std::string(toString(report.requested_mode))},
            {"mode", std::string(toString(report.mode))},
            {"requested_in_frame", report.requested_in_frame},
            {"requested_out_frame", report.requested_out_frame},
            {"in_frame", report.in_frame},
            {"out_frame", report.out_frame},
            {"in_timecode", report.in_timecode.toString()},
            {"out_timecode", report.out_timecode.toString()},
            {"start_timecode_written", report.start_timecode_written},
            {"copied_frames", report.copied_frames},
            {"encoded_frames", report.encoded_frames},
            {"notes", report.notes}};
}

int runExport(const CommandContext& context, const exporting::ClipSource& source, const exporting::ResolvedClip& clip,
              const ExportFlags& flags) {
    exporting::ExportOptions options;
    options.output = flags.output;
    options.existing = flags.overwrite ? exporting::ExistingOutput::Replace : exporting::ExistingOutput::Refuse;
    options.preset = flags.preset;
    options.audio = flags.audio == "aac"   ? exporting::AudioChoice::Aac
                    : flags.audio == "pcm" ? exporting::AudioChoice::Pcm
                                           : exporting::AudioChoice::Preset;
    ProgressLine line;
    const exporting::ExportReport report = exporting::exportClip(
        source, clip, *exporting::parseExportMode(flags.mode), options, context.stop, [&](double f) {
            line.update(0, 1, static_cast<std::int64_t>(f * 1000), 1000, flags.output.filename().string());
        });
    line.finish();
    if (flags.json) {
        std::cout << toJson(report).dump(2) << "\n";
        return 0;
    }
    fmt::print("{}: {} frames, {} to {} (actual in frame {}, out frame {}), {} copied, {} re-encoded ({})\n",
               report.output.string(), report.out_frame - report.in_frame, report.in_timecode.toString(),
               report.out_timecode.toString(), report.in_frame, report.out_frame, report.copied_frames,
               report.encoded_frames, toString(report.mode));
    for (const auto& note : report.notes) fmt::print("  note: {}\n", note);
    return 0;
}

std::filesystem::path assetFile(catalog::Database& db, const catalog::Asset& asset) {
    const auto volume = catalog::VolumeStore(db).find(asset.volume_id);
    if (!volume || !volume->last_mount_path) {
        throw Error(ErrorKind::NotFound, "asset " + asset.id, "its volume has no known mount point; ingest it again");
    }
    return std::filesystem::path(*volume->last_mount_path) / asset.rel_path;
}

}  // namespace

ExportSubcommand addExportClipCommand(CLI::App& export_command) {
    struct Options {
        std::filesystem::path source;
        std::string in;
        std::string out;
        ExportFlags flags;
    };
    auto options = std::make_shared<Options>();
    CLI::App* clip = export_command.add_subcommand("clip",
                                                   "Export [in, out) of a file; in/out as frames (120), seconds (4.8s) "
                                                   "or timecode (01:00:04:20); out is the first frame not taken");
    clip->add_option("SOURCE", options->source, "Source media file")->required()->check(CLI::ExistingFile);
    clip->add_option("--in", options->in, "In point (inclusive)")->required();
    clip->add_option("--out", options->out, "Out point (exclusive)")->required();
    addExportFlags(clip, options->flags);
    return {clip, [options](const CommandContext& context) {
                const auto source = exporting::ClipSource::open(options->source, context.stop);
                const auto range = exporting::resolveClip(
                    source, {exporting::ClipPoint::parse(options->in), exporting::ClipPoint::parse(options->out)});
                return runExport(context, source, range, options->flags);
            }};
}

ExportSubcommand addExportSegmentCommand(CLI::App& export_command) {
    struct Options {
        std::string segment;
        ExportFlags flags;
    };
    auto options = std::make_shared<Options>();
    CLI::App* from_catalog = export_command.add_subcommand("segment", "Export a catalog segment of its asset");
    from_catalog->add_option("ID", options->segment, "Segment id or a unique prefix of it (8+ characters)")->required();
    addExportFlags(from_catalog, options->flags);
    return {from_catalog, [options](const CommandContext& context) {
                auto db = openCatalog(context);
                const catalog::Segment segment = resolveSegment(*db, options->segment);
                const auto asset = catalog::AssetStore(*db).find(segment.asset_id);
                if (!asset) {
                    throw Error(ErrorKind::NotFound, "segment " + segment.id, "its asset is missing from the catalog");
                }
                const auto source = exporting::ClipSource::open(assetFile(*db, *asset), context.stop);
                // Segment ticks count from the asset's first frame, like seconds typed on the command line.
                const auto range = exporting::resolveClip(
                    source,
                    {exporting::ClipPoint::atSeconds(Rational::make(segment.in_ticks, 1) * segment.time_base),
                     exporting::ClipPoint::atSeconds(Rational::make(segment.out_ticks, 1) * segment.time_base)});
                return runExport(context, source, range, options->flags);
            }};
}

}  // namespace rushes::cli
