// SPDX-License-Identifier: GPL-3.0-or-later
// kill -9 of a real `rushes ingest` process at random moments: the catalog
// must pass SQLite's integrity check and our consistency check every time,
// and finishing the job must give what one uninterrupted run gives.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "catalog/consistency.h"
#include "catalog/migrations.h"
#include "catalog_test_support.h"
#include "ingest/ingest.h"
#include "ingest/ingest_test_support.h"

using namespace rushes;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

pid_t startIngest(const fs::path& catalog_file, const fs::path& card) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Child: quiet, and a fresh process image of the real CLI.
        ::freopen("/dev/null", "w", stdout);
        ::freopen("/dev/null", "w", stderr);
        ::execl(RUSHES_CLI, RUSHES_CLI, "--catalog", catalog_file.c_str(), "ingest", "-j", "2", card.c_str(),
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

TEST_CASE("kill -9 during ingest never corrupts the catalog and a re-run completes it", "[ingest][crash]") {
    test::TempDir dir;
    const fs::path card = dir.path() / "card";
    test::makeCard(card, 2);

    // The reference: one uninterrupted run, also timing how long a run takes.
    const fs::path reference_file = dir.path() / "reference.db";
    const auto started = Clock::now();
    const int status = waitFor(startIngest(reference_file, card));
    const auto full_run = Clock::now() - started;
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 1);  // the broken fixtures are reported
    catalog::Database reference(reference_file);
    const test::AssetFacts expected = test::assetFacts(reference);
    REQUIRE(expected.size() > 10);

    std::mt19937 rng(Catch::rngSeed());
    const auto window_us = std::chrono::duration_cast<std::chrono::microseconds>(full_run).count();
    std::uniform_int_distribution<long> moment(0, std::max<long>(1, window_us));
    for (int run = 0; run < 20; ++run) {
        const fs::path catalog_file = dir.path() / ("killed_" + std::to_string(run) + ".db");
        const long kill_after_us = moment(rng);
        INFO("run " << run << ", killed after " << kill_after_us << " us");
        const pid_t pid = startIngest(catalog_file, card);
        std::this_thread::sleep_for(std::chrono::microseconds(kill_after_us));
        ::kill(pid, SIGKILL);
        waitFor(pid);
        if (!fs::exists(catalog_file)) continue;  // killed before it created the catalog

        catalog::Database db(catalog_file);
        CHECK(db.queryText("PRAGMA integrity_check") == std::optional<std::string>("ok"));
        catalog::migrate(db);  // a kill during the first migration leaves version 0: migrate again
        const auto violations = catalog::checkConsistency(db);
        INFO(catalog::describe(violations));
        CHECK(violations.empty());

        (void)ingest::ingestPaths(db, {card}, {});
        CHECK(test::assetFacts(db) == expected);
    }
}
