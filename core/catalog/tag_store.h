// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/database.h"
#include "catalog/hlc.h"
#include "catalog/rows.h"
#include "catalog/uuid.h"

namespace rushes::catalog {

// The key tag names are compared by: surrounding whitespace trimmed, then every code point lowered with
// Unicode simple case mapping ("Ärger", "ÄRGER" and " ärger " share one key). No normalisation (NFC) and no
// full folding (ß stays ß): both need ICU, and typed tag names rarely differ that way. nullopt for text that
// is not valid UTF-8 or is empty after trimming.
[[nodiscard]] std::optional<std::string> tagNameKey(std::string_view name);

// A project's tag vocabulary and the tags on each segment. Each (segment, tag) membership is its own
// last-writer-wins register with a present flag (DESIGN §6): adding and removing write that register only,
// so two editors adding different tags to one segment both win after sync.
class TagStore {
public:
    explicit TagStore(Database& db);

    // The live tag with this name (compared by tagNameKey) in the project, created if there is none.
    [[nodiscard]] Tag ensureTag(std::string_view project_id, std::string_view name);
    // Refused with ErrorKind::Conflict if another live tag of the project has the same key.
    void rename(std::string_view tag_id, std::string_view name);
    // Tombstones the tag and clears its memberships in one transaction.
    void removeTag(std::string_view tag_id);

    [[nodiscard]] std::optional<Tag> find(std::string_view tag_id);  // tombstones included
    [[nodiscard]] std::optional<Tag> findByName(std::string_view project_id, std::string_view name);  // live
    [[nodiscard]] std::vector<Tag> vocabulary(std::string_view project_id);                           // live, by key

    // Both must be live and in the same project. Adding a present tag or removing an absent one is a no-op.
    void addToSegment(std::string_view segment_id, std::string_view tag_id);
    void removeFromSegment(std::string_view segment_id, std::string_view tag_id);
    // ensureTag in the segment's project + addToSegment, in one transaction.
    Tag tagSegment(std::string_view segment_id, std::string_view name);

    [[nodiscard]] std::vector<Tag> tagsForSegment(std::string_view segment_id);       // live tags, by key
    [[nodiscard]] std::vector<std::string> segmentsWithTag(std::string_view tag_id);  // live segment ids

private:
    void setMembership(std::string_view segment_id, std::string_view tag_id, bool present);
    [[nodiscard]] std::string projectOfSegment(std::string_view segment_id);

    Database& db_;
    UuidV7Generator ids_;
    LocalClock clock_;
};

}  // namespace rushes::catalog
