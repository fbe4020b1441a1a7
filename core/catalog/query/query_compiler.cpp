// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/query_compiler.h"

#include <initializer_list>

#include <fmt/format.h>

#include "base/error.h"

namespace rushes::catalog::query {

namespace {

// The file name of an asset: rel_path after its last '/' (the same expression the FTS triggers index).
constexpr const char* kAssetFileName =
    "substr(x.rel_path, length(rtrim(x.rel_path, replace(x.rel_path, '/', ''))) + 1)";

// The day an asset was shot: the container's creation_time when the probe found one (an ISO 8601 text
// whose first ten characters are the date), else the day it entered the catalog (UTC). Schema v4 indexes
// exactly this expression (asset_shot_day); keep the two identical.
constexpr const char* kAssetDate =
    "COALESCE(date(substr(json_extract(x.probe_json, '$.creation_time'), 1, 10)),"
    " date(x.created_at_ms / 1000, 'unixepoch'))";

// Segments whose note, asset file name or a live tag's name matches one FTS5 literal (bound three times).
// Written as one id set so SQLite can drive the search from it through the primary key.
constexpr const char* kTextMatch =
    "s.id IN ("
    "SELECT d.row_id FROM search_text JOIN search_doc d ON d.doc = search_text.rowid"
    " WHERE search_text MATCH ? AND d.kind = 'segment'"
    " UNION ALL SELECT x.id FROM search_text JOIN search_doc d ON d.doc = search_text.rowid"
    " JOIN segment x ON x.asset_id = d.row_id AND x.deleted = 0"
    " WHERE search_text MATCH ? AND d.kind = 'asset'"
    " UNION ALL SELECT st.segment_id FROM search_text JOIN search_doc d ON d.doc = search_text.rowid"
    " JOIN segment_tag st ON st.tag_id = d.row_id AND st.present = 1"
    " WHERE search_text MATCH ? AND d.kind = 'tag')";

constexpr const char* kTagMatch =
    "s.id IN (SELECT st.segment_id FROM tag t JOIN segment_tag st ON st.tag_id = t.id AND st.present = 1"
    " WHERE t.name_key = ? AND t.deleted = 0)";

// Probe: membership in a set resolved beforehand, bound as one JSON array.
constexpr const char* kInBoundSet = " IN (SELECT value FROM json_each(?))";
// Probe: the segment's note is one of the matching full-text documents ({0} segment id). The documents are
// many (every note with a common word) and sorted, so a binary search (sql_functions.h) beats building
// an index of them.
constexpr const char* kNoteHit =
    "EXISTS (SELECT 1 FROM search_doc d WHERE d.kind = 'segment' AND d.row_id = {0} AND rushes_in_sorted(?, d.doc))";

std::string_view sqlOperator(Comparison op) {
    switch (op) {
        case Comparison::Equal: return " = ";
        case Comparison::NotEqual: return " <> ";
        case Comparison::Less: return " < ";
        case Comparison::LessEqual: return " <= ";
        case Comparison::Greater: return " > ";
        case Comparison::GreaterEqual: return " >= ";
    }
    return " = ";
}

class Compiler {
public:
    explicit Compiler(const CompileOptions& options) : options_(options) {}

    SqlFilter run(const Node& root) {
        node(root);
        return take();
    }

    SqlFilter take() { return std::move(out_); }

    // Appends the parts in order (GCC 12 misreports "literal" + std::string&& under -O3 -Wrestrict).
    void emit(std::initializer_list<std::string_view> parts) {
        for (auto part : parts) out_.sql += part;
    }

    void assetCondition(const Term& t) {
        if (t.field == Field::Date) {
            emit({kAssetDate, sqlOperator(t.op), "?"});
            out_.params.emplace_back(t.text);
            return;
        }
        // The file name is a suffix of rel_path, so a name matching the pattern implies a path matching
        // '%' + pattern: that cheap test on the column skips the file-name expression for almost every asset.
        const std::string like = assetLikePattern(t.text);
        emit({"(x.rel_path LIKE ? ESCAPE '\\' AND ", kAssetFileName, " LIKE ? ESCAPE '\\')"});
        out_.params.emplace_back(fmt::format("%{}", like));
        out_.params.emplace_back(like);
    }

private:
    void node(const Node& n) {
        switch (n.type) {
            case NodeType::MatchAll: out_.sql += "1"; return;
            case NodeType::Term: term(n.term); return;
            case NodeType::Not:
                out_.sql += "NOT (";
                node(n.children.front());
                out_.sql += ")";
                return;
            case NodeType::And:
            case NodeType::Or: {
                const char* joiner = n.type == NodeType::And ? " AND " : " OR ";
                out_.sql += "(";
                for (size_t i = 0; i < n.children.size(); ++i) {
                    if (i > 0) out_.sql += joiner;
                    node(n.children[i]);
                }
                out_.sql += ")";
                return;
            }
        }
    }

