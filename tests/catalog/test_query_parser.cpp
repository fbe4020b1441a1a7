// SPDX-License-Identifier: GPL-3.0-or-later
// The search language's grammar (docs/search.md): what each query parses to, and where errors point.
#include <catch2/catch.hpp>

#include "base/error.h"
#include "catalog/query/query_parser.h"

using namespace rushes;
using namespace rushes::catalog::query;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
std::string parsed(const std::string& text) {
    return toString(parseQuery(text));
}

// The reason of the parse error, or "no error".
std::string errorOf(const std::string& text) {
    try {
        (void)parseQuery(text);
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK(error.subject() == "search query");
        return error.reason();
    }
    return "no error";
}
}  // namespace

TEST_CASE("an empty query matches everything", "[catalog][query]") {
    CHECK(parsed("") == "(ALL)");
    CHECK(parsed("  \t ") == "(ALL)");
}

TEST_CASE("terms side by side are ANDed", "[catalog][query]") {
    CHECK(parsed("goal keeper") == R"((AND word:"goal" word:"keeper"))");
    CHECK(parsed("goal AND keeper") == R"((AND word:"goal" word:"keeper"))");
    CHECK(parsed("a b AND c") == R"((AND word:"a" word:"b" word:"c"))");
}

TEST_CASE("NOT binds tighter than AND, and AND tighter than OR", "[catalog][query]") {
    CHECK(parsed("a OR b c") == R"((OR word:"a" (AND word:"b" word:"c")))");
    CHECK(parsed("a AND b OR c AND d") == R"((OR (AND word:"a" word:"b") (AND word:"c" word:"d")))");
    CHECK(parsed("NOT a b") == R"((AND (NOT word:"a") word:"b"))");
    CHECK(parsed("a OR NOT b") == R"((OR word:"a" (NOT word:"b")))");
    CHECK(parsed("NOT NOT a") == R"((NOT (NOT word:"a")))");
}

TEST_CASE("parentheses override precedence", "[catalog][query]") {
    CHECK(parsed("(a OR b) c") == R"((AND (OR word:"a" word:"b") word:"c"))");
    CHECK(parsed("NOT (a OR b)") == R"((NOT (OR word:"a" word:"b")))");
    CHECK(parsed("((a))") == R"(word:"a")");
}

TEST_CASE("a leading minus negates the term it is glued to", "[catalog][query]") {
    CHECK(parsed("goal -foul") == R"((AND word:"goal" (NOT word:"foul")))");
    CHECK(parsed("-tag:foul") == R"((NOT tag="foul"))");
    CHECK(parsed("-(a OR b)") == R"((NOT (OR word:"a" word:"b")))");
    CHECK(parsed("-\"own goal\"") == R"((NOT phrase:"own goal"))");
    CHECK(parsed("a - b") == R"((AND word:"a" word:"-" word:"b"))");  // a lone '-' is just text
}

TEST_CASE("lower-case and/or/not are words, not operators", "[catalog][query]") {
    CHECK(parsed("rock and roll") == R"((AND word:"rock" word:"and" word:"roll"))");
    CHECK(parsed("or not") == R"((AND word:"or" word:"not"))");
}

