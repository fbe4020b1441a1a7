// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/query/search_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace rushes::catalog::query {

namespace {

// Rough µs per row on the 2-core reference machine, measured with bench_catalog_search; only their ratios
// steer the choice.
constexpr double kWalkRowUs = 0.25;   // one covering-index row (segment_live_walk, segment_tag_walk, segment_note_walk)
constexpr double kAssetRowUs = 1.0;   // a segment of a chosen asset: index entry + table row, neighbours on disk
constexpr double kLookupRowUs = 4.5;  // a note's segment: its search_doc row, then primary-key index + table row
constexpr double kColumnTestUs = 0.02;
constexpr double kSetTestUs = 0.3;    // membership in a bound id set
constexpr double kNoteTestUs = 1.5;   // the segment's search_doc row, and its document in a bound set
constexpr double kTagTestUs = 2.0;    // a probe of segment_tag's primary key
constexpr double kResultRowUs = 4.0;  // a row of the page: its segment and asset rows
constexpr double kStatementUs = 30.0;
// The set-driven plan is SQLite's choice and cannot be estimated here; it is priced as a scan of every
// segment, so it wins only where every other plan looks worse than that (or as the fallback of a branch).
constexpr double kScanRowUs = 0.5;
// An OR inside an OR inside … is distributed this many levels deep at most.
constexpr int kMaxOrDepth = 2;

void flatten(const Node& node, std::vector<const Node*>& out) {
    if (node.type == NodeType::MatchAll) return;
    if (node.type == NodeType::And) {
        for (const Node& child : node.children) flatten(child, out);
        return;
    }
    out.push_back(&node);
}

std::vector<const Node*> without(const std::vector<const Node*>& list, size_t index) {
    std::vector<const Node*> rest;
    for (size_t i = 0; i < list.size(); ++i) {
        if (i != index) rest.push_back(list[i]);
    }
    return rest;
}

// A positive tag, asset or date term, or any text term, selects a set a branch can read from.
bool isDriver(const Node& node) {
    if (node.type != NodeType::Term || !isResolvedField(node.term.field)) return false;
    return node.term.field == Field::Date || node.term.op != Comparison::NotEqual;
}

double total(const std::vector<TagHit>& tags) {
    double sum = 0;
    for (const auto& tag : tags) sum += double(tag.segments);
    return sum;
}

class Planner {
public:
    Planner(const ResolvedTerms& hits, const CatalogEstimates& estimates, double wanted)
        : hits_(hits), estimates_(estimates), wanted_(wanted) {}

    // Plans for the segments passing every conjunct, cheapest first.
    std::vector<SearchPlan> plansFor(const std::vector<const Node*>& conjuncts, int depth) const {
        std::vector<SearchPlan> plans;
        plans.push_back(plan({branch(Source::Walk, {}, estimates_.segments, conjuncts)}));
        for (size_t i = 0; i < conjuncts.size(); ++i) {
            const Node& conjunct = *conjuncts[i];
            const std::vector<const Node*> rest = without(conjuncts, i);
            if (isDriver(conjunct)) {
                for (auto& branches : drivenBy(conjunct.term.field, hitsOf(conjunct.term), rest)) {
                    plans.push_back(plan(std::move(branches)));
                }
            }
            if (const auto text = hits_.text_unions.find(&conjunct); text != hits_.text_unions.end()) {
                for (auto& branches : drivenBy(Field::Text, text->second, rest))
                    plans.push_back(plan(std::move(branches)));
            }
            if (conjunct.type == NodeType::Or && depth < kMaxOrDepth) distribute(conjunct, rest, depth, plans);
        }
        std::stable_sort(plans.begin(), plans.end(),
                         [](const SearchPlan& a, const SearchPlan& b) { return a.cost_estimate < b.cost_estimate; });
        return plans;
    }

    SearchPlan setDriven() const {
        SearchPlan plan;
        plan.set_driven = true;
        plan.cost_estimate = kStatementUs + estimates_.segments * kScanRowUs;
        return plan;
    }

private:
    const TermHits& hitsOf(const Term& term) const { return hits_.at(term); }

    static SearchPlan plan(std::vector<Branch> branches) {
        SearchPlan plan;
        for (const auto& b : branches) plan.cost_estimate += b.cost_estimate;
        plan.branches = std::move(branches);
        return plan;
    }

