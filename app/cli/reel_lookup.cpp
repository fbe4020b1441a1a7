// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/reel_lookup.h"

#include "catalog/reel_store.h"
#include "cli/catalog_session.h"

namespace rushes::cli {

catalog::Reel resolveReel(catalog::Database& db, std::string_view text, const std::string& project) {
    const std::string subject = "reel " + std::string(text);
    catalog::ReelStore reels(db);
    if (const auto by_id = reels.find(text); by_id && !by_id->deleted) return *by_id;
    if (const auto only = findProject(db, project)) {
        if (auto found = reels.findByName(only->id, text)) return *found;
        throw Error(ErrorKind::NotFound, subject, "project " + only->name + " has no live reel by this name or id");
    }
    catalog::Statement stmt = db.prepare("SELECT id FROM reel WHERE name = ?1 AND deleted = 0 ORDER BY id LIMIT 2");
    stmt.bindAll(text);
    if (!stmt.step()) throw Error(ErrorKind::NotFound, subject, "no live reel has this name or id");
    const std::string id = stmt.textAt(0);
    if (stmt.step()) {
        throw Error(ErrorKind::InvalidArgument, subject, "several projects have a reel of this name; give --project");
    }
    return *reels.find(id);
}

}  // namespace rushes::cli
