// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <vector>

namespace rushes::test {

// Per-second audio measures in the shape analysis::InterviewInputs expects,
// computed by a deliberately simple detector that lives with the tests until
// the product's audio analyzer is merged. It reads only the audio, never the
// truth files.
struct SecondsOfVoice {
    std::vector<double> voiced_fraction;  // share of 20 ms frames that are voiced speech
    std::vector<double> crowd_fraction;   // share of 20 ms frames that are loud and not voiced
};

// Decodes the first audio stream as 16 kHz mono. A 20 ms frame is *voiced*
// when its pre-emphasised 40 ms window repeats itself at a pitch period
// (normalised autocorrelation ≥ 0.5 at a lag of 2.5–13 ms: 75–400 Hz) and it
// is at least 6 dB above the clip's floor (the 10th percentile of frame
// levels). It is *crowd* when it is at least 10 dB above that floor and not
// periodic (autocorrelation < 0.35): broadband noise that stays loud.
// Pre-emphasis matters: pink noise is dominated by low frequencies, whose
// slow waves look periodic to an autocorrelation of the raw signal.
[[nodiscard]] SecondsOfVoice measureVoice(const std::filesystem::path& media);

}  // namespace rushes::test
