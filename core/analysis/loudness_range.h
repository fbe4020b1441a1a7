// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>

namespace rushes::analysis {

// EBU Tech 3342 (v3, 2016) loudness range from short-term loudness values
// taken at least 10 times a second (3 s windows overlapping by ≥ 2.9 s):
// drop values below −70 LUFS, then those more than 20 LU below the
// power mean of the rest, and return the 95th minus the 10th percentile.
// 0 when fewer than two values survive.
//
// libebur128 1.2.6 computes its own LRA from short-term blocks 1 s apart (the
// 2011 text); on the evaluation corpus that differs from FFmpeg's ebur128 by
// up to 0.08 LU, so Rushes computes LRA from its own 10 Hz series instead.
[[nodiscard]] double loudnessRange(std::span<const float> short_term_lufs);

}  // namespace rushes::analysis