    // Equality-only fields: != is NOT of the match, so "tag!=goal" means "has no tag goal".
    void negatedIf(bool negate, std::string_view sql) {
        emit({negate ? "NOT (" : "(", sql, ")"});
    }

    void term(const Term& t) {
        if (options_.style == FilterStyle::Probe && isResolvedField(t.field)) {
            probeResolved(t);
            return;
        }
        const bool negate = t.op == Comparison::NotEqual;
        switch (t.field) {
            case Field::Text: {
                const std::string literal = ftsLiteral(t.text, !t.phrase);
                out_.sql += kTextMatch;
                for (int i = 0; i < 3; ++i) out_.params.emplace_back(literal);
                return;
            }
            case Field::Tag:
                negatedIf(negate, kTagMatch);
                out_.params.emplace_back(t.text);
                return;
            case Field::Kind:
                negatedIf(negate, "s.kind = ?");
                out_.params.emplace_back(t.text);
                return;
            case Field::Asset:
            case Field::Date:  // a date's != is a comparison (a day other than …), not a NOT
                emit({negate && t.field == Field::Asset ? "NOT (" : "(",
                      "s.asset_id IN (SELECT x.id FROM asset x WHERE "});
                assetCondition(t);
                out_.sql += "))";
                return;
            case Field::Rating:
                emit({"(s.rating IS NOT NULL AND s.rating", sqlOperator(t.op), "?)"});
                out_.params.emplace_back(t.rating);
                return;
            case Field::Score:
                emit({"(s.score IS NOT NULL AND s.score", sqlOperator(t.op), "?)"});
                out_.params.emplace_back(t.score);
                return;
            case Field::Duration:
                // (out - in) * num / den  OP  p / q, cross-multiplied so it stays exact integer math.
                emit({"((s.out_ticks - s.in_ticks) * s.time_base_num * ?", sqlOperator(t.op), "? * s.time_base_den)"});
                out_.params.emplace_back(t.seconds.den);
                out_.params.emplace_back(t.seconds.num);
                return;
        }
    }

    // A test of this row against the term's resolved sets; a test against an empty set is left out.
    void probeResolved(const Term& t) {
        const TermHits& hits = hitsOf(t);
        std::vector<std::pair<std::string, const IdSet*>> parts;
        if (t.field == Field::Text && hits.notes.size > 0) {
            const std::string note_hit = fmt::format(kNoteHit, options_.segment_id);
            parts.emplace_back(
                options_.has_note.empty() ? note_hit : fmt::format("({} AND {})", options_.has_note, note_hit),
                &hits.notes);
        }
        if (t.field != Field::Tag && hits.assets.size > 0)
            parts.emplace_back(fmt::format("s.asset_id{}", kInBoundSet), &hits.assets);
        if ((t.field == Field::Text || t.field == Field::Tag) && hits.tags.size > 0) {
            parts.emplace_back(fmt::format("EXISTS (SELECT 1 FROM segment_tag st WHERE st.segment_id = {}"
                                           " AND st.present = 1 AND st.tag_id{})",
                                           options_.segment_id, kInBoundSet),
                               &hits.tags);
        }
        // Nothing to find: a test against the empty set rather than a constant 0, which SQLite would fold
        // into a WHERE clause that uses no index at all (and INDEXED BY would refuse to plan).
        static const IdSet kNothing;
        if (parts.empty()) parts.emplace_back(fmt::format("{}{}", options_.segment_id, kInBoundSet), &kNothing);
        emit({t.op == Comparison::NotEqual && t.field != Field::Date ? "NOT (" : "("});
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i > 0) out_.sql += " OR ";
            out_.sql += parts[i].first;
            out_.params.emplace_back(parts[i].second->json);
        }
        out_.sql += ")";
    }

    const TermHits& hitsOf(const Term& t) const {
        if (options_.resolved == nullptr)
            throw Error(ErrorKind::Internal, "search query", "probe without resolved terms");
        return options_.resolved->at(t);
    }

    const CompileOptions& options_;
    SqlFilter out_;
};

}  // namespace

SqlFilter compileFilter(const Node& root, const CompileOptions& options) {
    return Compiler(options).run(root);
}

SqlFilter assetCondition(const Term& term) {
    const CompileOptions options;
    Compiler compiler(options);
    compiler.assetCondition(term);
    return compiler.take();
}

std::string ftsLiteral(std::string_view text, bool prefix) {
    std::string literal = "\"";
    for (char c : text) {
        literal += c;
        if (c == '"') literal += '"';
    }
    literal += '"';
    if (prefix) literal += '*';
    return literal;
}

std::string assetLikePattern(std::string_view pattern) {
    const bool glob = pattern.find_first_of("*?") != std::string_view::npos;
    std::string like = glob ? "" : "%";
    for (char c : pattern) {
        if (glob && c == '*') like += '%';
        else if (glob && c == '?') like += '_';
        else if (c == '%' || c == '_' || c == '\\') like += std::string("\\") + c;
        else like += c;
    }
    if (!glob) like += '%';
    return like;
}

}  // namespace rushes::catalog::query
