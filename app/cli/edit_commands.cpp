// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes tag`, `rushes rate`, `rushes note`: the editor's marks on one segment, from a shell or a script.
#include <fmt/core.h>

#include <iostream>

#include "catalog/asset_store.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"
#include "cli/catalog_session.h"

namespace rushes::cli {

namespace {
// Prints the segment as it now stands: the confirmation a script can parse with --json.
void printSegment(catalog::Database& db, const std::string& id, bool json) {
    SegmentPrinter printer(db);
    printer.print(printer.describe(*catalog::SegmentStore(db).find(id)), json);
}
}  // namespace

CommandRunner addTagCommand(CLI::App& app) {
    struct Options {
        std::string segment;
        std::vector<std::string> changes;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("tag", "Add (+name) and remove (-name) tags of a segment");
    cmd->add_option("SEGMENT", options->segment, "Segment id or a unique prefix (8+ characters)")->required();
    cmd->add_option("CHANGES", options->changes, "+goal adds, -foul removes (a bare name adds)");
    cmd->add_flag("--json", options->json, "Print the segment as JSON afterwards");
    // "-foul" looks like an option to CLI11; let unknown arguments through and take the "-name" ones here.
    cmd->allow_extras();

    return [options, cmd](const CommandContext& context) {
        for (const std::string& extra : cmd->remaining()) {
            if (extra.starts_with("--") || extra.size() < 2) {
                throw Error(ErrorKind::InvalidArgument, "tag", "unknown option " + extra);
            }
            options->changes.push_back(extra);
        }
        if (options->changes.empty()) throw Error(ErrorKind::InvalidArgument, "tag", "give +name or -name changes");
        auto db = openCatalog(context);
        const catalog::Segment segment = resolveSegment(*db, options->segment);
        catalog::TagStore tags(*db);
        const std::string project_id = catalog::AssetStore(*db).find(segment.asset_id)->project_id;
        catalog::Transaction transaction(*db);  // all changes or none
        for (const std::string& change : options->changes) {
            const bool remove = change.starts_with('-');
            const std::string name = (remove || change.starts_with('+')) ? change.substr(1) : change;
            if (remove) {
                // Removing a tag the project does not have is a no-op, like removing an absent one.
                if (const auto tag = tags.findByName(project_id, name)) tags.removeFromSegment(segment.id, tag->id);
            } else {
                (void)tags.tagSegment(segment.id, name);
            }
        }
        transaction.commit();
        printSegment(*db, segment.id, options->json);
        return 0;
    };
}

CommandRunner addRateCommand(CLI::App& app) {
    struct Options {
        std::string segment;
        std::string rating;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("rate", "Set a segment's rating (0..5 stars, or 'none' to clear)");
    cmd->add_option("SEGMENT", options->segment, "Segment id or a unique prefix (8+ characters)")->required();
    cmd->add_option("RATING", options->rating, "0, 1, 2, 3, 4, 5 or none")
        ->required()
        ->check(CLI::IsMember({"0", "1", "2", "3", "4", "5", "none"}));
    cmd->add_flag("--json", options->json, "Print the segment as JSON afterwards");

    return [options](const CommandContext& context) {
        auto db = openCatalog(context);
        const catalog::Segment segment = resolveSegment(*db, options->segment);
        std::optional<int> rating;
        if (options->rating != "none") rating = std::stoi(options->rating);
        catalog::SegmentStore(*db).setRating(segment.id, rating);
        printSegment(*db, segment.id, options->json);
        return 0;
    };
}

CommandRunner addNoteCommand(CLI::App& app) {
    struct Options {
        std::string segment;
        std::string text;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("note", "Set a segment's note (an empty TEXT clears it)");
    cmd->add_option("SEGMENT", options->segment, "Segment id or a unique prefix (8+ characters)")->required();
    cmd->add_option("TEXT", options->text, "The note")->required();
    cmd->add_flag("--json", options->json, "Print the segment as JSON afterwards");

    return [options](const CommandContext& context) {
        auto db = openCatalog(context);
        const catalog::Segment segment = resolveSegment(*db, options->segment);
        std::optional<std::string> note;
        if (!options->text.empty()) note = options->text;
        catalog::SegmentStore(*db).setNote(segment.id, note);
        printSegment(*db, segment.id, options->json);
        return 0;
    };
}

}  // namespace rushes::cli
