// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 2: indexes for search (docs/search.md), measured with bench_catalog_search on 1,000,000
// segments. No table changes.
#include "catalog/migration_steps.h"

namespace rushes::catalog::steps {

std::string schemaV2Sql() {
    return R"sql(
-- Results come best score first, ties by id (SearchOrder::Score). Walking this index gives them in order, so
-- a broad query stops after the first page instead of sorting every match; unscored rows are included
-- (unlike segment_score), so the empty query is served too.
CREATE INDEX segment_live_order ON segment(score DESC, id) WHERE deleted = 0;
-- tag:NAME looks tags up by key across projects when no project is given.
CREATE INDEX tag_live_key ON tag(name_key) WHERE deleted = 0;
)sql";
}

}  // namespace rushes::catalog::steps
