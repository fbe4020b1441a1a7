// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes export list`: a reel, or segments in a given order, as an edit list an NLE opens (docs/export.md).
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/catalog_session.h"
#include "cli/reel_lookup.h"
#include "export/list_export.h"
#include "export/timeline_builder.h"

namespace rushes::cli {

namespace {
// The decimal names editors use for the NTSC rates, mapped to the exact rates they stand for; any other rate
// must be written exactly ("25", "30000/1001"), because guessing which rate "29.97" meant is how drift starts.
std::optional<Rational> parseRateOption(const std::string& text) {
    if (text.empty()) return std::nullopt;
    static const std::map<std::string, Rational> ntsc = {{"23.976", {24000, 1001}}, {"23.98", {24000, 1001}},
                                                         {"29.97", {30000, 1001}},  {"47.952", {48000, 1001}},
                                                         {"59.94", {60000, 1001}},  {"119.88", {120000, 1001}}};
    if (const auto found = ntsc.find(text); found != ntsc.end()) return found->second;
    try {
        const Rational rate = Rational::parse(text);
        if (rate.isPositive()) return rate;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::InvalidArgument, "--rate " + text,
                "expected an exact rate such as 25, 24000/1001 or 30000/1001 (or 23.976, 29.97, 59.94)");
}

exporting::ListFormat formatFor(const std::string& format, const std::filesystem::path& output) {
    if (!format.empty()) return *exporting::parseListFormat(format);
    static const std::map<std::string, exporting::ListFormat> by_extension = {
        {".edl", exporting::ListFormat::Edl},
        {".xml", exporting::ListFormat::Xmeml},
        {".fcpxml", exporting::ListFormat::Fcpxml},
        {".otio", exporting::ListFormat::Otio},
        {".csv", exporting::ListFormat::Csv}};
    if (const auto found = by_extension.find(output.extension().string()); found != by_extension.end()) {
        return found->second;
    }
    throw Error(ErrorKind::InvalidArgument, output.string(),
                "give --format edl|xmeml|fcpxml|otio|csv (the extension does not say which)");
}
}  // namespace

ExportSubcommand addExportListCommand(CLI::App& export_command) {
    struct Options {
        std::string reel;
        std::vector<std::string> segments;
        std::string format;
        std::filesystem::path output;
        std::string project;
        std::string rate;
        std::string timecode;
        std::string start;
        std::string title;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = export_command.add_subcommand(
        "list", "Write a reel (or segments) as an edit list: CMX3600 EDL, FCP7 XML, FCPXML, OpenTimelineIO or CSV");
    cmd->add_option("REEL", options->reel, "Reel name or id");
    cmd->add_option("--segments", options->segments, "Segment ids or unique prefixes instead of a reel, in order")
        ->delimiter(',');
    cmd->add_option("--format", options->format, "edl, xmeml, fcpxml, otio or csv (default: from the file extension)")
        ->check(CLI::IsMember({"edl", "xmeml", "fcpxml", "otio", "csv"}));
    cmd->add_option("-o,--output", options->output, "The list file (written to a temporary name, then renamed)")
        ->required();
    cmd->add_option("--project", options->project, "The reel's project (name or id), when names repeat");
    cmd->add_option("--rate", options->rate, "Timeline rate (default: the first video source's), e.g. 25 or 29.97");
    cmd->add_option("--timecode", options->timecode, "df or ndf record timecode (default: as the first source counts)")
        ->check(CLI::IsMember({"df", "ndf"}));
    cmd->add_option("--start", options->start, "Record timecode of the first frame (default 01:00:00:00)");
    cmd->add_option("--title", options->title, "List title (default: the reel's name)");
    cmd->add_flag("--json", options->json, "Print what was written as JSON");

    CommandRunner run = [options](const CommandContext& context) {
        if (options->reel.empty() == options->segments.empty()) {
            throw Error(ErrorKind::InvalidArgument, "export list", "give either a REEL or --segments, not both");
        }
        const exporting::ListFormat format = formatFor(options->format, options->output);
        exporting::TimelineOptions timeline_options;
        if (!options->title.empty()) timeline_options.name = options->title;
        timeline_options.frame_rate = parseRateOption(options->rate);
        if (!options->timecode.empty()) timeline_options.drop_frame = options->timecode == "df";
        if (!options->start.empty()) timeline_options.record_start = options->start;

        auto db = openCatalog(context);
        exporting::Timeline timeline;
        if (!options->reel.empty()) {
            const catalog::Reel reel = resolveReel(*db, options->reel, options->project);
            timeline = exporting::timelineFromReel(*db, reel.id, timeline_options, context.stop);
        } else {
            std::vector<std::string> ids;
            for (const auto& text : options->segments) ids.push_back(resolveSegment(*db, text).id);
            timeline = exporting::timelineFromSegments(*db, ids, timeline_options, context.stop);
        }
        const std::string content = exporting::renderList(timeline, format);
        if (context.stop.stop_requested()) throw Error(ErrorKind::Cancelled, options->output.string(), "cancelled");
        exporting::writeFileAtomically(options->output, content);

        const Timecode duration = Timecode::fromFrames(timeline.durationFrames(), timeline.rate);
        if (options->json) {
            std::cout << nlohmann::json{{"path", options->output.string()},
                                        {"format", exporting::toString(format)},
                                        {"title", timeline.name},
                                        {"events", timeline.clips.size()},
                                        {"duration_frames", timeline.durationFrames()},
                                        {"duration_timecode", duration.toString()},
                                        {"frame_rate", timeline.rate.rate.toString()},
                                        {"drop_frame", timeline.rate.drop_frame},
                                        {"record_start", timeline.record_start.toString()}}
                             .dump(2)
                      << "\n";
        } else {
            fmt::print("wrote {} ({}): {} event{}, {} at {}\n", options->output.string(), exporting::toString(format),
                       timeline.clips.size(), timeline.clips.size() == 1 ? "" : "s", duration.toString(),
                       timeline.rate.toString());
        }
        return 0;
    };
    return {cmd, std::move(run)};
}

}  // namespace rushes::cli
