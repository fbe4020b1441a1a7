// SPDX-License-Identifier: GPL-3.0-or-later
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "base/error.h"
#include "ingest/hashing.h"
#include "ingest/mhl_writer.h"
#include "ingest/offload.h"
#include "ingest/offload_test_support.h"

using namespace rushes;
using namespace rushes::ingest;
namespace fs = std::filesystem;

namespace {

OffloadOptions smallBuffers() {
    OffloadOptions options;
    options.buffer_bytes = 256 << 10;  // several chunks per clip, so the ring really turns over
    options.buffer_count = 3;
    return options;
}

const FileAtDestination& outcomeOf(const OffloadReport& report, const fs::path& relative, std::size_t destination) {
    for (const OffloadedFile& file : report.files) {
        if (file.relative == relative) return file.destinations.at(destination);
    }
    FAIL("no report entry for " << relative);
    throw std::logic_error("unreachable");
}

fs::path onlyManifest(const fs::path& root) {
    std::vector<fs::path> manifests;
    for (const auto& entry : fs::directory_iterator(root / "ascmhl")) {
        if (entry.path().extension() == ".mhl") manifests.push_back(entry.path());
    }
    REQUIRE(manifests.size() == 1);
    return manifests.front();
}

}  // namespace

TEST_CASE("md5, sha1, xxh64, xxh128 and C4 match their published test vectors", "[ingest]") {
    CHECK(hashTextHex(HashAlgorithm::Md5, "abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hashTextHex(HashAlgorithm::Md5, "") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hashTextHex(HashAlgorithm::Sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hashTextHex(HashAlgorithm::Sha1, "") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(hashTextHex(HashAlgorithm::Xxh64, "abc") == "44bc2cf5ad770999");  // as xxhsum prints it
    CHECK(hashTextHex(HashAlgorithm::Xxh64, "") == "ef46db3751d8e999");
    CHECK(hashTextHex(HashAlgorithm::Xxh3_128, "") == "99aa06d3014798d86001c324468d497f");
    CHECK(c4Id({}) ==
          "c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT");
}

TEST_CASE("a stream hashed in pieces equals the whole", "[ingest]") {
    const std::string text(1 << 20, 'x');
    for (HashAlgorithm algorithm : {HashAlgorithm::Xxh64, HashAlgorithm::Xxh3_128, HashAlgorithm::Md5, HashAlgorithm::Sha1}) {
        StreamHasher hasher(algorithm);
        const auto bytes = std::as_bytes(std::span(text.data(), text.size()));
        hasher.update(bytes.first(1000));
        hasher.update(bytes.subspan(1000));
        CHECK(hasher.finishHex() == hashTextHex(algorithm, text));
    }
}

TEST_CASE("XML escaping keeps Unicode and escapes markup; bytes XML cannot carry become U+FFFD", "[ingest]") {
    CHECK(escapeXml("A&B <c> \"d\" 'e'") == "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    CHECK(escapeXml("Übersicht 日本 🎬") == "Übersicht 日本 🎬");
    CHECK(escapeXml("tab\there") == "tab&#9;here");
    CHECK(escapeXml(std::string("bad\xff") + "\x01") == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("offload copies a card to two destinations byte for byte, without OS junk", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path());
    const fs::path dest_a = scratch.path() / "shuttle_a";
    const fs::path dest_b = scratch.path() / "raid" / "day01";
    const OffloadReport report = offload(card.root, {dest_a, dest_b}, smallBuffers());

    REQUIRE(report.ok());
    CHECK(report.problems().empty());
    REQUIRE(report.files.size() == card.files.size());
    REQUIRE(report.destinations.size() == 2);
    CHECK(report.destinations[0].root == dest_a / "A001_CARD");
    for (const fs::path& root : {dest_a / "A001_CARD", dest_b / "A001_CARD"}) {
        for (const auto& [relative, content] : card.files) {
            INFO(relative);
            REQUIRE(fs::exists(root / relative));
            CHECK(test::readWholeFile(root / relative) == content);
            // The copy keeps the camera's modification time, which ingest and NLEs rely on.
            struct stat source_stat {}, copy_stat {};
            REQUIRE(::stat((card.root / relative).c_str(), &source_stat) == 0);
            REQUIRE(::stat((root / relative).c_str(), &copy_stat) == 0);
            CHECK(copy_stat.st_mtim.tv_sec == source_stat.st_mtim.tv_sec);
            CHECK(copy_stat.st_mtim.tv_nsec == source_stat.st_mtim.tv_nsec);
        }
        for (const fs::path& relative : card.junk) CHECK_FALSE(fs::exists(root / relative));
        for (const fs::path& relative : card.empty_folders) CHECK(fs::is_directory(root / relative));
        CHECK(test::partialFilesUnder(root).empty());
    }
    for (const OffloadedFile& file : report.files) {
        INFO(file.relative);
        CHECK(file.source_hash == hashTextHex(HashAlgorithm::Xxh64, card.files.at(file.relative)));
        for (const FileAtDestination& at : file.destinations) {
            CHECK(at.outcome == DestinationOutcome::Verified);
            CHECK(at.destination_hash == file.source_hash);
        }
    }
    CHECK(report.bytes_read == report.bytes_written / 2);
    CHECK(report.skipped.size() >= 4);
}

TEST_CASE("each destination gets a well-formed ASC MHL manifest listing every file with its hash", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 1 << 20);
    OffloadOptions options = smallBuffers();
    options.hash = HashAlgorithm::Md5;
    const OffloadReport report = offload(card.root, {scratch.path() / "a", scratch.path() / "b"}, options);
    REQUIRE(report.ok());
    for (const DestinationSummary& destination : report.destinations) {
        const fs::path manifest = onlyManifest(destination.root);
        CHECK(manifest == destination.manifest);
        CHECK(manifest.filename().string().starts_with("0001_A001_CARD_"));
        const std::map<std::string, std::string> listed = test::parseMhlWithPython(manifest, "md5");
        REQUIRE(listed.size() == card.files.size());
        for (const auto& [relative, content] : card.files) {
            INFO(relative);
            REQUIRE(listed.count(relative.generic_string()) == 1);
            CHECK(listed.at(relative.generic_string()) == hashTextHex(HashAlgorithm::Md5, content));
        }
        const std::vector<std::string> chain = test::parseChainWithPython(destination.root / "ascmhl" / "ascmhl_chain.xml");
        REQUIRE(chain.size() == 1);
        const std::string manifest_bytes = test::readWholeFile(manifest);
        CHECK(chain[0] == "1 " + manifest.filename().string() + " " +
                              c4Id(std::as_bytes(std::span(manifest_bytes.data(), manifest_bytes.size()))));
    }
}

TEST_CASE("a byte flipped at one destination after the copy is caught and named as a mismatch", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path());
    OffloadOptions options = smallBuffers();
    options.after_copy = [&](const fs::path& relative, std::size_t destination, const fs::path& written) {
        if (relative != card.big_clip || destination != 1) return;
        std::fstream file(written, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(123456);
        file.put('\x5a' ^ card.files.at(card.big_clip)[123456]);
    };
    const OffloadReport report = offload(card.root, {scratch.path() / "a", scratch.path() / "b"}, options);

    CHECK_FALSE(report.ok());
    CHECK(outcomeOf(report, card.big_clip, 0).outcome == DestinationOutcome::Verified);
    const FileAtDestination& bad = outcomeOf(report, card.big_clip, 1);
    CHECK(bad.outcome == DestinationOutcome::Mismatch);
    CHECK(bad.destination_hash != hashTextHex(HashAlgorithm::Xxh64, card.files.at(card.big_clip)));
    const fs::path bad_copy = scratch.path() / "b" / "A001_CARD" / card.big_clip;
    const std::vector<std::string> problems = report.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find(bad_copy.string()) != std::string::npos);
    CHECK(problems[0].find("mismatch") != std::string::npos);
    // A copy that failed verification never carries the real name, and leaves no partial.
    CHECK_FALSE(fs::exists(bad_copy));
    CHECK(test::partialFilesUnder(scratch.path() / "b").empty());
    // The manifest lists only what is good there.
    const auto listed = test::parseMhlWithPython(report.destinations[1].manifest, "xxh64");
    CHECK(listed.count(card.big_clip.generic_string()) == 0);
    CHECK(listed.size() == card.files.size() - 1);
}

TEST_CASE("an existing different file at a destination is never overwritten", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 1 << 20);
    const fs::path root = scratch.path() / "a" / "A001_CARD";
    const fs::path same_size = "PRIVATE/AVCHD/BDMV/CLIPINF/00001.CPI";  // 300 bytes on the card
    const fs::path other_size = "PRIVATE/M4ROOT/MEDIAPRO.XML";
    test::writeWholeFile(root / same_size, std::string(300, 'Z'));
    test::writeWholeFile(root / other_size, "someone else's file");

    const OffloadReport report = offload(card.root, {scratch.path() / "a"}, smallBuffers());
    CHECK_FALSE(report.ok());
    CHECK(outcomeOf(report, same_size, 0).outcome == DestinationOutcome::Conflict);
    CHECK(outcomeOf(report, other_size, 0).outcome == DestinationOutcome::Conflict);
    CHECK(test::readWholeFile(root / same_size) == std::string(300, 'Z'));
    CHECK(test::readWholeFile(root / other_size) == "someone else's file");
    CHECK(outcomeOf(report, card.big_clip, 0).outcome == DestinationOutcome::Verified);
    CHECK(report.problems().size() == 2);
    CHECK(test::partialFilesUnder(root).empty());
}

TEST_CASE("an existing identical file is skipped as already there and verified", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 1 << 20);
    const fs::path dest = scratch.path() / "a";
    REQUIRE(offload(card.root, {dest}, smallBuffers()).ok());

    const OffloadReport again = offload(card.root, {dest}, smallBuffers());
    REQUIRE(again.ok());
    CHECK(again.bytes_written == 0);
    for (const OffloadedFile& file : again.files) {
        INFO(file.relative);
        CHECK(file.destinations[0].outcome == DestinationOutcome::AlreadyPresent);
    }
    // The second run is the second generation of the card's MHL history.
    const auto chain = test::parseChainWithPython(dest / "A001_CARD" / "ascmhl" / "ascmhl_chain.xml");
    REQUIRE(chain.size() == 2);
    CHECK(chain[1].starts_with("2 0002_A001_CARD_"));
    CHECK(test::readWholeFile(again.destinations[0].manifest).find("action=\"verified\"") != std::string::npos);
}

