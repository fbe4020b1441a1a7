// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/query_lexer.h"

#include <algorithm>

#include "base/error.h"
#include "catalog/query/query_ast.h"

namespace rushes::catalog::query {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Where a bare word or a bare field value stops.
bool endsBareRun(char c) { return isSpace(c) || c == '(' || c == ')' || c == '"'; }

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return out;
}

// The comparison operator at `pos`, longest first, or empty.
std::string_view operatorAt(std::string_view query, size_t pos) {
    for (std::string_view op : {"!=", "<=", ">=", ":", "=", "<", ">"}) {
        if (query.substr(pos, op.size()) == op) return op;
    }
    return {};
}

class Lexer {
public:
    explicit Lexer(std::string_view query) : query_(query) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        while (true) {
            while (pos_ < query_.size() && isSpace(query_[pos_])) ++pos_;
            if (pos_ >= query_.size()) break;
            tokens.push_back(next());
        }
        Token end;
        end.offset = query_.size();
        tokens.push_back(end);
        return tokens;
    }

private:
    Token next() {
        Token token;
        token.offset = pos_;
        const char c = query_[pos_];
        if (c == '(' || c == ')') {
            token.type = c == '(' ? TokenType::LeftParen : TokenType::RightParen;
            ++pos_;
            return token;
        }
        if (c == '"') {
            token.type = TokenType::Phrase;
            token.text = quoted();
            return token;
        }
        // '-' negates only when glued to what follows: "-foul", "-(a OR b)", "-tag:x".
        if (c == '-' && pos_ + 1 < query_.size() && !isSpace(query_[pos_ + 1])) {
            token.type = TokenType::Minus;
            ++pos_;
            return token;
        }
        if (isAsciiLetter(c)) {
            size_t name_end = pos_;
            while (name_end < query_.size() && isAsciiLetter(query_[name_end])) ++name_end;
            const std::string_view op = operatorAt(query_, name_end);
            if (!op.empty()) return field(name_end, op);
        }
        const size_t start = pos_;
        while (pos_ < query_.size() && !endsBareRun(query_[pos_])) ++pos_;
        token.text = std::string(query_.substr(start, pos_ - start));
        if (token.text == "AND") token.type = TokenType::And;
        else if (token.text == "OR") token.type = TokenType::Or;
        else if (token.text == "NOT") token.type = TokenType::Not;
        else token.type = TokenType::Word;
        return token;
    }

    Token field(size_t name_end, std::string_view op) {
        Token token;
        token.type = TokenType::Field;
        token.offset = pos_;
        token.field = lowerAscii(query_.substr(pos_, name_end - pos_));
        const auto& names = fieldNames();
        if (std::find(names.begin(), names.end(), token.field) == names.end()) {
            std::string list;
            for (auto name : names) list += (list.empty() ? "" : ", ") + std::string(name);
            throwQueryError(query_, pos_, "unknown field '" + token.field + "' (fields: " + list + ")");
        }
        token.op = std::string(op);
        pos_ = name_end + op.size();
        token.value_offset = pos_;
        if (pos_ < query_.size() && query_[pos_] == '"') {
            token.text = quoted();
        } else {
            const size_t start = pos_;
            while (pos_ < query_.size() && !endsBareRun(query_[pos_])) ++pos_;
            token.text = std::string(query_.substr(start, pos_ - start));
        }
        return token;
    }

    // A "…" string from pos_ (at the opening quote); \" and \\ are the only escapes.
    std::string quoted() {
        const size_t open = pos_++;
        std::string text;
        while (pos_ < query_.size()) {
            const char c = query_[pos_++];
            if (c == '"') return text;
            if (c == '\\' && pos_ < query_.size() && (query_[pos_] == '"' || query_[pos_] == '\\')) {
                text += query_[pos_++];
            } else {
                text += c;
            }
        }
        throwQueryError(query_, open, "this quote is never closed");
    }

    std::string_view query_;
    size_t pos_ = 0;
};

}  // namespace

const std::vector<std::string_view>& fieldNames() {
    static const std::vector<std::string_view> names = {"tag",   "kind",     "rating", "score",
                                                        "duration", "asset", "date"};
    return names;
}

std::vector<Token> tokenize(std::string_view query) {
    return Lexer(query).run();
}

}  // namespace rushes::catalog::query
