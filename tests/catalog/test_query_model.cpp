// SPDX-License-Identifier: GPL-3.0-or-later
// searchSegments must agree with a brute-force filter written independently in C++: a seeded random
// catalog of a few hundred segments, and random query trees over every field, AND/OR/NOT and '-'.
#include <chrono>
#include <random>
#include <set>

#include "catalog/catalog_test_support.h"
#include "catalog/query/segment_search.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

using namespace rushes;
using namespace rushes::catalog;

namespace {

const std::vector<std::string> kWords = {"keeper", "dives", "header", "corner", "crowd",  "cheers", "coach",
                                         "talks",  "foul",  "referee", "whistle", "goal", "save",   "late"};
const std::vector<std::string> kTags = {"Goal", "Foul", "Save", "Corner", "Jubel", "été", "Penalty Kick"};
const std::vector<std::string> kFiles = {"match_01.mp4", "Match_02.MOV", "interview_coach.mov", "crowd_cam.mp4",
                                         "goal_line.mxf", "bench.mp4",   "tunnel_walk.mov",     "drone_05.mp4"};
const std::vector<Rational> kBases = {{1, 25}, {1, 90000}, {1001, 30000}, {1, 1000}};

std::string lower(std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    return text;
}

// unicode61 with remove_diacritics, for the only non-ASCII text the model uses ("été").
std::vector<std::string> tokens(const std::string& text) {
    std::string folded;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "é") == 0) folded += 'e', ++i;
        else folded += text[i];
    }
    std::vector<std::string> out;
    std::string current;
    for (char c : lower(folded) + " ") {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            current += c;
        } else if (!current.empty()) {
            out.push_back(current);
            current.clear();
        }
    }
    return out;
}

bool globMatch(std::string_view pattern, std::string_view text) {
    if (pattern.empty()) return text.empty();
    if (pattern[0] == '*') return globMatch(pattern.substr(1), text) || (!text.empty() && globMatch(pattern, text.substr(1)));
    return !text.empty() && (pattern[0] == '?' || pattern[0] == text[0]) && globMatch(pattern.substr(1), text.substr(1));
}

struct ModelSegment {
    std::string id;
    std::string file_name;
    std::string date;
    std::string kind;
    int64_t duration_ticks = 0;
    Rational base;
    std::optional<double> score;
    std::optional<int> rating;
    std::optional<std::string> note;
    std::vector<std::string> tags;
};

// A generated query: its text and the predicate it means, built side by side.
struct Generated {
    std::string text;
    std::function<bool(const ModelSegment&)> matches;
};

template <typename T>
bool compare(const std::string& op, T a, T b) {
    if (op == ":" || op == "=") return a == b;
    if (op == "!=") return a != b;
    if (op == "<") return a < b;
    if (op == "<=") return a <= b;
    if (op == ">") return a > b;
    return a >= b;
}

class QueryGenerator {
public:
    explicit QueryGenerator(std::mt19937& random) : random_(random) {}

