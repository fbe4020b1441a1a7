// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rushes::catalog::query {

enum class TokenType {
    Word,    // bare free text
    Phrase,  // "quoted free text"
    Field,   // name + operator + value, e.g. rating>=4, tag:"penalty kick"
    And,
    Or,
    Not,    // the word NOT
    Minus,  // '-' glued to the next term
    LeftParen,
    RightParen,
    End,
};

struct Token {
    TokenType type = TokenType::End;
    std::string text;       // Word/Phrase: the text (escapes resolved); Field: the value
    std::string field;      // Field: the name, lower-cased
    std::string op;         // Field: ":", "=", "!=", "<", "<=", ">", ">="
    size_t offset = 0;      // byte offset of the token in the query
    size_t value_offset = 0;  // Field: byte offset of the value (where a bad value is reported)
};

// Splits a query into tokens; the last one is End. Throws the column-pointing query error for an
// unterminated quote or an unknown field name. AND, OR and NOT are operators only in capitals, so the
// words "and"/"or" can still be searched for.
[[nodiscard]] std::vector<Token> tokenize(std::string_view query);

// The field names the language knows, in the order the docs list them.
[[nodiscard]] const std::vector<std::string_view>& fieldNames();

}  // namespace rushes::catalog::query
