// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/query_ast.h"

#include <fmt/format.h>

#include "base/error.h"

namespace rushes::catalog::query {

std::string_view toString(Field field) noexcept {
    switch (field) {
        case Field::Text: return "text";
        case Field::Tag: return "tag";
        case Field::Kind: return "kind";
        case Field::Rating: return "rating";
        case Field::Score: return "score";
        case Field::Duration: return "duration";
        case Field::Asset: return "asset";
        case Field::Date: return "date";
    }
    return "text";
}

std::string_view toString(Comparison op) noexcept {
    switch (op) {
        case Comparison::Equal: return "=";
        case Comparison::NotEqual: return "!=";
        case Comparison::Less: return "<";
        case Comparison::LessEqual: return "<=";
        case Comparison::Greater: return ">";
        case Comparison::GreaterEqual: return ">=";
    }
    return "=";
}

namespace {
std::string termToString(const Term& term) {
    switch (term.field) {
        case Field::Text: return fmt::format("{}:\"{}\"", term.phrase ? "phrase" : "word", term.text);
        case Field::Rating: return fmt::format("rating{}{}", toString(term.op), term.rating);
        case Field::Score: return fmt::format("score{}{}", toString(term.op), term.score);
        case Field::Duration: return fmt::format("duration{}{}", toString(term.op), term.seconds.toString());
        default: return fmt::format("{}{}\"{}\"", toString(term.field), toString(term.op), term.text);
    }
}
}  // namespace

std::string toString(const Node& node) {
    switch (node.type) {
        case NodeType::MatchAll: return "(ALL)";
        case NodeType::Term: return termToString(node.term);
        case NodeType::And:
        case NodeType::Or:
        case NodeType::Not: {
            std::string out = node.type == NodeType::And ? "(AND" : node.type == NodeType::Or ? "(OR" : "(NOT";
            for (const Node& child : node.children) {
                out += ' ';
                out += toString(child);
            }
            return out + ")";
        }
    }
    return {};
}

int columnOf(std::string_view query, size_t byte_offset) {
    int column = 1;
    for (size_t i = 0; i < byte_offset && i < query.size(); ++i) {
        if ((static_cast<unsigned char>(query[i]) & 0xc0) != 0x80) ++column;  // skip UTF-8 continuation bytes
    }
    // An offset inside a multi-byte character still points at that character.
    if (byte_offset < query.size() && (static_cast<unsigned char>(query[byte_offset]) & 0xc0) == 0x80) --column;
    return column;
}

void throwQueryError(std::string_view query, size_t byte_offset, const std::string& message) {
    const int column = columnOf(query, byte_offset);
    // Control characters would break the caret line; show them as spaces.
    std::string shown(query);
    for (char& c : shown) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    throw Error(ErrorKind::InvalidArgument, "search query",
                fmt::format("column {}: {}\n  {}\n  {}^", column, message, shown, std::string(size_t(column - 1), ' ')));
}

}  // namespace rushes::catalog::query