    Generated tree(int depth) {
        const int choice = depth <= 0 ? 0 : pick(5);
        if (choice <= 1) return atom();
        if (choice == 2) {  // NOT, spelled both ways
            Generated inner = tree(depth - 1);
            const bool minus = pick(2) == 0;
            return {(minus ? "-(" : "NOT (") + inner.text + ")",
                    [m = inner.matches](const ModelSegment& s) { return !m(s); }};
        }
        Generated a = tree(depth - 1);
        Generated b = tree(depth - 1);
        if (choice == 3) {
            const std::string joiner = pick(2) == 0 ? " " : " AND ";  // implicit AND too
            return {"(" + a.text + ")" + joiner + "(" + b.text + ")",
                    [x = a.matches, y = b.matches](const ModelSegment& s) { return x(s) && y(s); }};
        }
        return {"(" + a.text + ") OR (" + b.text + ")",
                [x = a.matches, y = b.matches](const ModelSegment& s) { return x(s) || y(s); }};
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
    template <typename T>
    const T& any(const std::vector<T>& list) { return list[size_t(pick(int(list.size())))]; }

    Generated atom() {
        static const std::vector<std::string> kOps = {":", "=", "!=", "<", "<=", ">", ">="};
        const std::string op = any(kOps);
        switch (pick(9)) {
            case 0: {  // a word or a prefix of one
                std::string word = any(kWords);
                word = word.substr(0, size_t(2 + pick(int(word.size()) - 1)));
                return {word, [word](const ModelSegment& s) { return anyDocument(s, [&](const auto& toks) {
                            for (const auto& t : toks) if (t.starts_with(word)) return true;
                            return false;
                        }); }};
            }
            case 1: {  // a two-word phrase
                const std::string a = any(kWords), b = any(kWords);
                return {"\"" + a + " " + b + "\"", [a, b](const ModelSegment& s) { return anyDocument(s, [&](const auto& toks) {
                            for (size_t i = 0; i + 1 < toks.size(); ++i) if (toks[i] == a && toks[i + 1] == b) return true;
                            return false;
                        }); }};
            }
            case 2: {
                std::string tag = any(kTags);
                const std::string key = lower(tag);
                if (pick(2) == 0) tag = key;
                const std::string eq = pick(3) == 0 ? "!=" : ":";
                return {"tag" + eq + "\"" + tag + "\"", [key, eq](const ModelSegment& s) {
                            bool has = false;
                            for (const auto& t : s.tags) has = has || lower(t) == key;
                            return eq == "!=" ? !has : has;
                        }};
            }
            case 3: {
                static const std::vector<std::string> kinds = {"shot", "highlight", "interview", "qc", "manual"};
                const std::string kind = any(kinds);
                return {"kind:" + kind, [kind](const ModelSegment& s) { return s.kind == kind; }};
            }
            case 4: {
                const int value = pick(6);
                return {"rating" + op + std::to_string(value),
                        [op, value](const ModelSegment& s) { return s.rating && compare(op, *s.rating, value); }};
            }
            case 5: {
                const double value = pick(11) / 10.0;
                return {"score" + op + std::to_string(value),
                        [op, value](const ModelSegment& s) { return s.score && compare(op, *s.score, value); }};
            }
            case 6: {
                static const std::vector<std::pair<std::string, Rational>> values = {
                    {"5s", {5, 1}}, {"1500ms", {3, 2}}, {"1m", {60, 1}}, {"0:30", {30, 1}}, {"2.5", {5, 2}},
                    {"1.001s", {1001, 1000}}, {"4s", {4, 1}}};
                const auto& [text, seconds] = any(values);
                return {"duration" + op + text, [op, seconds = seconds](const ModelSegment& s) {
                            using detail::i128;
                            const i128 lhs = i128(s.duration_ticks) * s.base.num * seconds.den;
                            const i128 rhs = i128(seconds.num) * s.base.den;
                            return compare(op, lhs, rhs);
                        }};
            }
            case 7: {
                static const std::vector<std::string> patterns = {"match", "MATCH_0?.*", "*.mov", "coach", "_0", "*5*"};
                const std::string pattern = any(patterns);
                return {"asset:\"" + pattern + "\"", [pattern](const ModelSegment& s) {
                            const std::string name = lower(s.file_name), p = lower(pattern);
                            if (p.find_first_of("*?") != std::string::npos) return globMatch(p, name);
                            return name.find(p) != std::string::npos;
                        }};
            }
            default: {
                const std::string date = "2026-07-" + std::to_string(10 + pick(15));
                return {"date" + op + date, [op, date](const ModelSegment& s) { return compare(op, s.date, date); }};
            }
        }
    }

    // Free text looks at the note, each tag name and the file name as separate documents.
    template <typename Predicate>
    static bool anyDocument(const ModelSegment& s, Predicate predicate) {
        if (s.note && predicate(tokens(*s.note))) return true;
        for (const auto& tag : s.tags) {
            if (predicate(tokens(tag))) return true;
        }
        return predicate(tokens(s.file_name));
    }

    std::mt19937& random_;
};

std::string utcDate(int64_t unix_ms) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)))};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
    return text;
}

}  // namespace