TEST_CASE("a cancel in the middle of a copy leaves no partial file and no manifest", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 4 << 20);
    std::stop_source stop;
    OffloadOptions options = smallBuffers();
    options.buffer_bytes = 64 << 10;
    bool saw_partial = false;
    const auto progress = [&](const OffloadProgress& state) {
        if (state.current == card.big_clip && state.bytes_read > (2 << 20)) {
            saw_partial = !test::partialFilesUnder(scratch.path() / "a").empty();
            stop.request_stop();
        }
    };
    try {
        (void)offload(card.root, {scratch.path() / "a", scratch.path() / "b"}, options, stop.get_token(), progress);
        FAIL("offload finished despite the cancel");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Cancelled);
    }
    CHECK(saw_partial);  // the cancel really came mid-copy
    CHECK(test::partialFilesUnder(scratch.path()).empty());
    CHECK_FALSE(fs::exists(scratch.path() / "a" / "A001_CARD" / card.big_clip));
    CHECK_FALSE(fs::exists(scratch.path() / "a" / "A001_CARD" / "ascmhl"));
}

TEST_CASE("an unwritable destination is a clear error naming its folder; the other one goes on", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 1 << 20);
    // Root ignores permission bits, so the unwritable folder here is one below a regular file.
    test::writeWholeFile(scratch.path() / "not_a_folder", "x");
    fs::path unwritable = scratch.path() / "not_a_folder" / "dest";
    if (::geteuid() != 0) {
        unwritable = scratch.path() / "locked";
        fs::create_directories(unwritable);
        fs::permissions(unwritable, fs::perms::owner_read | fs::perms::owner_exec);
    }
    const OffloadReport report = offload(card.root, {scratch.path() / "good", unwritable}, smallBuffers());
    CHECK_FALSE(report.ok());
    CHECK(report.destinations[0].error.empty());
    CHECK(report.destinations[0].good == static_cast<int>(card.files.size()));
    const std::string& error = report.destinations[1].error;
    INFO(error);
    CHECK(error.find(unwritable.parent_path().string()) != std::string::npos);
    CHECK(error.find("cannot") != std::string::npos);
    CHECK(outcomeOf(report, card.big_clip, 1).outcome == DestinationOutcome::Failed);
}

TEST_CASE("a single file lands directly in the destination folder", "[ingest]") {
    test::ScratchDir scratch;
    test::writeWholeFile(scratch.path() / "src" / "clip.mov", "frames");
    OffloadOptions options;
    options.hash = HashAlgorithm::Sha1;
    const OffloadReport report = offload(scratch.path() / "src" / "clip.mov", {scratch.path() / "dst"}, options);
    REQUIRE(report.ok());
    CHECK(test::readWholeFile(scratch.path() / "dst" / "clip.mov") == "frames");
    CHECK(report.files.at(0).source_hash == hashTextHex(HashAlgorithm::Sha1, "frames"));
    CHECK(fs::exists(scratch.path() / "dst" / "ascmhl" / "ascmhl_chain.xml"));
}

TEST_CASE("a destination inside the source is refused before anything is written", "[ingest]") {
    test::ScratchDir scratch;
    const test::FakeCard card = test::makeFakeCard(scratch.path(), 1000);
    CHECK_THROWS_AS(offload(card.root, {card.root / "backup"}, {}), Error);
    CHECK_FALSE(fs::exists(card.root / "backup"));
}
