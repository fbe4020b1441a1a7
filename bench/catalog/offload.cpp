// SPDX-License-Identifier: GPL-3.0-or-later
// bench_offload: our offload to one destination against `cp -r` of the same ~1 GiB card in the
// same run. Prints the copy phase (read + write + fsync) and the total with read-back
// verification, and ratios to cp with and without a following `sync` (cp does not sync, a DIT copy
// must). Page caches are dropped before each run when /proc/sys/vm/drop_caches is writable.
//
//   bench_offload [MiB]     (default 1024; the card is generated once under the temp folder)
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ingest/offload.h"

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using namespace rushes;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A card like a day of a cinema camera: a few large clips plus small sidecars.
fs::path benchCard(std::uint64_t total_mib) {
    const fs::path card = fs::temp_directory_path() / fmt::format("rushes-bench-offload-{}MiB", total_mib) / "A001";
    const fs::path done_marker = card.parent_path() / "complete";
    if (fs::exists(done_marker)) return card;
    fmt::print("generating {} ({} MiB of incompressible clips and sidecars)...\n", card.string(), total_mib);
    fs::remove_all(card.parent_path());
    fs::create_directories(card / "CLIP");
    std::mt19937_64 random(42);
    const std::uint64_t clip_mib = 64;
    std::vector<std::uint64_t> block(1 << 17);  // 1 MiB
    for (std::uint64_t clip = 0; clip * clip_mib < total_mib; ++clip) {
        std::ofstream out(card / "CLIP" / fmt::format("A001C{:03}.MXF", clip + 1), std::ios::binary);
        for (std::uint64_t mib = 0; mib < clip_mib && clip * clip_mib + mib < total_mib; ++mib) {
            for (auto& word : block) word = random();
            out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size() * 8));
        }
        std::ofstream(card / "CLIP" / fmt::format("A001C{:03}.xml", clip + 1)) << "<ClipMetadata/>\n";
    }
    std::ofstream(done_marker) << "ok\n";
    return card;
}

bool dropCaches() {
    if (std::system("sync") != 0) return false;
    std::ofstream control("/proc/sys/vm/drop_caches");
    control << "3\n";
    control.flush();
    return static_cast<bool>(control);
}

void run(const std::string& command) {
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t total_mib = argc > 1 ? std::stoull(argv[1]) : 1024;
    const fs::path card = benchCard(total_mib);
    const fs::path work = fs::temp_directory_path() / "rushes-bench-offload-out";
    fs::remove_all(work);
    fs::create_directories(work);
    const double mib = static_cast<double>(total_mib);

    struct Round {
        double cp = 0, sync = 0, copy = 0, verify = 0, total = 0;
    };
    std::vector<Round> rounds;
    bool dropped = true;
    for (int round = 0; round < 2; ++round) {
        Round r;
        dropped = dropCaches() && dropped;
        auto start = Clock::now();
        run("cp -r '" + card.string() + "' '" + (work / "cp").string() + "'");
        r.cp = secondsSince(start);
        start = Clock::now();
        run("sync");
        r.sync = secondsSince(start);
        fs::remove_all(work / "cp");

        dropped = dropCaches() && dropped;
        ingest::OffloadOptions options;
        options.write_mhl = true;
        const ingest::OffloadReport report = ingest::offload(card, {work / "ours"}, options);
        if (!report.ok()) throw std::runtime_error("offload reported problems");
        r.copy = report.copy_seconds;
        r.verify = report.verify_seconds;
        r.total = report.total_seconds;
        fs::remove_all(work / "ours");
        rounds.push_back(r);
        fmt::print("round {}: cp -r {:.2f} s (+ sync {:.2f} s) | offload copy {:.2f} s, verify {:.2f} s, total {:.2f} s\n",
                   round + 1, r.cp, r.sync, r.copy, r.verify, r.total);
    }
    fs::remove_all(work);
    // The better of the rounds for each: on a shared machine noise only ever adds time.
    Round best = rounds.front();
    double best_cp_sync = best.cp + best.sync;
    for (const Round& r : rounds) {
        best.cp = std::min(best.cp, r.cp);
        best_cp_sync = std::min(best_cp_sync, r.cp + r.sync);
        best.copy = std::min(best.copy, r.copy);
        best.verify = std::min(best.verify, r.verify);
        best.total = std::min(best.total, r.total);
    }
    fmt::print("\n{} MiB, one destination, xxh64, page cache {}\n", total_mib,
               dropped ? "dropped before each run" : "NOT dropped (no permission): figures are cache-warm");
    fmt::print("  cp -r                 {:7.1f} MiB/s\n", mib / best.cp);
    fmt::print("  cp -r + sync          {:7.1f} MiB/s\n", mib / best_cp_sync);
    fmt::print("  offload copy phase    {:7.1f} MiB/s  (read + hash + write + fsync)\n", mib / best.copy);
    fmt::print("  offload incl. verify  {:7.1f} MiB/s  (verify alone {:.1f} MiB/s)\n", mib / best.total,
               mib / best.verify);
    fmt::print("  ratio copy phase / cp -r        {:.2f}  (target >= 0.9)\n", best.cp / best.copy);
    fmt::print("  ratio copy phase / cp -r + sync {:.2f}\n", best_cp_sync / best.copy);
    return 0;
}
