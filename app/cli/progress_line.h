// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rushes::cli {

// One self-overwriting status line on stderr — only when stderr is a
// terminal, so piped or logged output stays clean. Redraws at most 10×/s.
class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    [[nodiscard]] bool enabled() const noexcept { return enabled_; }
    // items done/total, bytes done/total: draws a bar, counts, throughput and ETA.
    void update(std::int64_t items_done, std::int64_t items_total, std::int64_t bytes_done, std::int64_t bytes_total,
                const std::string& what);
    void finish();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace rushes::cli