    // (a OR b) AND rest = (a AND rest) OR (b AND rest): a union of one plan per disjunct. The i-th union
    // takes each disjunct's i-th cheapest plan, so every sub-plan appears in some candidate.
    void distribute(const Node& disjunction, const std::vector<const Node*>& rest, int depth,
                    std::vector<SearchPlan>& plans) const {
        std::vector<std::vector<SearchPlan>> per_disjunct;
        size_t most = 0;
        for (const Node& disjunct : disjunction.children) {
            std::vector<const Node*> conjuncts;
            flatten(disjunct, conjuncts);
            conjuncts.insert(conjuncts.end(), rest.begin(), rest.end());
            per_disjunct.push_back(plansFor(conjuncts, depth + 1));
            most = std::max(most, per_disjunct.back().size());
        }
        for (size_t i = 0; i < most; ++i) {
            std::vector<Branch> branches;
            for (const auto& options : per_disjunct) {
                const SearchPlan& chosen = options[std::min(i, options.size() - 1)];
                branches.insert(branches.end(), chosen.branches.begin(), chosen.branches.end());
            }
            plans.push_back(plan(std::move(branches)));
        }
    }

    // The ways to read the term's set and test the rest, as branch lists (none: the set is empty). A text
    // term reaches segments three ways — by note, by file name, by tag name — so it is a union; its note
    // hits are either walked in result order among noted segments or looked up one by one.
    std::vector<std::vector<Branch>> drivenBy(Field field, const TermHits& hits,
                                              const std::vector<const Node*>& rest) const {
        std::vector<Branch> shared;
        if (field != Field::Tag && hits.assets.size > 0) {
            shared.push_back(branch(Source::Assets, hits.assets.json, segmentsOfAssets(hits.assets.size), rest));
        }
        for (const TagHit& tag : hits.tag_list)
            shared.push_back(branch(Source::Tag, tag.tag_id, double(tag.segments), rest));
        if (field != Field::Text || hits.notes.size == 0) return {shared};
        std::vector<std::vector<Branch>> ways;
        for (Source notes : {Source::NotedWalk, Source::Notes}) {
            ways.push_back(shared);
            ways.back().push_back(branch(notes, hits.notes.json, double(hits.notes.size), rest));
        }
        return ways;
    }

    // `selected` rows of the source pass its own test: all of them, except for NotedWalk, which walks every
    // noted segment and tests each against the note hits.
    Branch branch(Source source, std::string_view ids, double selected, std::vector<const Node*> residual) const {
        Branch b;
        b.source = source;
        b.ids = ids;
        b.source_rows = source == Source::NotedWalk ? std::max(estimates_.noted_segments, selected) : selected;
        const double passing = b.source_rows > 0 ? densityOfAll(residual) * selected / b.source_rows : 0;
        // Walk, Tag and NotedWalk read in result order and stop once the page is full; Notes and Assets read
        // all their rows and sort them.
        const bool in_result_order = source == Source::Walk || source == Source::Tag || source == Source::NotedWalk;
        b.rows_estimate = in_result_order && passing > 0 ? std::min(b.source_rows, wanted_ / passing) : b.source_rows;
        b.cost_estimate = kStatementUs + b.rows_estimate * (rowCost(source) + testCost(residual)) +
                          std::min(wanted_, b.rows_estimate * passing) * kResultRowUs;
        b.residual = std::move(residual);
        return b;
    }

    static double rowCost(Source source) {
        switch (source) {
            case Source::Walk:
            case Source::Tag: return kWalkRowUs;
            case Source::NotedWalk: return kWalkRowUs + kNoteTestUs;
            case Source::Notes: return kLookupRowUs;
            case Source::Assets: return kAssetRowUs;
        }
        return kWalkRowUs;
    }

    double segmentsOfAssets(int64_t assets) const { return double(assets) * estimates_.segments / estimates_.assets; }

    // The share of live segments passing `node`, assuming independent terms.
    double density(const Node& node) const {
        if (const auto sampled = estimates_.column_share.find(&node); sampled != estimates_.column_share.end()) {
            return sampled->second;
        }
        switch (node.type) {
            case NodeType::MatchAll: return 1;
            case NodeType::Not: return 1 - density(node.children.front());
            case NodeType::And: {
                double share = 1;
                for (const Node& child : node.children) share *= density(child);
                return share;
            }
            case NodeType::Or: {
                double miss = 1;
                for (const Node& child : node.children) miss *= 1 - density(child);
                return 1 - miss;
            }
            case NodeType::Term: return termDensity(node.term);
        }
        return 1;
    }

