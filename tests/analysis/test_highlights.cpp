// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "analysis/excitement.h"
#include "analysis/highlights.h"
#include "base/error.h"

using namespace rushes;
using namespace rushes::analysis;

namespace {

// Two minutes of a quiet venue: a crowd bed at −40 LUFS, a little camera motion, no speech.
ExcitementInputs quietVenue(std::size_t seconds = 120) {
    ExcitementInputs inputs;
    inputs.motion.assign(seconds, 2.0);
    inputs.cuts.assign(seconds, 0.0);
    inputs.loudness.assign(seconds, -40.0);
    inputs.voiced.assign(seconds, 0.0);
    inputs.pitch_hz.assign(seconds, 0.0);
    for (std::size_t s = 0; s < seconds; ++s) inputs.motion[s] += 0.2 * static_cast<double>(s % 3);
    return inputs;
}

void roar(ExcitementInputs& inputs, std::size_t from, std::size_t to, double rise_lu) {
    for (std::size_t s = from; s < to; ++s) inputs.loudness[s] = -40.0 + rise_lu;
}

void speech(ExcitementInputs& inputs, std::size_t from, std::size_t to, double rise_lu, double pitch_hz) {
    for (std::size_t s = from; s < to; ++s) {
        inputs.loudness[s] = -40.0 + rise_lu;
        inputs.voiced[s] = 0.8;
        inputs.pitch_hz[s] = pitch_hz;
    }
}

std::vector<Highlight> autoPicks(const ExcitementInputs& inputs, const std::vector<std::int64_t>& shots = {}) {
    return pickHighlights(computeExcitement(inputs), Rational{25, 1}, 25 * static_cast<std::int64_t>(inputs.motion.size()),
                          shots, HighlightSelection{});
}

}  // namespace

TEST_CASE("a crowd roar is a highlight that starts before its peak; a quiet venue has none", "[analysis][highlights]") {
    CHECK(autoPicks(quietVenue()).empty());
    ExcitementInputs inputs = quietVenue();
    roar(inputs, 60, 66, 12);
    const auto picks = autoPicks(inputs);
    REQUIRE(picks.size() == 1);
    CHECK(picks[0].peak_second >= 60);
    CHECK(picks[0].peak_second < 66);
    CHECK(picks[0].start_frame == 25 * (picks[0].peak_second - 6));  // the pre-roll
    CHECK(picks[0].end_frame == 25 * (picks[0].peak_second + 4));
    CHECK(picks[0].tags == std::vector<std::string>{"crowd"});
}

TEST_CASE("calm commentary is not a highlight; excited commentary is", "[analysis][highlights]") {
    ExcitementInputs inputs = quietVenue();
    speech(inputs, 10, 20, 9, 120);
    speech(inputs, 30, 40, 9, 125);
    speech(inputs, 80, 84, 9, 118);
    CHECK(autoPicks(inputs).empty());
    speech(inputs, 60, 64, 15, 190);  // louder and a fifth higher
    const auto picks = autoPicks(inputs);
    REQUIRE(picks.size() == 1);
    CHECK(picks[0].peak_second >= 60);
    CHECK(picks[0].peak_second < 64);
    CHECK(picks[0].tags == std::vector<std::string>{"excited commentary"});
}

TEST_CASE("picture activity alone does not make a highlight", "[analysis][highlights]") {
    ExcitementInputs inputs = quietVenue();
    for (std::size_t s = 50; s < 60; ++s) {
        inputs.motion[s] = 40;
        inputs.cuts[s] = 2;
    }
    CHECK(autoPicks(inputs).empty());
    // …but it ranks two equal roars.
    roar(inputs, 52, 56, 12);
    roar(inputs, 90, 94, 12);
    const auto curve = computeExcitement(inputs);
    CHECK(curve.score[54] > curve.score[92]);
}

TEST_CASE("peaks closer than the minimum gap are one highlight; top:K and budget choose the best",
          "[analysis][highlights]") {
    ExcitementInputs inputs = quietVenue(300);
    roar(inputs, 40, 44, 8);
    roar(inputs, 47, 50, 12);  // 7 s later: the same moment
    roar(inputs, 100, 104, 18);
    roar(inputs, 200, 204, 3);
    roar(inputs, 250, 254, 10);
    const ExcitementCurve curve = computeExcitement(inputs);
    const auto all = pickHighlights(curve, Rational{25, 1}, 25 * 300, {}, parseHighlightSelection("auto"));
    REQUIRE(all.size() == 3);  // the +3 dB swell stays under the threshold
    CHECK(all[0].peak_second >= 47);
    CHECK(all[0].peak_second < 50);

    const auto top2 = pickHighlights(curve, Rational{25, 1}, 25 * 300, {}, parseHighlightSelection("top:2"));
    REQUIRE(top2.size() == 2);
    CHECK(top2[0].peak_second < top2[1].peak_second);  // listed in time order
    CHECK(top2[0].score >= all[2].score);
    CHECK(top2[1].peak_second >= 100);
    CHECK(top2[1].peak_second < 104);

    const auto budget = pickHighlights(curve, Rational{25, 1}, 25 * 300, {}, parseHighlightSelection("budget:15"));
    std::int64_t total = 0;
    for (const auto& h : budget) {
        total += h.end_frame - h.start_frame;
        CHECK(h.start_frame <= 25 * h.peak_second);
        CHECK(h.end_frame > 25 * h.peak_second);
    }
    CHECK(total == 15 * 25);
    CHECK(budget.size() == 2);
}

TEST_CASE("highlight edges snap to a nearby shot boundary", "[analysis][highlights]") {
    ExcitementInputs inputs = quietVenue();
    roar(inputs, 60, 62, 12);
    const auto plain = autoPicks(inputs);
    REQUIRE(plain.size() == 1);
    const std::int64_t cut_near_start = plain[0].start_frame - 30;  // 1.2 s earlier
    const std::int64_t cut_far_after_end = plain[0].end_frame + 100;  // 4 s later: too far
    const auto picks = autoPicks(inputs, {cut_near_start, cut_far_after_end});
    REQUIRE(picks.size() == 1);
    CHECK(picks[0].start_frame == cut_near_start);
    CHECK(picks[0].end_frame == plain[0].end_frame);
}

TEST_CASE("highlight selections parse or name what is wrong", "[analysis][highlights]") {
    CHECK(parseHighlightSelection("auto").mode == HighlightSelection::Mode::Threshold);
    CHECK(parseHighlightSelection("top:5").top_k == 5);
    CHECK(parseHighlightSelection("budget:90").budget_seconds == 90);
    CHECK_THROWS_AS(parseHighlightSelection("top:0"), Error);
    CHECK_THROWS_AS(parseHighlightSelection("top:x"), Error);
    CHECK_THROWS_AS(parseHighlightSelection("best:3"), Error);
}
