// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/query_compiler.h"

#include <initializer_list>

namespace rushes::catalog::query {

namespace {

// The file name of an asset: rel_path after its last '/' (the same expression the FTS triggers index).
constexpr const char* kAssetFileName =
    "substr(x.rel_path, length(rtrim(x.rel_path, replace(x.rel_path, '/', ''))) + 1)";

// The day an asset was shot: the container's creation_time when the probe found one (an ISO 8601 text
// whose first ten characters are the date), else the day it entered the catalog (UTC).
constexpr const char* kAssetDate =
    "COALESCE(date(substr(json_extract(x.probe_json, '$.creation_time'), 1, 10)),"
    " date(x.created_at_ms / 1000, 'unixepoch'))";

// Asset predicates are evaluated once per asset, not once per segment: the matching asset ids form a set
// that SQLite can also drive the search from (segment_asset index).
std::string assetsWhere(std::initializer_list<std::string_view> predicate) {
    std::string sql = "s.asset_id IN (SELECT x.id FROM asset x WHERE ";
    for (auto part : predicate) sql += part;
    return sql + ")";
}

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

constexpr const char* kTagProbe =
    "EXISTS (SELECT 1 FROM segment_tag st JOIN tag t ON t.id = st.tag_id"
    " WHERE st.segment_id = s.id AND st.present = 1 AND t.name_key = ? AND t.deleted = 0)";

constexpr const char* kTagMatch =
    "s.id IN (SELECT st.segment_id FROM tag t JOIN segment_tag st ON st.tag_id = t.id AND st.present = 1"
    " WHERE t.name_key = ? AND t.deleted = 0)";

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
    explicit Compiler(FilterStyle style) : style_(style) {}

    SqlFilter run(const Node& root) {
        node(root);
        return std::move(out_);
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

    // Appends the parts in order (GCC 12 misreports "literal" + std::string&& under -O3 -Wrestrict).
    void emit(std::initializer_list<std::string_view> parts) {
        for (auto part : parts) out_.sql += part;
    }

    void term(const Term& t) {
        const bool negate = t.op == Comparison::NotEqual;
        switch (t.field) {
            case Field::Text: {
                const std::string literal = ftsLiteral(t.text, !t.phrase);
                out_.sql += kTextMatch;
                for (int i = 0; i < 3; ++i) out_.params.emplace_back(literal);
                return;
            }
            case Field::Tag:
                negatedIf(negate, style_ == FilterStyle::Probe ? kTagProbe : kTagMatch);
                out_.params.emplace_back(t.text);
                return;
            case Field::Kind:
                negatedIf(negate, "s.kind = ?");
                out_.params.emplace_back(t.text);
                return;
            case Field::Asset:
                negatedIf(negate, assetsWhere({kAssetFileName, " LIKE ? ESCAPE '\\'"}));
                out_.params.emplace_back(assetLikePattern(t.text));
                return;
            case Field::Date:
                emit({"(", assetsWhere({kAssetDate, sqlOperator(t.op), "?"}), ")"});
                out_.params.emplace_back(t.text);
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

    FilterStyle style_;
    SqlFilter out_;
};

}  // namespace

SqlFilter compileFilter(const Node& root, FilterStyle style) {
    return Compiler(style).run(root);
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
