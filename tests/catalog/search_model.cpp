// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/search_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "catalog/hlc.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"

namespace rushes::test {

using namespace catalog;

namespace {

const std::vector<std::string> kWords = {"keeper", "dives", "header",  "corner",  "crowd", "cheers", "coach",
                                         "talks",  "foul",  "referee", "whistle", "goal",  "save",   "late"};
const std::vector<std::string> kTags = {"Goal", "Foul", "Save", "Corner", "Jubel", "été", "Penalty Kick"};
// Project 0's files, then project 1's.
const std::vector<std::string> kFiles = {"match_01.mp4",  "Match_02.MOV", "interview_coach.mov", "crowd_cam.mp4",
                                         "goal_line.mxf", "bench.mp4",    "tunnel_walk.mov",     "drone_05.mp4"};
const std::vector<std::string> kOtherFiles = {"away_match_03.mp4", "Press_Coach.MOV", "stands_5.mxf"};
const std::vector<Rational> kBases = {{1, 25}, {1, 90000}, {1001, 30000}, {1, 1000}};

std::string lower(std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    return text;
}

// unicode61 with remove_diacritics, for the only non-ASCII text the model uses ("été").
std::vector<std::string> tokens(const std::string& text) {
    std::string folded;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "é") == 0)
            folded += 'e', ++i;
        else
            folded += text[i];
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
    if (pattern[0] == '*')
        return globMatch(pattern.substr(1), text) || (!text.empty() && globMatch(pattern, text.substr(1)));
    return !text.empty() && (pattern[0] == '?' || pattern[0] == text[0]) &&
           globMatch(pattern.substr(1), text.substr(1));
}

template <typename T>
bool compare(const std::string& op, T a, T b) {
    if (op == ":" || op == "=") return a == b;
    if (op == "!=") return a != b;
    if (op == "<") return a < b;
    if (op == "<=") return a <= b;
    if (op == ">") return a > b;
    return a >= b;
}

// Free text looks at the note, each tag name and the file name as separate documents.
template <typename Predicate>
bool anyDocument(const ModelSegment& s, const ModelFile& f, Predicate predicate) {
    if (s.note && predicate(tokens(*s.note))) return true;
    for (const auto& tag : s.tags) {
        if (predicate(tokens(tag))) return true;
    }
    return predicate(tokens(f.name));
}

std::string utcDate(int64_t unix_ms) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)))};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
    return text;
}

std::string randomNote(std::mt19937& random) {
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    std::string note;
    for (int w = 0, count = 1 + pick(4); w < count; ++w)
        note += (w ? " " : "") + kWords[size_t(pick(int(kWords.size())))];
    return note;
}

}  // namespace

int QueryGenerator::pick(int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(random_);
}

GeneratedQuery QueryGenerator::tree(int depth) {
    const int choice = depth <= 0 ? 0 : pick(5);
    if (choice <= 1) return atom();
    if (choice == 2) {  // NOT, spelled both ways
        GeneratedQuery inner = tree(depth - 1);
        const bool minus = pick(2) == 0;
        return {(minus ? "-(" : "NOT (") + inner.text + ")",
                [m = inner.matches](const ModelSegment& s, const ModelFile& f) { return !m(s, f); }};
    }
    GeneratedQuery a = tree(depth - 1);
    GeneratedQuery b = tree(depth - 1);
    if (choice == 3) {
        const std::string joiner = pick(2) == 0 ? " " : " AND ";  // implicit AND too
        return {
            "(" + a.text + ")" + joiner + "(" + b.text + ")",
            [x = a.matches, y = b.matches](const ModelSegment& s, const ModelFile& f) { return x(s, f) && y(s, f); }};
    }
    return {"(" + a.text + ") OR (" + b.text + ")",
            [x = a.matches, y = b.matches](const ModelSegment& s, const ModelFile& f) { return x(s, f) || y(s, f); }};
}

