// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/query_parser.h"

#include <charconv>
#include <cmath>

#include "base/error.h"
#include "catalog/query/query_lexer.h"
#include "catalog/rows.h"
#include "catalog/tag_store.h"

namespace rushes::catalog::query {

namespace {

std::optional<Comparison> comparisonFor(std::string_view op) {
    if (op == ":" || op == "=") return Comparison::Equal;
    if (op == "!=") return Comparison::NotEqual;
    if (op == "<") return Comparison::Less;
    if (op == "<=") return Comparison::LessEqual;
    if (op == ">") return Comparison::Greater;
    if (op == ">=") return Comparison::GreaterEqual;
    return std::nullopt;
}

std::optional<int64_t> parseInteger(std::string_view text) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "12", "1.5", ".5" as an exact fraction. At most 12 digits and 3 decimals (milliseconds of a second,
// microseconds of "ms"), so the compiler's tick products stay well inside int64.
std::optional<Rational> parseDecimal(std::string_view text) {
    int64_t num = 0;
    int64_t den = 1;
    int digits = 0;
    bool seen_point = false;
    for (char c : text) {
        if (c == '.' && !seen_point) {
            seen_point = true;
        } else if (c >= '0' && c <= '9') {
            if (++digits > 12 || (seen_point && den == 1000)) return std::nullopt;
            num = num * 10 + (c - '0');
            if (seen_point) den *= 10;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0) return std::nullopt;
    return Rational::make(num, den);
}

// "5s", "1500ms", "2m", "1h", "7.5" (seconds), "1:30" (m:ss) or "1:02:03" (h:mm:ss).
std::optional<Rational> parseDuration(std::string_view text) {
    if (text.find(':') != std::string_view::npos) {
        Rational total{0, 1};
        size_t start = 0;
        int parts = 0;
        while (true) {
            const size_t colon = text.find(':', start);
            const std::string_view part = text.substr(start, colon == std::string_view::npos ? colon : colon - start);
            const bool last = colon == std::string_view::npos;
            // Whole minutes and hours; only the seconds may carry a fraction.
            std::optional<Rational> value;
            if (last) {
                value = parseDecimal(part);
            } else if (const auto whole = parseInteger(part)) {
                value = Rational{*whole, 1};
            }
            if (!value || value->num < 0 || part.empty() || ++parts > 3) return std::nullopt;
            if (parts > 1 && *value >= Rational{60, 1}) return std::nullopt;
            total = total * Rational{60, 1} + *value;
            if (last) break;
            start = colon + 1;
        }
        if (parts < 2) return std::nullopt;
        return total;
    }
    struct Unit {
        std::string_view suffix;
        Rational seconds;
    };
    for (const Unit& unit : {Unit{"ms", {1, 1000}}, Unit{"s", {1, 1}}, Unit{"m", {60, 1}}, Unit{"h", {3600, 1}}}) {
        if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
            const auto value = parseDecimal(text.substr(0, text.size() - unit.suffix.size()));
            if (!value) return std::nullopt;
            return *value * unit.seconds;
        }
    }
    return parseDecimal(text);
}

bool isValidDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const auto year = parseInteger(text.substr(0, 4));
    const auto month = parseInteger(text.substr(5, 2));
    const auto day = parseInteger(text.substr(8, 2));
    if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1) return false;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    if (*month == 2 && *day == 29 && !leap) return false;
    return *day <= kDays[*month - 1];
}

class Parser {
public:
    explicit Parser(std::string_view query) : query_(query), tokens_(tokenize(query)) {}

    Node run() {
        if (peek().type == TokenType::End) return Node{};
        Node root = parseOr();
        if (peek().type == TokenType::RightParen) fail(peek().offset, "this ')' has no matching '('");
        if (peek().type != TokenType::End) fail(peek().offset, "unexpected text");
        return root;
    }

private:
    const Token& peek() const { return tokens_[index_]; }
    const Token& take() { return tokens_[index_++]; }
    [[noreturn]] void fail(size_t offset, const std::string& message) const {
        throwQueryError(query_, offset, message);
    }

    static bool startsTerm(TokenType type) {
        return type == TokenType::Word || type == TokenType::Phrase || type == TokenType::Field ||
               type == TokenType::Not || type == TokenType::Minus || type == TokenType::LeftParen;
    }

    static Node combine(NodeType type, std::vector<Node> children) {
        if (children.size() == 1) return std::move(children.front());
        Node node;
        node.type = type;
        node.children = std::move(children);
        return node;
    }

