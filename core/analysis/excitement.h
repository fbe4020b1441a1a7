// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rushes::analysis {

// What the excitement curve is made of, one value per second of the file (DESIGN §3, after Hanjalic 2005).
// Audio fields may be empty (a silent or audio-less file); then only the picture speaks.
struct ExcitementInputs {
    std::vector<double> motion;       // mean motion activity of the second's frames (0..255 luma steps)
    std::vector<double> cuts;         // shot changes starting in the second
    std::vector<double> loudness;     // LUFS: loudest 400 ms window of the second (−120 floor)
    std::vector<double> voiced;       // 0..1: share of the second that is voiced speech
    std::vector<double> pitch_hz;     // median voiced pitch, 0 when unvoiced
};

struct ExcitementParameters {
    // The loudness a rise is measured against: a low percentile of a minute around the second, so a
    // long roar does not lift its own floor and a quiet venue is not judged by a loud one.
    double baseline_window_s = 61;
    double baseline_percentile = 0.2;
    // A rise this many LU over the floor counts fully (a crowd roaring +12 dB over its bed).
    double full_rise_lu = 12;
    // Speech lifts loudness too; calm commentary sits 8–10 LU over the bed and is not an event, so
    // speech must rise further, or rise in pitch, to count.
    double speech_rise_lu = 10;
    double full_pitch_rise_semitones = 7;
    // Picture activity refines the rank but cannot make a highlight on its own: crowds and commentators
    // react to what matters, a whip pan or a busy graphic does not. Sound gets the rest of the weight.
    double motion_weight = 0.15;
    double cut_weight = 0.1;
    // Seconds averaged on each side after combining (a reaction lasts seconds, a bark does not).
    int smoothing_radius_s = 1;
};

// The per-second curves, all 0..1, kept so editors can re-threshold without decoding again.
struct ExcitementCurve {
    std::vector<double> crowd;  // loudness rise that is not speech
    std::vector<double> voice;  // speech louder or higher than the file's calm speech
    std::vector<double> picture;  // motion and cut density, robustly normalised within the file
    std::vector<double> score;  // the combined, smoothed curve
};

[[nodiscard]] ExcitementCurve computeExcitement(const ExcitementInputs& inputs, const ExcitementParameters& parameters = {});

inline constexpr const char* kExcitementVersion = "hanjalic-audio-led/1";

}  // namespace rushes::analysis
