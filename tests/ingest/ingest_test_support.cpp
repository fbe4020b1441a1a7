// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ingest_test_support.h"

#include <fstream>

#include "support/fixtures.h"

namespace rushes::test {

void makeCard(const std::filesystem::path& card, int copies) {
    namespace fs = std::filesystem;
    for (int copy = 0; copy < copies; ++copy) {
        const fs::path folder = card / ("DCIM_" + std::to_string(copy)) / "CLIPS";
        fs::create_directories(folder);
        for (const auto& truth : allTruths()) {
            const std::string name = truth.at("file");
            // Distinct names per copy; identical content is what dedup must notice.
            fs::copy_file(fixturePath(name), folder / (std::to_string(copy) + "_" + name));
        }
    }
    std::ofstream(card / "clip_notes.xml") << "<notes/>";
    std::ofstream(card / ".DS_Store") << "junk";
}

AssetFacts assetFacts(catalog::Database& db) {
    AssetFacts facts;
    auto stmt = db.prepare("SELECT rel_path, coalesce(content_hash, ''), status FROM asset WHERE deleted = 0");
    while (stmt.step()) facts.emplace(stmt.textAt(0), stmt.textAt(1), stmt.textAt(2));
    return facts;
}

}  // namespace rushes::test
