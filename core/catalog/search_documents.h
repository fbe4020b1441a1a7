// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Since schema version 6, each kind of row the full-text index holds numbers its documents
// (search_doc.doc = search_text.rowid) in its own range, so an FTS5 query narrowed by rowid finds only
// notes, or only file names, without looking up the kind of every hit. Catalogs store these numbers:
// never change them.
#include <cstdint>
#include <string_view>

namespace rushes::catalog {

struct DocumentRange {
    std::string_view kind;  // search_doc.kind
    int64_t first = 0;      // the first document id of the range
    int64_t end = 0;        // one past the last
};

inline constexpr int64_t kDocumentRangeSize = int64_t(1) << 40;
inline constexpr DocumentRange kAssetDocuments{"asset", 1 * kDocumentRangeSize, 2 * kDocumentRangeSize};
inline constexpr DocumentRange kTagDocuments{"tag", 2 * kDocumentRangeSize, 3 * kDocumentRangeSize};
inline constexpr DocumentRange kNoteDocuments{"segment", 3 * kDocumentRangeSize, 4 * kDocumentRangeSize};

}  // namespace rushes::catalog
