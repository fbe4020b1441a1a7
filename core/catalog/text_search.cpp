// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/text_search.h"

#include "catalog/database.h"

namespace rushes::catalog {

namespace {
// Every whitespace-separated word becomes a quoted FTS5 string (quotes doubled) with a prefix star, so the
// words are data, never operators.
std::string literalPrefixQuery(std::string_view query) {
    std::string match;
    size_t pos = 0;
    while (pos < query.size()) {
        const size_t start = query.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) break;
        const size_t end = std::min(query.find_first_of(" \t\r\n", start), query.size());
        std::string word = "\"";
        for (char c : query.substr(start, end - start)) {
            word += c;
            if (c == '"') word += '"';
        }
        word += "\"*";
        if (!match.empty()) match += ' ';
        match += word;
        pos = end;
    }
    return match;
}
}  // namespace

std::vector<TextHit> searchText(Database& db, std::string_view query, int limit) {
    const std::string match = literalPrefixQuery(query);
    std::vector<TextHit> hits;
    if (match.empty()) return hits;
    Statement stmt = db.prepare(
        "SELECT d.kind, d.row_id FROM search_text JOIN search_doc d ON d.doc = search_text.rowid"
        " WHERE search_text MATCH ?1 ORDER BY rank, d.doc LIMIT ?2");
    stmt.bindAll(match, limit);
    while (stmt.step()) hits.push_back({stmt.textAt(0), stmt.textAt(1)});
    return hits;
}

}  // namespace rushes::catalog