TEST_CASE("quoted phrases keep their spaces and escapes", "[catalog][query]") {
    CHECK(parsed("\"penalty kick\"") == R"(phrase:"penalty kick")");
    CHECK(parsed(R"("say \"hi\" \\ now")") == R"(phrase:"say "hi" \ now")");
    CHECK(parsed("goal\"keeper\"") == R"((AND word:"goal" phrase:"keeper"))");
}

TEST_CASE("tag terms fold case and accept quoted and Unicode names", "[catalog][query]") {
    CHECK(parsed("tag:Goal") == R"(tag="goal")");
    CHECK(parsed("TAG:goal") == R"(tag="goal")");
    CHECK(parsed("tag:\"Penalty Kick\"") == R"(tag="penalty kick")");
    CHECK(parsed("tag:\"ÉTÉ\"") == R"(tag="été")");
    CHECK(parsed("tag:Jubel") == R"(tag="jubel")");
    CHECK(parsed("tag:🎉") == R"(tag="🎉")");
    CHECK(parsed("tag!=foul") == R"(tag!="foul")");
}

TEST_CASE("kind, asset and date terms", "[catalog][query]") {
    CHECK(parsed("kind:highlight") == R"(kind="highlight")");
    CHECK(parsed("kind=QC") == R"(kind="qc")");
    CHECK(parsed("kind!=shot") == R"(kind!="shot")");
    CHECK(parsed("asset:MVI_0001") == R"(asset="MVI_0001")");
    CHECK(parsed("asset:\"*.MOV\"") == R"(asset="*.MOV")");
    CHECK(parsed("date:2026-07-24") == R"(date="2026-07-24")");
    CHECK(parsed("date>=2026-07-01") == R"(date>="2026-07-01")");
    CHECK(parsed("date<2024-02-29") == R"(date<"2024-02-29")");
}

TEST_CASE("rating and score take every comparison", "[catalog][query]") {
    CHECK(parsed("rating>=4") == "rating>=4");
    CHECK(parsed("rating:4") == "rating=4");
    CHECK(parsed("rating=0") == "rating=0");
    CHECK(parsed("rating!=3") == "rating!=3");
    CHECK(parsed("rating<2") == "rating<2");
    CHECK(parsed("rating<=2") == "rating<=2");
    CHECK(parsed("rating>1") == "rating>1");
    CHECK(parsed("score>0.8") == "score>0.8");
    CHECK(parsed("score<=.5") == "score<=0.5");
}

TEST_CASE("durations are exact in every unit and as m:ss", "[catalog][query]") {
    CHECK(parsed("duration>5s") == "duration>5/1");
    CHECK(parsed("duration>1500ms") == "duration>3/2");
    CHECK(parsed("duration<2m") == "duration<120/1");
    CHECK(parsed("duration<=1h") == "duration<=3600/1");
    CHECK(parsed("duration>7.5") == "duration>15/2");  // no unit: seconds
    CHECK(parsed("duration>0.25s") == "duration>1/4");
    CHECK(parsed("duration>=1:30") == "duration>=90/1");
    CHECK(parsed("duration>=1:02:03") == "duration>=3723/1");
    CHECK(parsed("duration:0:04.5") == "duration=9/2");
}

TEST_CASE("a bad value is reported at its column with a caret", "[catalog][query]") {
    const std::string reason = errorOf("rating>=x");
    CHECK_THAT(reason, StartsWith("column 9: expected a number after 'rating>='"));
    CHECK_THAT(reason, Contains("\n  rating>=x\n          ^"));
    CHECK_THAT(errorOf("rating>="), StartsWith("column 9: expected a number after 'rating>='"));
    CHECK_THAT(errorOf("rating:9"), StartsWith("column 8: ratings go from 0 to 5"));
    CHECK_THAT(errorOf("goal score>high"), StartsWith("column 12: expected a number after 'score>'"));
    CHECK_THAT(errorOf("duration>5x"), StartsWith("column 10: expected a duration"));
    CHECK_THAT(errorOf("duration>1:75"), StartsWith("column 10: expected a duration"));
    CHECK_THAT(errorOf("duration>1.2345s"), StartsWith("column 10: expected a duration"));
    CHECK_THAT(errorOf("kind:bogus"), StartsWith("column 6: expected one of shot, highlight"));
    CHECK_THAT(errorOf("date:2026-02-30"), StartsWith("column 6: expected a date as YYYY-MM-DD"));
    CHECK_THAT(errorOf("date:24.07.2026"), StartsWith("column 6: expected a date"));
    CHECK_THAT(errorOf("tag:"), StartsWith("column 5: expected a tag name after 'tag:'"));
    CHECK_THAT(errorOf("tag<goal"), StartsWith("column 4: 'tag' takes ':', '=' or '!=', not '<'"));
}

TEST_CASE("structural errors point at the offending token", "[catalog][query]") {
    CHECK_THAT(errorOf("goal AND"), StartsWith("column 9: expected a search term after 'AND'"));
    CHECK_THAT(errorOf("OR goal"), StartsWith("column 1: expected a search term before 'OR'"));
    CHECK_THAT(errorOf("NOT"), StartsWith("column 4: expected a search term after 'NOT'"));
    CHECK_THAT(errorOf("(goal"), StartsWith("column 6: expected ')' to close the '(' at column 1"));
    CHECK_THAT(errorOf("goal)"), StartsWith("column 5: this ')' has no matching '('"));
    CHECK_THAT(errorOf("()"), StartsWith("column 2: expected a search term after '('"));
    CHECK_THAT(errorOf("say \"hello"), StartsWith("column 5: this quote is never closed"));
    CHECK_THAT(errorOf("tga:goal"), StartsWith("column 1: unknown field 'tga'"));
    CHECK_THAT(errorOf("NEAR(goal keeper, 2"), StartsWith("column 20: expected ')'"));
}

TEST_CASE("error columns count characters, not bytes", "[catalog][query]") {
    const std::string reason = errorOf("été rating>=x");
    CHECK_THAT(reason, StartsWith("column 13: expected a number after 'rating>='"));
    CHECK_THAT(reason, Contains("\n  été rating>=x\n              ^"));
}
