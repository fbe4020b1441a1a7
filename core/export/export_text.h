// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text as the interchange formats need it: catalog text (notes, tags, file names) is whatever an editor
// typed or a card carried, and one stray byte must not make a list unreadable.
#include <filesystem>
#include <string>
#include <string_view>

namespace rushes::exporting {

// The text with every invalid UTF-8 sequence replaced by U+FFFD, so JSON and XML writers never see one.
[[nodiscard]] std::string validUtf8(std::string_view text);

// validUtf8, and every control character (newlines, tabs, NUL, DEL) turned into one space: for line-based
// formats (EDL comments) and XML, which cannot carry most control characters at all.
[[nodiscard]] std::string singleLine(std::string_view text);

// A file URL: "file://" [host] + the path with every byte outside RFC 3986's unreserved set and '/'
// percent-encoded (UTF-8 names stay intact, spaces and '#' cannot break the URL). A relative path (an
// asset whose volume has no known mount point) becomes a relative reference with no scheme, which FCPXML
// and OTIO resolve against the list's own folder.
enum class UrlHost { None, Localhost };  // FCP7 XML writes file://localhost/…, the others file:///…
[[nodiscard]] std::string fileUrl(const std::filesystem::path& path, UrlHost host = UrlHost::None);

}  // namespace rushes::exporting