// A word (or a prefix of one) or a two-word phrase.
GeneratedQuery QueryGenerator::textAtom() {
    const auto any = [&](const std::vector<std::string>& list) -> const std::string& {
        return list[size_t(pick(int(list.size())))];
    };
    if (pick(2) == 0) {
        std::string word = any(kWords);
        word = word.substr(0, size_t(2 + pick(int(word.size()) - 1)));
        return {word, [word](const ModelSegment& s, const ModelFile& f) {
                    return anyDocument(s, f, [&](const auto& toks) {
                        return std::any_of(toks.begin(), toks.end(),
                                           [&](const auto& t) { return t.starts_with(word); });
                    });
                }};
    }
    const std::string a = any(kWords), b = any(kWords);
    return {"\"" + a + " " + b + "\"", [a, b](const ModelSegment& s, const ModelFile& f) {
                return anyDocument(s, f, [&](const auto& toks) {
                    for (size_t i = 0; i + 1 < toks.size(); ++i) {
                        if (toks[i] == a && toks[i + 1] == b) return true;
                    }
                    return false;
                });
            }};
}

GeneratedQuery QueryGenerator::textOr() {
    GeneratedQuery query = textAtom();
    for (int n = 0, more = 1 + pick(2); n < more; ++n) {
        GeneratedQuery next = textAtom();
        query = {"(" + query.text + ") OR (" + next.text + ")",
                 [x = query.matches, y = next.matches](const ModelSegment& s, const ModelFile& f) {
                     return x(s, f) || y(s, f);
                 }};
    }
    if (pick(2) == 0) return query;
    GeneratedQuery other = atom();
    return {"(" + query.text + ") " + other.text,
            [x = query.matches, y = other.matches](const ModelSegment& s, const ModelFile& f) {
                return x(s, f) && y(s, f);
            }};
}

GeneratedQuery QueryGenerator::atom() {
    static const std::vector<std::string> kOps = {":", "=", "!=", "<", "<=", ">", ">="};
    const auto any = [&](const std::vector<std::string>& list) -> const std::string& {
        return list[size_t(pick(int(list.size())))];
    };
    const std::string op = any(kOps);
    switch (pick(9)) {
        case 0:
        case 1: return textAtom();
        case 2: {
            std::string tag = any(kTags);
            const std::string key = lower(tag);
            if (pick(2) == 0) tag = key;
            const std::string eq = pick(3) == 0 ? "!=" : ":";
            return {"tag" + eq + "\"" + tag + "\"", [key, eq](const ModelSegment& s, const ModelFile&) {
                        const bool has =
                            std::any_of(s.tags.begin(), s.tags.end(), [&](const auto& t) { return lower(t) == key; });
                        return eq == "!=" ? !has : has;
                    }};
        }
        case 3: {
            static const std::vector<std::string> kinds = {"shot", "highlight", "interview", "qc", "manual"};
            const std::string kind = any(kinds);
            return {"kind:" + kind, [kind](const ModelSegment& s, const ModelFile&) { return s.kind == kind; }};
        }
        case 4: {
            const int value = pick(6);
            return {"rating" + op + std::to_string(value), [op, value](const ModelSegment& s, const ModelFile&) {
                        return s.rating && compare(op, *s.rating, value);
                    }};
        }
        case 5: {
            const double value = pick(11) / 10.0;
            return {"score" + op + std::to_string(value), [op, value](const ModelSegment& s, const ModelFile&) {
                        return s.score && compare(op, *s.score, value);
                    }};
        }
        case 6: {
            static const std::vector<std::pair<std::string, Rational>> values = {
                {"5s", {5, 1}},  {"1500ms", {3, 2}},       {"1m", {60, 1}}, {"0:30", {30, 1}},
                {"2.5", {5, 2}}, {"1.001s", {1001, 1000}}, {"4s", {4, 1}}};
            const auto& [text, seconds] = values[size_t(pick(int(values.size())))];
            return {"duration" + op + text, [op, seconds = seconds](const ModelSegment& s, const ModelFile&) {
                        using detail::i128;
                        const i128 lhs = i128(s.duration_ticks) * s.base.num * seconds.den;
                        const i128 rhs = i128(seconds.num) * s.base.den;
                        return compare(op, lhs, rhs);
                    }};
        }
        case 7: {
            static const std::vector<std::string> patterns = {"match", "MATCH_0?.*", "*.mov", "coach", "_0", "*5*"};
            const std::string pattern = any(patterns);
            const std::string eq = pick(4) == 0 ? "!=" : ":";
            return {"asset" + eq + "\"" + pattern + "\"", [pattern, eq](const ModelSegment&, const ModelFile& f) {
                        const std::string name = lower(f.name), p = lower(pattern);
                        const bool found = p.find_first_of("*?") != std::string::npos
                                               ? globMatch(p, name)
                                               : name.find(p) != std::string::npos;
                        return eq == "!=" ? !found : found;
                    }};
        }
        default: {
            const std::string date = "2026-07-" + std::to_string(10 + pick(15));
            return {"date" + op + date,
                    [op, date](const ModelSegment&, const ModelFile& f) { return compare(op, f.date, date); }};
        }
    }
}

