// SPDX-License-Identifier: GPL-3.0-or-later
// Several files at once into the catalog, and kill -9 of a real `rushes analyze --all` at random moments:
// every file is either fully recorded or untouched, and a re-run completes exactly what one run gives.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "analysis/analysis_batch.h"
#include "analysis/analysis_targets.h"
#include "catalog/analysis_store.h"
#include "catalog/consistency.h"
#include "catalog/migrations.h"
#include "catalog_test_support.h"
#include "ingest/ingest.h"
#include "support/fixtures.h"

using namespace rushes;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Four shots: moving pattern, 2.5 s of black, a still (a freeze), a moving fractal.
void makeShotsClip(const fs::path& path) {
    const std::string command =
        "ffmpeg -v error -y -f lavfi -i testsrc2=s=320x180:r=25:d=3 -f lavfi -i color=black:s=320x180:r=25:d=2.5 "
        "-f lavfi -i smptebars=s=320x180:r=25:d=3 -f lavfi -i mandelbrot=s=320x180:r=25,trim=duration=3 "
        "-filter_complex \"[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[2:v]format=yuv420p[c];"
        "[3:v]format=yuv420p[d];[a][b][c][d]concat=n=4:v=1[v]\" -map \"[v]\" -c:v libx264 -threads 1 -g 50 -bf 3 "
        "-fflags +bitexact \"" + path.string() + "\"";
    REQUIRE(std::system(command.c_str()) == 0);
}

// Good clips of several codecs and one broken file, ingested into a fresh catalog.
void makeAnalysedCard(const fs::path& card, const fs::path& catalog_file) {
    fs::create_directories(card);
    makeShotsClip(card / "shots.mp4");
    for (const char* name : {"h264_longgop.mp4", "hevc.mp4", "odd_size.mp4", "h264_opengop.mkv", "random.mp4"}) {
        fs::copy_file(test::fixturePath(name), card / name);
    }
    catalog::Database db(catalog_file);
    catalog::migrate(db);
    ingest::ingestPaths(db, {card}, {}, {}, {});
}

// What the catalog holds of analysis results, comparable across runs: (file, kind, in, out, tags).
using ResultFacts = std::set<std::tuple<std::string, std::string, std::int64_t, std::int64_t, std::string>>;
ResultFacts resultFacts(catalog::Database& db) {
    ResultFacts facts;
    auto stmt = db.prepare(
        "SELECT a.rel_path, s.kind, s.in_ticks, s.out_ticks,"
        " coalesce((SELECT group_concat(t.name_key, ',') FROM segment_tag m JOIN tag t ON t.id = m.tag_id"
        "           WHERE m.segment_id = s.id AND m.present = 1), '')"
        " FROM segment s JOIN asset a ON a.id = s.asset_id WHERE s.deleted = 0");
    while (stmt.step()) {
        facts.emplace(stmt.textAt(0), stmt.textAt(1), stmt.int64At(2), stmt.int64At(3), stmt.textAt(4));
    }
    return facts;
}

analysis::BatchReport runBatch(catalog::Database& db, int jobs) {
    analysis::BatchOptions options;
    options.jobs = jobs;
    return analysis::analyzeBatch(&db, analysis::pendingTargets(db, false), options, {}, {}, {});
}

pid_t startAnalyze(const fs::path& catalog_file) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        // dup2, not freopen: freopen would flush the parent's buffered test output a second time.
        const int null_fd = ::open("/dev/null", O_WRONLY);
        ::dup2(null_fd, STDOUT_FILENO);
        ::dup2(null_fd, STDERR_FILENO);
        ::execl(RUSHES_CLI, RUSHES_CLI, "--catalog", catalog_file.c_str(), "analyze", "--all", "-j", "2",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    REQUIRE(pid > 0);
    return pid;
}

