// SPDX-License-Identifier: GPL-3.0-or-later
// What an OffloadReport says about itself: kept apart from the copy machinery in offload.cpp.
#include <fmt/core.h>

#include "ingest/offload.h"

namespace rushes::ingest {

std::string_view toString(DestinationOutcome outcome) noexcept {
    switch (outcome) {
        case DestinationOutcome::Verified: return "verified";
        case DestinationOutcome::Copied: return "copied";
        case DestinationOutcome::AlreadyPresent: return "already_present";
        case DestinationOutcome::Mismatch: return "mismatch";
        case DestinationOutcome::Conflict: return "conflict";
        case DestinationOutcome::Failed: return "failed";
    }
    return "failed";
}

bool isGood(DestinationOutcome outcome) noexcept {
    return outcome == DestinationOutcome::Verified || outcome == DestinationOutcome::Copied ||
           outcome == DestinationOutcome::AlreadyPresent;
}

bool OffloadReport::ok() const {
    for (const DestinationSummary& destination : destinations) {
        if (!destination.error.empty()) return false;
    }
    for (const OffloadedFile& file : files) {
        for (const FileAtDestination& at : file.destinations) {
            if (!isGood(at.outcome)) return false;
        }
    }
    return true;
}

std::vector<std::string> OffloadReport::problems() const {
    std::vector<std::string> lines;
    for (const DestinationSummary& destination : destinations) {
        if (!destination.error.empty()) lines.push_back(fmt::format("{}: {}", destination.root.string(), destination.error));
    }
    for (const OffloadedFile& file : files) {
        for (std::size_t d = 0; d < file.destinations.size() && d < destinations.size(); ++d) {
            const FileAtDestination& at = file.destinations[d];
            if (isGood(at.outcome)) continue;
            lines.push_back(fmt::format("{}: {}: {}", (destinations[d].root / file.relative).string(),
                                        toString(at.outcome), at.reason));
        }
    }
    return lines;
}

std::vector<std::filesystem::path> OffloadReport::goodCopies(std::size_t index) const {
    std::vector<std::filesystem::path> paths;
    if (index >= destinations.size()) return paths;
    for (const OffloadedFile& file : files) {
        if (index < file.destinations.size() && isGood(file.destinations[index].outcome)) {
            paths.push_back(destinations[index].root / file.relative);
        }
    }
    return paths;
}

}  // namespace rushes::ingest