RandomSearchCatalog::RandomSearchCatalog(uint32_t seed, int segments, int project_count) : random(seed) {
    projects.push_back(catalog.project.id);
    if (project_count > 1) projects.push_back(ProjectStore(catalog.db).create("Away").id);
    AssetStore assets(catalog.db);
    for (size_t p = 0; p < projects.size(); ++p) {
        for (const auto& name : p == 0 ? kFiles : kOtherFiles) {
            const size_t i = files.size();
            Asset asset = sampleAsset(projects[p], catalog.volume.id, "clips/" + name);
            asset.probe_json = i % 3 == 2
                                   ? std::string("{}")
                                   : "{\"creation_time\":\"2026-07-" + std::to_string(12 + int(i)) + "T10:00:00Z\"}";
            const Asset stored = assets.insert(asset);
            files.push_back({stored.id, name,
                             i % 3 == 2 ? utcDate(stored.created_at_ms) : "2026-07-" + std::to_string(12 + int(i)),
                             true});
        }
    }

    SegmentStore store(catalog.db);
    Transaction transaction(catalog.db);
    for (int n = 0; n < segments; ++n) {
        Segment segment;
        const size_t file = size_t(pick(int(files.size())));
        segment.asset_id = files[file].asset_id;
        segment.kind = static_cast<SegmentKind>(pick(5));
        segment.time_base = kBases[size_t(pick(int(kBases.size())))];
        // Durations of 0.04 s to ~80 s in whichever base, including exact hits of the query values.
        const int64_t ticks_per_second = segment.time_base.den / segment.time_base.num;
        segment.in_ticks = pick(1000);
        segment.out_ticks =
            segment.in_ticks + (pick(4) == 0 ? ticks_per_second * (1 + pick(6)) : 1 + pick(int(ticks_per_second) * 80));
        if (pick(5) != 0) segment.score = pick(21) / 20.0;  // few distinct scores: ties are ordered by id
        if (pick(3) != 0) segment.rating = pick(6);
        if (pick(4) != 0) segment.note = randomNote(random);
        const Segment stored = store.add(segment);
        ModelSegment m{stored.id,
                       file < kFiles.size() ? 0 : 1,
                       file,
                       std::string(toString(stored.kind)),
                       stored.out_ticks - stored.in_ticks,
                       stored.time_base,
                       stored.score,
                       stored.rating,
                       stored.note,
                       {},
                       true};
        for (int t = 0, count = pick(4); t < count; ++t) retag(m);
        model.push_back(std::move(m));
    }
    transaction.commit();
    // Tombstones must never show up.
    for (int n = 0; n < segments / 15; ++n) {
        ModelSegment& victim = model[size_t(pick(int(model.size())))];
        if (!victim.live) continue;
        store.remove(victim.id);
        victim.live = false;
    }
}