TEST_CASE("search results equal a brute-force filter on a random catalog", "[catalog][query]") {
    std::mt19937 random(20260724);
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    test::SeededCatalog catalog;
    AssetStore assets(catalog.db);
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);

    std::vector<Asset> files;
    std::vector<std::string> dates;
    for (size_t i = 0; i < kFiles.size(); ++i) {
        Asset asset = test::sampleAsset(catalog.project.id, catalog.volume.id, "clips/" + kFiles[i]);
        asset.probe_json = i % 3 == 2 ? std::string("{}")
                                      : "{\"creation_time\":\"2026-07-" + std::to_string(12 + int(i)) + "T10:00:00Z\"}";
        files.push_back(assets.insert(asset));
        dates.push_back(i % 3 == 2 ? utcDate(files.back().created_at_ms) : "2026-07-" + std::to_string(12 + int(i)));
    }

    std::vector<ModelSegment> model;
    std::vector<size_t> asset_of;
    {
        Transaction transaction(catalog.db);
        for (int n = 0; n < 300; ++n) {
            const size_t a = size_t(pick(int(files.size())));
            Segment segment;
            segment.asset_id = files[a].id;
            segment.kind = static_cast<SegmentKind>(pick(5));
            segment.time_base = kBases[size_t(pick(int(kBases.size())))];
            // Durations of 0.04 s to ~80 s in whichever base, including exact hits of the query values.
            const int64_t ticks_per_second = segment.time_base.den / segment.time_base.num;
            segment.in_ticks = pick(1000);
            segment.out_ticks = segment.in_ticks + (pick(4) == 0 ? ticks_per_second * (1 + pick(6))
                                                                 : 1 + pick(int(ticks_per_second) * 80));
            if (pick(5) != 0) segment.score = pick(21) / 20.0;
            if (pick(3) != 0) segment.rating = pick(6);
            if (pick(4) != 0) {
                std::string note;
                for (int w = 0, count = 1 + pick(4); w < count; ++w) note += (w ? " " : "") + kWords[size_t(pick(int(kWords.size())))];
                segment.note = note;
            }
            const Segment stored = segments.add(segment);
            ModelSegment m{stored.id, kFiles[a], dates[a], std::string(toString(stored.kind)),
                           stored.out_ticks - stored.in_ticks, stored.time_base, stored.score, stored.rating,
                           stored.note, {}};
            for (int t = 0, count = pick(4); t < count; ++t) {
                const std::string& name = kTags[size_t(pick(int(kTags.size())))];
                (void)tags.tagSegment(stored.id, name);
                if (std::find(m.tags.begin(), m.tags.end(), name) == m.tags.end()) m.tags.push_back(name);
            }
            model.push_back(m);
            asset_of.push_back(a);
        }
        transaction.commit();
    }
    // Tombstones must never show up: some segments, and one asset with all of its segments.
    std::set<std::string> dead;
    for (int n = 0; n < 20; ++n) {
        const auto& victim = model[size_t(pick(int(model.size())))];
        if (dead.insert(victim.id).second) segments.remove(victim.id);
    }
    assets.remove(files[5].id);
    for (size_t i = 0; i < model.size(); ++i) {
        if (asset_of[i] == 5) dead.insert(model[i].id);
    }
    REQUIRE_CONSISTENT(catalog.db);

    QueryGenerator generator(random);
    SearchOptions options;
    options.limit = -1;
    int non_trivial = 0;
    for (int q = 0; q < 400; ++q) {
        const Generated query = generator.tree(q % 4);
        std::set<std::string> expected;
        for (const auto& segment : model) {
            if (!dead.count(segment.id) && query.matches(segment)) expected.insert(segment.id);
        }
        std::set<std::string> found;
        for (const auto& row : searchSegments(catalog.db, query.text, options)) found.insert(row.segment_id);
        INFO("query: " << query.text);
        REQUIRE(found == expected);
        if (!expected.empty() && expected.size() < model.size() - dead.size()) ++non_trivial;
    }
    CHECK(non_trivial > 200);  // the generator must not degenerate into all-or-nothing queries
}
