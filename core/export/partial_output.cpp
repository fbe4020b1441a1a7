// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/partial_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <random>
#include <system_error>

#include "base/error.h"
#include "ingest/posix_file.h"

namespace rushes::exporting {

namespace fs = std::filesystem;

PartialOutput::PartialOutput(fs::path destination, ExistingOutput existing)
    : destination_(fs::absolute(std::move(destination))), existing_(existing) {
    if (destination_.filename().empty()) {
        throw Error(ErrorKind::InvalidArgument, destination_.string(), "the output needs a file name");
    }
    const fs::path folder = destination_.parent_path();
    std::error_code ec;
    const fs::file_status status = fs::status(folder, ec);
    if (!fs::exists(status)) throw Error(ErrorKind::Io, folder.string(), "the output folder does not exist");
    if (!fs::is_directory(status)) throw Error(ErrorKind::Io, folder.string(), "the output folder is not a folder");
    if (fs::is_directory(destination_, ec)) {
        throw Error(ErrorKind::InvalidArgument, destination_.string(), "is a folder; give a file name");
    }
    if (existing_ == ExistingOutput::Refuse && fs::exists(fs::symlink_status(destination_, ec))) {
        throw Error(ErrorKind::Conflict, destination_.string(), "already exists (allow replacing it to overwrite)");
    }
    // Creating the file both reserves a unique name and proves the folder accepts a new file (permissions,
    // read-only mounts) before any decoding starts. Not mkstemp: its 0600 would survive the rename, and an
    // export should get the same permissions as any new file (0666 less the umask).
    std::random_device random;
    for (int attempt = 0;; ++attempt) {
        const fs::path candidate =
            folder / fmt::format(".{}.rushes-partial-{:08x}", destination_.filename().string(), random());
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            partial_ = candidate;
            return;
        }
        const int error = errno;
        if (error != EEXIST || attempt >= 16) {
            throw Error(ErrorKind::Io, folder.string(),
                        "cannot write in the output folder: " + ingest::errnoText(error));
        }
    }
}

PartialOutput::~PartialOutput() {
    if (!committed_) {
        std::error_code ignored;
        fs::remove(partial_, ignored);
    }
}

void PartialOutput::commit() {
    {
        // Any descriptor will do for fsync; the muxer has closed its own.
        const int fd = ::open(partial_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(ErrorKind::Io, partial_.string(), "cannot reopen to flush: " + ingest::errnoText(errno));
        ingest::UniqueFd owned(fd);
        ingest::syncFile(owned.get(), destination_);
    }
    if (existing_ == ExistingOutput::Replace) {
        std::error_code ec;
        fs::rename(partial_, destination_, ec);
        if (ec)
            throw Error(ErrorKind::Io, destination_.string(),
                        "cannot rename the finished file into place: " + ec.message());
    } else {
        ingest::renameNoReplace(partial_, destination_);
    }
    committed_ = true;
    ingest::syncFolder(destination_.parent_path());
}

}  // namespace rushes::exporting
