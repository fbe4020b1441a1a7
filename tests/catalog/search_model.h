// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A brute-force reference for searchSegments, written independently of the SQL: a seeded random catalog
// built through the stores and mirrored in plain C++ rows, and random queries generated together with the
// predicate they mean. Used by test_query_model (which rows) and test_query_plans (which page, in which
// order, by every plan).
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "catalog/catalog_test_support.h"
#include "time/rational.h"

namespace rushes::test {

struct ModelSegment {
    std::string id;
    int project = 0;  // index into RandomSearchCatalog::projects
    size_t file = 0;  // index into RandomSearchCatalog::files
    std::string kind;
    int64_t duration_ticks = 0;
    Rational base;
    std::optional<double> score;
    std::optional<int> rating;
    std::optional<std::string> note;
    std::vector<std::string> tags;  // live tag names, as typed
    bool live = true;
};

struct ModelFile {
    std::string asset_id;
    std::string name;  // the file name a query sees
    std::string date;  // the day the asset was shot, YYYY-MM-DD
    bool live = true;
};

// A generated query: its text and the predicate it means, built side by side.
struct GeneratedQuery {
    std::string text;
    std::function<bool(const ModelSegment&, const ModelFile&)> matches;
};

class QueryGenerator {
public:
    explicit QueryGenerator(std::mt19937& random) : random_(random) {}
    // A tree of AND/OR/NOT ('-' too) over random terms of every field, `depth` levels deep at most.
    [[nodiscard]] GeneratedQuery tree(int depth);
    // Two or three words and phrases ORed ("coach OR tactics"), sometimes ANDed with another term.
    [[nodiscard]] GeneratedQuery textOr();

private:
    int pick(int n);
    GeneratedQuery atom();
    GeneratedQuery textAtom();
    std::mt19937& random_;
};

// Segments over a few assets in one or two projects (the second one uses the same tag names, so a tag key
// names two tags), with notes, tags, scores with ties, ratings and durations in several time bases.
class RandomSearchCatalog {
public:
    RandomSearchCatalog(uint32_t seed, int segments, int projects);

    // Edits through the stores (and a score change in SQL, as analysis would write it): ratings, scores,
    // notes set and cleared, ranges, tags added and removed, a tag renamed, a tag removed, segments and one
    // asset tombstoned. The model follows every change.
    void edit(int changes);

    // The ids of the live segments `query` matches (in `project` only, if given), best score first,
    // unscored last, ties by id: what searchSegments returns in SearchOrder::Score.
    [[nodiscard]] std::vector<std::string> expected(const GeneratedQuery& query, std::optional<int> project = {}) const;
    [[nodiscard]] size_t liveSegments() const;

    SeededCatalog catalog;
    std::vector<std::string> projects;  // ids; catalog.project is the first
    std::vector<ModelFile> files;
    std::vector<ModelSegment> model;
    std::mt19937 random;

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); }
    void retag(ModelSegment& segment);
};

}  // namespace rushes::test
