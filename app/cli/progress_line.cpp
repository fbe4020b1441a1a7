// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/progress_line.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>

namespace rushes::cli {
namespace {

std::string humanBytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1000 && unit < 4) {
        bytes /= 1000;
        ++unit;
    }
    return fmt::format("{:.1f} {}", bytes, units[unit]);
}

}  // namespace

ProgressLine::ProgressLine()
    : enabled_(::isatty(STDERR_FILENO) == 1), started_(std::chrono::steady_clock::now()), last_draw_(started_) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(std::int64_t items_done, std::int64_t items_total, std::int64_t bytes_done,
                          std::int64_t bytes_total, const std::string& what) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && items_done < items_total) return;
    last_draw_ = now;
    const double seconds = std::max(1e-3, std::chrono::duration<double>(now - started_).count());
    const double rate = static_cast<double>(bytes_done) / seconds;
    const double fraction = bytes_total > 0 ? static_cast<double>(bytes_done) / static_cast<double>(bytes_total)
                            : items_total > 0 ? static_cast<double>(items_done) / static_cast<double>(items_total)
                                              : 0.0;
    constexpr int kWidth = 24;
    const int filled = std::clamp(static_cast<int>(fraction * kWidth), 0, kWidth);
    std::string eta = "--:--";
    if (rate > 0 && bytes_total > bytes_done) {
        const auto left = static_cast<long>((static_cast<double>(bytes_total - bytes_done)) / rate);
        eta = fmt::format("{}:{:02}", left / 60, left % 60);
    }
    std::string name = what.size() > 40 ? "…" + what.substr(what.size() - 39) : what;
    fmt::print(stderr, "\r\033[K[{}{}] {}/{} files  {}/s  ETA {}  {}", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(kWidth - filled), ' '), items_done, items_total,
               humanBytes(rate), eta, name);
    drawn_ = true;
}

void ProgressLine::finish() {
    if (enabled_ && drawn_) fmt::print(stderr, "\r\033[K");
    drawn_ = false;
}

}  // namespace rushes::cli
