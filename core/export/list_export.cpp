// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/list_export.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

#include "base/error.h"
#include "export/csv_writer.h"
#include "export/edl_writer.h"
#include "export/fcpxml_writer.h"
#include "export/otio_writer.h"
#include "export/xmeml_writer.h"
#include "ingest/posix_file.h"

namespace rushes::exporting {

std::string_view toString(ListFormat format) noexcept {
    switch (format) {
        case ListFormat::Edl: return "edl";
        case ListFormat::Xmeml: return "xmeml";
        case ListFormat::Fcpxml: return "fcpxml";
        case ListFormat::Otio: return "otio";
        case ListFormat::Csv: return "csv";
    }
    return "edl";
}

std::optional<ListFormat> parseListFormat(std::string_view text) noexcept {
    for (auto format : {ListFormat::Edl, ListFormat::Xmeml, ListFormat::Fcpxml, ListFormat::Otio, ListFormat::Csv}) {
        if (text == toString(format)) return format;
    }
    return std::nullopt;
}

std::string renderList(const Timeline& timeline, ListFormat format) {
    switch (format) {
        case ListFormat::Edl: return writeEdl(timeline);
        case ListFormat::Xmeml: return writeXmeml(timeline);
        case ListFormat::Fcpxml: return writeFcpxml(timeline);
        case ListFormat::Otio: return writeOtio(timeline);
        case ListFormat::Csv: return writeCsv(timeline);
    }
    return {};
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (path.filename().empty()) throw Error(ErrorKind::InvalidArgument, path.string(), "needs a file name");
    // mkstemp makes the temporary name unique and opens it O_EXCL: no race with another export.
    std::string pattern = (folder / fmt::format(".{}.rushes-partial-XXXXXX", path.filename().string())).string();
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        throw Error(error == EACCES || error == EROFS || error == ENOENT ? ErrorKind::Unreadable : ErrorKind::Io,
                    path.string(),
                    fmt::format("cannot create a file in {}: {}", folder.string(), ingest::errnoText(error)));
    }
    const fs::path temporary = pattern;
    ingest::UniqueFd file(fd);
    try {
        ingest::writeAll(file.get(), std::as_bytes(std::span(content.data(), content.size())), temporary);
        ingest::syncFile(file.get(), temporary);
        // mkstemp creates 0600; a list is a document others open.
        if (::fchmod(file.get(), 0644) != 0) {
            throw Error(ErrorKind::Io, temporary.string(), "chmod: " + ingest::errnoText(errno));
        }
        file.close(temporary);
        fs::rename(temporary, path);
        ingest::syncFolder(folder);
    } catch (const fs::filesystem_error& error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error(ErrorKind::Io, path.string(), error.code().message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

}  // namespace rushes::exporting