    // What an operator must be followed by; `after` names it in the message.
    void requireOperand(const Token& after) const {
        if (!startsTerm(peek().type)) {
            fail(peek().offset, "expected a search term after '" + std::string(query_.substr(after.offset,
                                                                                               operatorLength(after))) +
                                    "'");
        }
    }
    static size_t operatorLength(const Token& token) {
        switch (token.type) {
            case TokenType::And: return 3;
            case TokenType::Or: return 2;
            case TokenType::Not: return 3;
            default: return 1;
        }
    }

    Node parseOr() {
        std::vector<Node> children{parseAnd()};
        while (peek().type == TokenType::Or) {
            requireOperand(take());
            children.push_back(parseAnd());
        }
        return combine(NodeType::Or, std::move(children));
    }

    Node parseAnd() {
        std::vector<Node> children{parseUnary()};
        while (true) {
            if (peek().type == TokenType::And) {
                requireOperand(take());
            } else if (!startsTerm(peek().type)) {
                break;
            }
            children.push_back(parseUnary());
        }
        return combine(NodeType::And, std::move(children));
    }

    Node parseUnary() {
        if (peek().type == TokenType::Not || peek().type == TokenType::Minus) {
            requireOperand(take());
            Node node;
            node.type = NodeType::Not;
            node.children.push_back(parseUnary());
            return node;
        }
        return parsePrimary();
    }

    Node parsePrimary() {
        const Token& token = take();
        switch (token.type) {
            case TokenType::LeftParen: {
                requireOperand(token);
                Node inner = parseOr();
                if (peek().type != TokenType::RightParen) {
                    fail(peek().offset, "expected ')' to close the '(' at column " +
                                            std::to_string(columnOf(query_, token.offset)));
                }
                take();
                return inner;
            }
            case TokenType::Word:
            case TokenType::Phrase: {
                Node node;
                node.type = NodeType::Term;
                node.term.field = Field::Text;
                node.term.text = token.text;
                node.term.phrase = token.type == TokenType::Phrase;
                node.term.column = columnOf(query_, token.offset);
                return node;
            }
            case TokenType::Field: return fieldTerm(token);
            case TokenType::RightParen: fail(token.offset, "this ')' has no matching '('");
            case TokenType::And:
            case TokenType::Or: fail(token.offset, "expected a search term before '" + token.text + "'");
            default: fail(token.offset, "expected a search term");
        }
    }

    Node fieldTerm(const Token& token) {
        const std::string typed(query_.substr(token.offset, token.value_offset - token.offset));
        const auto failValue = [&](const std::string& what) { fail(token.value_offset, what + " after '" + typed + "'"); };
        Node node;
        node.type = NodeType::Term;
        Term& term = node.term;
        term.column = columnOf(query_, token.offset);
        term.op = *comparisonFor(token.op);
        const std::string& value = token.text;
        const bool ordered = term.op != Comparison::Equal && term.op != Comparison::NotEqual;
        const auto requireEquality = [&] {
            if (ordered) fail(token.value_offset - token.op.size(), "'" + token.field + "' takes ':', '=' or '!=', not '" + token.op + "'");
        };
        if (token.field == "tag") {
            requireEquality();
            term.field = Field::Tag;
            const auto key = tagNameKey(value);
            if (!key) failValue("expected a tag name");
            term.text = *key;
        } else if (token.field == "kind") {
            requireEquality();
            term.field = Field::Kind;
            std::string lowered = value;
            for (char& c : lowered) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
            const auto kind = parseSegmentKind(lowered);
            if (!kind) failValue("expected one of shot, highlight, interview, qc, manual");
            term.text = std::string(toString(*kind));
        } else if (token.field == "asset") {
            requireEquality();
            term.field = Field::Asset;
            if (value.empty()) failValue("expected a file name or pattern");
            term.text = value;
        } else if (token.field == "rating") {
            term.field = Field::Rating;
            const auto rating = parseInteger(value);
            if (!rating) failValue("expected a number");
            if (*rating < 0 || *rating > 5) fail(token.value_offset, "ratings go from 0 to 5");
            term.rating = *rating;
        } else if (token.field == "score") {
            term.field = Field::Score;
            double score = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), score);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size() || !std::isfinite(score)) {
                failValue("expected a number");
            }
            term.score = score;
        } else if (token.field == "duration") {
            term.field = Field::Duration;
            const auto seconds = parseDuration(value);
            if (!seconds) failValue("expected a duration such as 5s, 1500ms, 2m, 1h or 1:30");
            term.seconds = *seconds;
        } else {  // date; the lexer admits only known fields
            term.field = Field::Date;
            if (!isValidDate(value)) failValue("expected a date as YYYY-MM-DD");
            term.text = value;
        }
        return node;
    }

    std::string_view query_;
    std::vector<Token> tokens_;
    size_t index_ = 0;
};

}  // namespace

Node parseQuery(std::string_view query) {
    return Parser(query).run();
}

}  // namespace rushes::catalog::query
