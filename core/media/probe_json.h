// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include "media/probe.h"

namespace rushes::media {

// The probe as JSON: the shape `rushes probe --json` prints and the catalog
// stores. Rates and time bases stay exact strings ("30000/1001").
[[nodiscard]] nlohmann::json toJson(const ProbeResult& probe);
[[nodiscard]] std::string_view toString(StreamType type) noexcept;

}  // namespace rushes::media
