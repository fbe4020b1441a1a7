// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/audio_level.h"

namespace rushes::analysis {

// One second of audio, described for the excitement curve and interview
// detection. Second s covers native samples [s·rate, (s+1)·rate); the last
// second may be partial. Every field is in absolute units, so files compare.
struct AudioSecond {
    static constexpr float kFloorDb = static_cast<float>(kAudioLevelFloorDb);
    // From the native-rate stream (EBU R128 through libebur128), LUFS, floor −120:
    float momentary_max_lufs = kFloorDb;  // loudest 400 ms window ending inside the second (100 ms steps)
    float short_term_lufs = kFloorDb;     // 3 s window ending at the second's end (or the stream's)
    // From the 16 kHz mono copy (unity-gain downmix):
    float rms_dbfs = kFloorDb;            // 20·log10 RMS re full scale; a full-scale sine reads −3.01
    float spectral_flatness = 0;          // 0 … 1, mean of SpectralFrame::flatness over audible frames
    float spectral_flux = 0;              // 0 … 1, mean of SpectralFrame::flux over audible frames
    float voiced_fraction = 0;            // 0 … 1, share of 10 ms frames with a YIN pitch (speech activity)
    float median_pitch_hz = 0;            // median pitch of the voiced frames, 0 when none
    float voiced_energy_dbfs = kFloorDb;  // RMS of the voiced frames' 25 ms windows, dBFS, floor −120
};

struct AudioFeatureParameters {
    double pitch_min_hz = 60.0;   // deep male speech
    double pitch_max_hz = 600.0;  // excited and children's voices
    // YIN's absolute threshold on d'. The paper uses 0.1–0.15 on clean speech;
    // 0.3 keeps speech voiced over a crowd bed 10 dB down; pink noise stays ≥ 0.6.
    double yin_threshold = 0.3;
    // A frame quieter than this is neither voiced nor measured for texture.
    double voicing_floor_dbfs = -60.0;
    double spectral_floor_dbfs = -90.0;
};

}  // namespace rushes::analysis
