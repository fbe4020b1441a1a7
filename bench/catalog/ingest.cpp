// SPDX-License-Identifier: GPL-3.0-or-later
// bench_ingest: the probe-stage ingest rate (files/s, MB/s) on a card made of
// the test fixtures, a warm re-run (nothing changed: catalog lookups only),
// and the catalog's size on disk.
//
//   bench_ingest [COPIES]   (default 20 copies of the 17 fixtures)
#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "catalog/database.h"
#include "catalog/migrations.h"
#include "ingest/ingest.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace rushes;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::uintmax_t folderBytes(const fs::path& folder) {
    std::uintmax_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
}

int run(int copies) {
    const fs::path work = fs::temp_directory_path() / "rushes-bench-ingest";
    const fs::path fixtures = work / "fixtures";
    const std::string generate = "python3 \"" RUSHES_SOURCE_DIR "/tests/fixtures/generate.py\" --quiet \"" +
                                 fixtures.string() + "\"";
    if (std::system(generate.c_str()) != 0) throw std::runtime_error("the fixture generator failed");
    const fs::path card = work / "card";
    fs::remove_all(card);
    int files = 0;
    for (int copy = 0; copy < copies; ++copy) {
        const fs::path folder = card / fmt::format("CLIP{:03}", copy);
        fs::create_directories(folder);
        for (const auto& entry : fs::directory_iterator(fixtures)) {
            if (entry.path().extension() == ".json" || entry.path().filename().string().front() == '.') continue;
            // A byte appended per copy makes every file distinct content, as on a real card.
            const fs::path target = folder / entry.path().filename();
            fs::copy_file(entry.path(), target);
            if (fs::file_size(target) > 0) {
                std::FILE* out = std::fopen(target.c_str(), "ab");
                std::fputc(copy, out);
                std::fclose(out);
            }
            ++files;
        }
    }
    const double megabytes = static_cast<double>(folderBytes(card)) / 1e6;
    const fs::path catalog_file = work / "catalog.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(catalog_file.string() + suffix);
    catalog::Database db(catalog_file);
    catalog::migrate(db);

    auto start = Clock::now();
    const ingest::IngestReport cold = ingest::ingestPaths(db, {card}, {});
    const double cold_s = secondsSince(start);
    start = Clock::now();
    const ingest::IngestReport warm = ingest::ingestPaths(db, {card}, {});
    const double warm_s = secondsSince(start);
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)");

    fmt::print("card: {} files, {:.1f} MB ({} copies of the fixtures)\n", files, megabytes, copies);
    fmt::print("cold ingest (probe + xxh3-128 + catalog): {:.2f} s  {:.1f} files/s  {:.1f} MB/s  ({} added, {} errors)\n",
               cold_s, files / cold_s, megabytes / cold_s, cold.added, cold.errors);
    fmt::print("warm re-run (nothing changed):            {:.2f} s  {:.1f} files/s  ({} unchanged)\n", warm_s,
               files / warm_s, warm.unchanged);
    fmt::print("catalog on disk: {:.1f} KB for {} assets\n", static_cast<double>(fs::file_size(catalog_file)) / 1e3,
               cold.added + cold.errors);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc > 1 ? std::max(1, std::atoi(argv[1])) : 20);
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_ingest: {}\n", error.what());
        return 1;
    }
}
