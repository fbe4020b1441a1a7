// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/term_hits.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>

#include "catalog/database.h"
#include "catalog/query/query_compiler.h"
#include "catalog/search_documents.h"

namespace rushes::catalog::query {

namespace {

void bindValue(Statement& stmt, int index, const SqlValue& value) {
    std::visit([&](const auto& v) { stmt.bind(index, v); }, value);
}

IdSet idSetAt(const Statement& row, int json_column) {
    return IdSet{row.textAt(json_column), row.int64At(json_column + 1)};
}

// The tags of a JSON array of tag ids, each with its live segment count.
std::vector<TagHit> tagList(Database& db, const IdSet& tags) {
    std::vector<TagHit> list;
    if (tags.size == 0) return list;
    Statement stmt = db.prepare(
        "SELECT j.value, coalesce(c.segments, 0) FROM json_each(?1) j"
        " LEFT JOIN tag_segment_count c ON c.tag_id = j.value ORDER BY j.value");
    stmt.bindAll(tags.json);
    while (stmt.step()) list.push_back({stmt.textAt(0), stmt.int64At(1)});
    return list;
}

TermHits resolveTag(Database& db, const Term& term) {
    Statement stmt = db.prepare(
        "SELECT json_group_array(id), count(*) FROM (SELECT t.id FROM tag t WHERE t.name_key = ?1 AND t.deleted = 0)");
    stmt.bindAll(term.text);
    stmt.step();
    TermHits hits;
    hits.tags = idSetAt(stmt, 0);
    hits.tag_list = tagList(db, hits.tags);
    return hits;
}

TermHits resolveAssets(Database& db, const Term& term) {
    const SqlFilter condition = assetCondition(term);
    Statement stmt = db.prepare("SELECT json_group_array(x.id), count(*) FROM asset x WHERE " + condition.sql);
    for (size_t i = 0; i < condition.params.size(); ++i) bindValue(stmt, int(i) + 1, condition.params[i]);
    stmt.step();
    TermHits hits;
    hits.assets = idSetAt(stmt, 0);
    return hits;
}

// The hits of a text term among one kind's documents, as row ids (file names, tag names: few, so looking
// up their rows is cheap).
IdSet rowsOfKind(Database& db, const std::string& literal, const DocumentRange& range) {
    Statement stmt = db.prepare(
        "SELECT json_group_array(d.row_id), count(*) FROM search_text JOIN search_doc d ON d.doc = search_text.rowid"
        " WHERE search_text MATCH ?1 AND search_text.rowid >= ?2 AND search_text.rowid < ?3");
    stmt.bindAll(literal, range.first, range.end);
    stmt.step();
    return idSetAt(stmt, 0);
}

// The note documents of several text terms, merged: each list is a JSON array of ascending rowids.
IdSet mergeNoteDocuments(const std::vector<const IdSet*>& sets) {
    std::vector<int64_t> merged;
    for (const IdSet* set : sets) {
        const std::string_view json = set->json;
        std::vector<int64_t> values;
        for (size_t at = 1; at + 1 < json.size();) {  // between '[' and ']'; json_group_array writes no spaces
            int64_t value = 0;
            const auto [end, error] = std::from_chars(json.data() + at, json.data() + json.size(), value);
            if (error != std::errc{}) throw Error(ErrorKind::Internal, "search query", "unexpected FTS rowid list");
            values.push_back(value);
            at = size_t(end - json.data()) + 1;
        }
        std::vector<int64_t> both;
        std::set_union(merged.begin(), merged.end(), values.begin(), values.end(), std::back_inserter(both));
        merged = std::move(both);
    }
    IdSet out{"[", int64_t(merged.size())};
    for (size_t i = 0; i < merged.size(); ++i) {
        if (i > 0) out.json += ',';
        out.json += std::to_string(merged[i]);
    }
    out.json += ']';
    return out;
}

// A text query's hits by kind. Note hits stay document ids: a word in thousands of notes is then read
// from the FTS index alone, and a segment is tested through its one search_doc row when it is met.
// `known_notes`: the note documents, already merged from the parts of an OR; `names`: whether any part hit
// a file or tag name (if none did, the union holds none either).
TermHits resolveText(Database& db, const std::string& fts_query, std::optional<IdSet> known_notes = std::nullopt,
                     bool names = true) {
    TermHits hits;
    if (known_notes) {
        hits.notes = std::move(*known_notes);
    } else {
        Statement notes = db.prepare(
            "SELECT json_group_array(rowid), count(*) FROM search_text"
            " WHERE search_text MATCH ?1 AND rowid >= ?2 AND rowid < ?3");
        notes.bindAll(fts_query, kNoteDocuments.first, kNoteDocuments.end);
        notes.step();
        hits.notes = idSetAt(notes, 0);
    }
    if (!names) return hits;
    hits.assets = rowsOfKind(db, fts_query, kAssetDocuments);
    hits.tags = rowsOfKind(db, fts_query, kTagDocuments);
    hits.tag_list = tagList(db, hits.tags);
    return hits;
}

bool isTextTerm(const Node& node) {
    return node.type == NodeType::Term && node.term.field == Field::Text;
}

void resolve(Database& db, const Node& node, ResolvedTerms& out) {
    if (node.type == NodeType::Term && isResolvedField(node.term.field)) {
        switch (node.term.field) {
            case Field::Tag: out.terms[&node.term] = resolveTag(db, node.term); break;
            case Field::Text:
                out.terms[&node.term] = resolveText(db, ftsLiteral(node.term.text, !node.term.phrase));
                break;
            default: out.terms[&node.term] = resolveAssets(db, node.term); break;
        }
    }
    for (const Node& child : node.children) resolve(db, child, out);
    if (node.type == NodeType::Or && std::all_of(node.children.begin(), node.children.end(), isTextTerm)) {
        // The children's note documents merged; file and tag names through FTS5's own OR of the quoted
        // literals (each stays one literal, only the OR between them is ours): those hits are few.
        std::string fts_query;
        std::vector<const IdSet*> notes;
        bool names = false;
        for (const Node& child : node.children) {
            if (!fts_query.empty()) fts_query += " OR ";
            fts_query += ftsLiteral(child.term.text, !child.term.phrase);
            const TermHits& hits = out.terms.at(&child.term);
            notes.push_back(&hits.notes);
            names = names || hits.assets.size > 0 || hits.tags.size > 0;
        }
        out.text_unions[&node] = resolveText(db, fts_query, mergeNoteDocuments(notes), names);
    }
}

}  // namespace

const TermHits& ResolvedTerms::at(const Term& term) const {
    if (const auto found = terms.find(&term); found != terms.end()) return found->second;
    throw Error(ErrorKind::Internal, "search query", fmt::format("a {} term was not resolved", toString(term.field)));
}

bool isResolvedField(Field field) noexcept {
    return field == Field::Tag || field == Field::Text || field == Field::Asset || field == Field::Date;
}

ResolvedTerms resolveTerms(Database& db, const Node& root) {
    ResolvedTerms out;
    resolve(db, root, out);
    return out;
}

}  // namespace rushes::catalog::query
