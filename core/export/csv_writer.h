// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "export/timeline.h"

namespace rushes::exporting {

// One RFC 4180 field: quoted (with inner quotes doubled) when it holds a comma, quote, CR or LF.
[[nodiscard]] std::string csvField(std::string_view text);

// A spreadsheet-safe text field: a value an editor typed that starts with =, +, -, @, tab or CR gets a leading
// apostrophe, so Excel, LibreOffice and Sheets show it instead of running it as a formula (OWASP's CSV
// injection advice). Applied to free text only (names, paths, reels, tags, notes), never to numbers or
// timecodes.
[[nodiscard]] std::string spreadsheetText(std::string_view text);

// A header row, then one row per clip, every line ending CRLF (RFC 4180): event, segment id, clip name, source
// file, reel, kind, rating, tags ("; "-separated), note, source frame rate (exact, "30000/1001"), source and
// record timecode format (DF/NDF), source in/out and record in/out as timecode and as frame numbers, and the
// duration in frames. Out points are exclusive, as in EDLs.
[[nodiscard]] std::string writeCsv(const Timeline& timeline);

}  // namespace rushes::exporting
