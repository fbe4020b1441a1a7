// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "export/timeline.h"

namespace rushes::exporting {

enum class ListFormat { Edl, Xmeml, Fcpxml, Otio, Csv };

[[nodiscard]] std::string_view toString(ListFormat format) noexcept;  // "edl", "xmeml", …
[[nodiscard]] std::optional<ListFormat> parseListFormat(std::string_view text) noexcept;

// The timeline in that format (edl_writer.h, xmeml_writer.h, fcpxml_writer.h, otio_writer.h, csv_writer.h).
[[nodiscard]] std::string renderList(const Timeline& timeline, ListFormat format);

// Writes `content` to a new temporary file beside `path`, flushes it to the disk and renames it over `path`,
// so a reader never sees half a list and a failure (full disk, unwritable folder) leaves no file behind.
// Throws Error(Io / Unreadable) naming the path and the system's reason.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

}  // namespace rushes::exporting