    double termDensity(const Term& term) const {
        if (!isResolvedField(term.field)) return 0.5;  // only reached for a subtree readEstimates did not sample
        const TermHits& hits = hitsOf(term);
        double share = 0;
        switch (term.field) {
            case Field::Tag: share = total(hits.tag_list) / estimates_.segments; break;
            case Field::Text:
                share = (double(hits.notes.size) + segmentsOfAssets(hits.assets.size) + total(hits.tag_list)) /
                        estimates_.segments;
                break;
            default: share = double(hits.assets.size) / estimates_.assets; break;
        }
        share = std::clamp(share, 0.0, 1.0);
        const bool negated = term.op == Comparison::NotEqual && term.field != Field::Date;
        return negated ? 1 - share : share;
    }

    double densityOfAll(const std::vector<const Node*>& conjuncts) const {
        double share = 1;
        for (const Node* node : conjuncts) share *= density(*node);
        return share;
    }

    // µs to test one row against `node`, every part evaluated.
    double testCost(const Node& node) const {
        if (node.type != NodeType::Term) {
            double sum = 0;
            for (const Node& child : node.children) sum += testCost(child);
            return sum;
        }
        if (!isResolvedField(node.term.field)) return kColumnTestUs;
        const TermHits& hits = hitsOf(node.term);
        return (hits.notes.size > 0 ? kNoteTestUs : 0) + (hits.assets.size > 0 ? kSetTestUs : 0) +
               (hits.tags.size > 0 ? kTagTestUs : 0);
    }

    // SQLite tests what the index row holds first, then bound sets, then correlated probes: roughly
    // cheapest first, and a row failing one test skips the rest.
    double testCost(std::vector<const Node*> conjuncts) const {
        std::stable_sort(conjuncts.begin(), conjuncts.end(),
                         [&](const Node* a, const Node* b) { return testCost(*a) < testCost(*b); });
        double cost = 0, reaching = 1;
        for (const Node* node : conjuncts) {
            cost += reaching * testCost(*node);
            reaching *= density(*node);
        }
        return cost;
    }

    const ResolvedTerms& hits_;
    const CatalogEstimates& estimates_;
    double wanted_;
};

// Two candidates that read the same sources with the same tests are one plan.
std::string planKey(const SearchPlan& plan) {
    if (plan.set_driven) return "set";
    std::string key;
    for (const Branch& b : plan.branches) {
        // A branch's ids are a view into the resolved sets: the same set is the same view.
        key += fmt::format("{}:{}:{}:", toString(b.source), fmt::ptr(b.ids.data()), b.ids.size());
        std::vector<const Node*> residual = b.residual;
        std::sort(residual.begin(), residual.end());
        for (const Node* node : residual) key += fmt::format("{},", fmt::ptr(node));
        key += '|';
    }
    return key;
}

}  // namespace

std::string_view toString(Source source) noexcept {
    switch (source) {
        case Source::Walk: return "walk";
        case Source::Tag: return "tag";
        case Source::NotedWalk: return "noted";
        case Source::Notes: return "notes";
        case Source::Assets: return "assets";
    }
    return "walk";
}

std::string SearchPlan::describe() const {
    if (set_driven) return "set-driven (SQLite's plan)";
    if (branches.empty()) return "nothing can match";
    std::string text;
    for (const Branch& b : branches) {
        if (!text.empty()) text += " + ";
        text += fmt::format("{}[{:.0f}]", toString(b.source), b.source_rows);
        if (!b.residual.empty()) text += fmt::format("&{}", b.residual.size());
        text += fmt::format(" ~{:.0f} rows", b.rows_estimate);
    }
    return text;
}

std::vector<SearchPlan> candidatePlans(const Node& root, const ResolvedTerms& hits, const CatalogEstimates& estimates,
                                       int64_t wanted) {
    const Planner planner(hits, estimates, double(std::max<int64_t>(1, wanted)));
    std::vector<const Node*> conjuncts;
    flatten(root, conjuncts);
    std::vector<SearchPlan> plans = planner.plansFor(conjuncts, 0);
    plans.push_back(planner.setDriven());
    std::stable_sort(plans.begin(), plans.end(),
                     [](const SearchPlan& a, const SearchPlan& b) { return a.cost_estimate < b.cost_estimate; });
    std::set<std::string> seen;
    std::vector<SearchPlan> distinct;
    for (auto& plan : plans) {
        if (seen.insert(planKey(plan)).second) distinct.push_back(std::move(plan));
    }
    return distinct;
}

}  // namespace rushes::catalog::query
