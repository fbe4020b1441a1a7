// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What each tag:, asset:, date: and free-text term of a query selects, read from the catalog once before a
// search is planned. The planner takes its selectivity estimates from the sizes; the compiler binds the ids
// (as JSON arrays, read back with json_each) instead of evaluating the term again for every row.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/query/query_ast.h"

namespace rushes::catalog {
class Database;
}

namespace rushes::catalog::query {

// One live tag and how many live segments carry it (tag_segment_count).
struct TagHit {
    std::string tag_id;
    int64_t segments = 0;
};

// A set of ids as the JSON array the SQL binds, with its size.
struct IdSet {
    std::string json = "[]";
    int64_t size = 0;
};

struct TermHits {
    IdSet notes;                   // Text: the full-text documents (search_doc.doc) of the live notes that match
    IdSet assets;                  // Text: live assets whose file name matches; Asset/Date: the assets the term selects
    IdSet tags;                    // Tag: the live tags with the key; Text: the live tags whose name matches
    std::vector<TagHit> tag_list;  // the same tags, one by one
};

// Keyed by addresses inside the query tree, which must outlive the maps.
struct ResolvedTerms {
    std::unordered_map<const Term*, TermHits> terms;
    // An OR of words and phrases only ("coach OR tactics") as if it were one text term: the union of their
    // hits, so that one walk serves them all.
    std::unordered_map<const Node*, TermHits> text_unions;

    [[nodiscard]] const TermHits& at(const Term& term) const;  // throws Internal if `term` was not resolved
};

// Resolves every tag, asset, date and text term of `root` (also those under NOT), and every OR of text
// terms. Run it inside the same read transaction as the search, so the sets and the rows they are tested
// against are one snapshot.
[[nodiscard]] ResolvedTerms resolveTerms(Database& db, const Node& root);

// True for the fields resolveTerms resolves.
[[nodiscard]] bool isResolvedField(Field field) noexcept;

}  // namespace rushes::catalog::query
