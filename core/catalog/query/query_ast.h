// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The search language's syntax tree (docs/search.md). Values are already checked and converted here
// (tag keys folded, durations exact, dates validated), so the compiler never sees raw user text it must
// judge — it only binds values.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "time/rational.h"

namespace rushes::catalog::query {

enum class Field { Text, Tag, Kind, Rating, Score, Duration, Asset, Date };
enum class Comparison { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

[[nodiscard]] std::string_view toString(Field field) noexcept;
[[nodiscard]] std::string_view toString(Comparison op) noexcept;

struct Term {
    Field field = Field::Text;
    Comparison op = Comparison::Equal;
    // Text: the word or phrase as typed; Tag: the folded name key (tagNameKey); Kind: the kind's name;
    // Asset: the file-name pattern; Date: "YYYY-MM-DD".
    std::string text;
    bool phrase = false;       // Text: a "quoted phrase" matches exactly; a bare word matches as a prefix
    int64_t rating = 0;        // Rating: 0..5
    double score = 0;          // Score
    Rational seconds{0, 1};    // Duration: exact seconds (1500ms is 3/2, never 1.5 as a double)
    int column = 0;            // 1-based column of the term in the query, for messages
};

enum class NodeType { MatchAll, Term, And, Or, Not };

// MatchAll is the empty query; And/Or have two or more children, Not exactly one.
struct Node {
    NodeType type = NodeType::MatchAll;
    Term term;
    std::vector<Node> children;
};

// A compact, unambiguous form for tests and logs: (AND word:"goal" (OR tag:"a" (NOT rating>=4))).
[[nodiscard]] std::string toString(const Node& node);

// Throws rushes::Error (InvalidArgument, subject "search query") whose reason reads
// "column N: message" followed by the query and a caret under column N. `byte_offset` indexes `query`;
// the column counts code points, so the caret sits under the right character of a UTF-8 query.
[[noreturn]] void throwQueryError(std::string_view query, size_t byte_offset, const std::string& message);

// 1-based code-point column of a byte offset.
[[nodiscard]] int columnOf(std::string_view query, size_t byte_offset);

}  // namespace rushes::catalog::query