int waitFor(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

TEST_CASE("analyze --all records every pending file once, two at a time gives what one at a time gives",
          "[analysis][catalog]") {
    test::TempDir dir;
    const fs::path catalog_file = dir.path() / "catalog.db";
    makeAnalysedCard(dir.path() / "card", catalog_file);
    fs::copy_file(catalog_file, dir.path() / "serial.db");

    catalog::Database db(catalog_file);
    REQUIRE(analysis::pendingTargets(db, false).size() == 5);  // the broken file is not a target
    const analysis::BatchReport report = runBatch(db, 2);
    CHECK(report.done == 5);
    CHECK(report.failed == 0);
    CHECK_FALSE(report.cancelled);
    REQUIRE_CONSISTENT(db);
    CHECK(analysis::pendingTargets(db, false).empty());
    CHECK(analysis::pendingTargets(db, true).size() == 5);
    CHECK(test::countRows(db, "SELECT count(*) FROM analysis_run WHERE status = 'done'") == 5);
    // Every analysed asset has its shots as segments and its per-frame curves.
    CHECK(test::countRows(db, "SELECT count(DISTINCT asset_id) FROM segment WHERE kind = 'shot' AND deleted = 0") == 5);
    // The clip with four shots: its cuts, its black hold and its still picture are all there, tagged.
    const ResultFacts facts = resultFacts(db);
    CHECK(std::count_if(facts.begin(), facts.end(), [](const auto& f) {
              return std::get<0>(f).ends_with("/shots.mp4") && std::get<1>(f) == "shot";
          }) == 4);
    CHECK(std::count_if(facts.begin(), facts.end(), [](const auto& f) {
              return std::get<0>(f).ends_with("/shots.mp4") && std::get<1>(f) == "qc" && std::get<4>(f) == "black";
          }) == 1);
    CHECK(std::count_if(facts.begin(), facts.end(), [](const auto& f) {
              return std::get<0>(f).ends_with("/shots.mp4") && std::get<1>(f) == "qc" && std::get<4>(f) == "freeze";
          }) == 1);
    CHECK(test::countRows(db, "SELECT count(DISTINCT analysis_run_id) FROM analysis_series"
                              " WHERE name = 'frame.content_delta' AND sample_count > 0") == 5);

    catalog::Database serial(dir.path() / "serial.db");
    CHECK(runBatch(serial, 1).done == 5);
    CHECK(resultFacts(serial) == resultFacts(db));

    // A second --force run replaces the untouched results with equal ones, nothing piles up.
    analysis::BatchOptions options;
    CHECK(analysis::analyzeBatch(&db, analysis::pendingTargets(db, true), options, {}, {}, {}).done == 5);
    REQUIRE_CONSISTENT(db);
    CHECK(resultFacts(db) == resultFacts(serial));
}

TEST_CASE("a cancelled batch records nothing for the files it did not finish", "[analysis][catalog]") {
    test::TempDir dir;
    const fs::path catalog_file = dir.path() / "catalog.db";
    makeAnalysedCard(dir.path() / "card", catalog_file);
    catalog::Database db(catalog_file);
    std::stop_source stop;
    stop.request_stop();
    analysis::BatchOptions options;
    const auto report = analysis::analyzeBatch(&db, analysis::pendingTargets(db, false), options, stop.get_token(), {}, {});
    CHECK(report.cancelled);
    CHECK(report.done == 0);
    CHECK(test::countRows(db, "SELECT count(*) FROM analysis_run") == 0);
    REQUIRE_CONSISTENT(db);
}

TEST_CASE("kill -9 during analyze --all never leaves half a result and a re-run completes it",
          "[analysis][catalog][crash]") {
    test::TempDir dir;
    const fs::path seed = dir.path() / "seed.db";
    makeAnalysedCard(dir.path() / "card", seed);

    const fs::path reference_file = dir.path() / "reference.db";
    fs::copy_file(seed, reference_file);
    const auto started = Clock::now();
    const int status = waitFor(startAnalyze(reference_file));
    const auto full_run = Clock::now() - started;
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    catalog::Database reference(reference_file);
    const ResultFacts expected = resultFacts(reference);
    REQUIRE(expected.size() >= 10);  // 8 shots in 5 files, a black hold, a freeze

    std::mt19937 rng(Catch::rngSeed());
    const auto window_us = std::chrono::duration_cast<std::chrono::microseconds>(full_run).count();
    std::uniform_int_distribution<long> moment(0, std::max<long>(1, window_us));
    for (int run = 0; run < 8; ++run) {
        const fs::path catalog_file = dir.path() / ("killed_" + std::to_string(run) + ".db");
        fs::copy_file(seed, catalog_file);
        const long kill_after_us = moment(rng);
        INFO("run " << run << ", killed after " << kill_after_us << " us");
        const pid_t pid = startAnalyze(catalog_file);
        std::this_thread::sleep_for(std::chrono::microseconds(kill_after_us));
        ::kill(pid, SIGKILL);
        waitFor(pid);

        {
            catalog::Database db(catalog_file);
            CHECK(db.queryText("PRAGMA integrity_check") == std::optional<std::string>("ok"));
            REQUIRE_CONSISTENT(db);
            // Whole files only: every recorded run has all its results, nothing is left 'running'.
            CHECK(test::countRows(db, "SELECT count(*) FROM analysis_run WHERE status <> 'done'") == 0);
            const ResultFacts partial = resultFacts(db);
            for (const auto& fact : partial) CHECK(expected.count(fact) == 1);
            const std::int64_t runs = test::countRows(db, "SELECT count(*) FROM analysis_run");
            CHECK(test::countRows(db, "SELECT count(DISTINCT asset_id) FROM segment WHERE kind = 'shot' AND deleted = 0") ==
                  runs);
        }
        REQUIRE(WEXITSTATUS(waitFor(startAnalyze(catalog_file))) == 0);
        catalog::Database db(catalog_file);
        REQUIRE_CONSISTENT(db);
        CHECK(resultFacts(db) == expected);
        CHECK(test::countRows(db, "SELECT count(*) FROM analysis_run") == 5);
    }
}