void RandomSearchCatalog::retag(ModelSegment& segment) {
    const std::string& name = kTags[size_t(pick(int(kTags.size())))];
    (void)TagStore(catalog.db).tagSegment(segment.id, name);
    if (std::find(segment.tags.begin(), segment.tags.end(), name) == segment.tags.end()) segment.tags.push_back(name);
}

void RandomSearchCatalog::edit(int changes) {
    SegmentStore segments(catalog.db);
    TagStore tags(catalog.db);
    for (int n = 0; n < changes; ++n) {
        ModelSegment& s = model[size_t(pick(int(model.size())))];
        if (!s.live) continue;
        switch (pick(7)) {
            case 0:
                s.rating = pick(4) == 0 ? std::nullopt : std::optional<int>(pick(6));
                segments.setRating(s.id, s.rating);
                break;
            case 1: {
                s.score = pick(4) == 0 ? std::nullopt : std::optional<double>(pick(21) / 20.0);
                Transaction transaction(catalog.db);
                catalog.db.prepare("UPDATE segment SET score = ?2, updated_hlc = ?3 WHERE id = ?1")
                    .bindAll(s.id, s.score, LocalClock(catalog.db).tick())
                    .run();
                transaction.commit();
                break;
            }
            case 2:
                s.note = pick(3) == 0 ? std::nullopt : std::optional<std::string>(randomNote(random));
                segments.setNote(s.id, s.note);
                break;
            case 3: {
                const int64_t in = pick(1000), length = 1 + pick(int(s.base.den / s.base.num) * 80);
                segments.setRange(s.id, in, in + length);
                s.duration_ticks = length;
                break;
            }
            case 4: retag(s); break;
            case 5:
                if (!s.tags.empty()) {
                    const std::string name = s.tags.front();
                    tags.removeFromSegment(s.id, tags.findByName(projects[size_t(s.project)], name)->id);
                    s.tags.erase(s.tags.begin());
                }
                break;
            default:
                segments.remove(s.id);
                s.live = false;
                break;
        }
    }
    // A renamed tag, a removed tag, a removed asset: each cascades into many segments.
    const auto renameEverywhere = [&](int project, const std::string& from, const std::optional<std::string>& to) {
        for (auto& s : model) {
            if (s.project != project) continue;
            const auto found = std::find(s.tags.begin(), s.tags.end(), from);
            if (found == s.tags.end()) continue;
            if (to)
                *found = *to;
            else
                s.tags.erase(found);
        }
    };
    if (const auto jubel = tags.findByName(projects[0], "Jubel")) {
        tags.rename(jubel->id, "Jubelschrei");
        renameEverywhere(0, "Jubel", "Jubelschrei");
    }
    if (const auto corner = tags.findByName(projects.back(), "Corner")) {
        tags.removeTag(corner->id);
        renameEverywhere(int(projects.size()) - 1, "Corner", std::nullopt);
    }
    if (files[5].live) {
        AssetStore(catalog.db).remove(files[5].asset_id);
        files[5].live = false;
        for (auto& s : model) s.live = s.live && s.file != 5;
    }
}

std::vector<std::string> RandomSearchCatalog::expected(const GeneratedQuery& query, std::optional<int> project) const {
    std::vector<const ModelSegment*> found;
    for (const auto& s : model) {
        if (s.live && files[s.file].live && (!project || s.project == *project) && query.matches(s, files[s.file])) {
            found.push_back(&s);
        }
    }
    std::sort(found.begin(), found.end(), [](const ModelSegment* a, const ModelSegment* b) {
        if (a->score.has_value() != b->score.has_value()) return a->score.has_value();
        if (a->score && *a->score != *b->score) return *a->score > *b->score;
        return a->id < b->id;
    });
    std::vector<std::string> ids;
    for (const ModelSegment* s : found) ids.push_back(s->id);
    return ids;
}

size_t RandomSearchCatalog::liveSegments() const {
    return size_t(
        std::count_if(model.begin(), model.end(), [&](const ModelSegment& s) { return s.live && files[s.file].live; }));
}

}  // namespace rushes::test
