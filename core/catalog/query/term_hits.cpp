// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/term_hits.h"

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

// A text term's hits by kind. Note hits stay document ids: a word in thousands of notes is then read
// from the FTS index alone, and a segment is tested through its one search_doc row when it is met.
TermHits resolveText(Database& db, const Term& term) {
    const std::string literal = ftsLiteral(term.text, !term.phrase);
    TermHits hits;
    {
        Statement notes = db.prepare(
            "SELECT json_group_array(rowid), count(*) FROM search_text"
            " WHERE search_text MATCH ?1 AND rowid >= ?2 AND rowid < ?3");
        notes.bindAll(literal, kNoteDocuments.first, kNoteDocuments.end);
        notes.step();
        hits.notes = idSetAt(notes, 0);
    }
    hits.assets = rowsOfKind(db, literal, kAssetDocuments);
    hits.tags = rowsOfKind(db, literal, kTagDocuments);
    hits.tag_list = tagList(db, hits.tags);
    return hits;
}

void resolve(Database& db, const Node& node, ResolvedTerms& out) {
    if (node.type == NodeType::Term && isResolvedField(node.term.field)) {
        switch (node.term.field) {
            case Field::Tag: out[&node.term] = resolveTag(db, node.term); break;
            case Field::Text: out[&node.term] = resolveText(db, node.term); break;
            default: out[&node.term] = resolveAssets(db, node.term); break;
        }
    }
    for (const Node& child : node.children) resolve(db, child, out);
}

}  // namespace

bool isResolvedField(Field field) noexcept {
    return field == Field::Tag || field == Field::Text || field == Field::Asset || field == Field::Date;
}

ResolvedTerms resolveTerms(Database& db, const Node& root) {
    ResolvedTerms out;
    resolve(db, root, out);
    return out;
}

}  // namespace rushes::catalog::query
