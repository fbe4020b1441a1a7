// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace rushes::media {

// FFmpeg's own words for an AVERROR code.
[[nodiscard]] std::string describeAvError(int av_error);

}  // namespace rushes::media
