// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/posix_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "base/error.h"

namespace rushes::ingest {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

void UniqueFd::close(const std::filesystem::path& path) {
    const int fd = release();
    if (fd >= 0 && ::close(fd) != 0 && errno != EINTR) {
        throw Error(ErrorKind::Io, path.string(), "close failed: " + errnoText(errno));
    }
}

std::string errnoText(int error_number) {
    char buffer[256] = {};
    // GNU strerror_r returns the message, which may or may not live in `buffer`.
    return ::strerror_r(error_number, buffer, sizeof buffer);
}

UniqueFd openForReading(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        const int error_number = errno;
        const ErrorKind kind = error_number == ENOENT ? ErrorKind::NotFound : ErrorKind::Unreadable;
        throw Error(kind, path.string(), "cannot open for reading: " + errnoText(error_number));
    }
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    return fd;
}

UniqueFd openForWriting(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) throw Error(ErrorKind::Io, path.string(), "cannot create: " + errnoText(errno));
    return fd;
}

std::size_t readFull(int fd, std::span<std::byte> buffer, const std::filesystem::path& path) {
    std::size_t total = 0;
    while (total < buffer.size()) {
        const ssize_t n = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorKind::Io, path.string(), "read failed: " + errnoText(errno));
        }
        total += static_cast<std::size_t>(n);
    }
    return total;
}

void writeAll(int fd, std::span<const std::byte> data, const std::filesystem::path& path) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorKind::Io, path.string(), "write failed: " + errnoText(errno));
        }
        done += static_cast<std::size_t>(n);
    }
}

void syncFile(int fd, const std::filesystem::path& path) {
    if (::fsync(fd) != 0) throw Error(ErrorKind::Io, path.string(), "fsync failed: " + errnoText(errno));
}

void startWriteback(int fd, std::uint64_t offset, std::uint64_t length) noexcept {
    // A hint only: filesystems without it (some FUSE, NFS) fall back to the final fsync.
    ::sync_file_range(fd, static_cast<off64_t>(offset), static_cast<off64_t>(length), SYNC_FILE_RANGE_WRITE);
}

void awaitWriteback(int fd, std::uint64_t offset, std::uint64_t length) noexcept {
    ::sync_file_range(fd, static_cast<off64_t>(offset), static_cast<off64_t>(length),
                      SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
}

void dropCachedPages(int fd) noexcept { ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); }

void syncFolder(const std::filesystem::path& folder) {
    UniqueFd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) throw Error(ErrorKind::Io, folder.string(), "cannot open folder to sync: " + errnoText(errno));
    // Some filesystems (FAT via FUSE, some network mounts) refuse fsync on a folder: the rename is
    // still done, only its durability is the filesystem's business then.
    if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != ENOTSUP) {
        throw Error(ErrorKind::Io, folder.string(), "fsync of folder failed: " + errnoText(errno));
    }
}

void renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
    int error_number = errno;
    if (error_number == EINVAL || error_number == ENOSYS || error_number == ENOTSUP) {
        // exFAT and some FUSE filesystems lack RENAME_NOREPLACE; link() fails on an existing name too.
        if (::link(from.c_str(), to.c_str()) == 0) {
            ::unlink(from.c_str());
            return;
        }
        error_number = errno;
        if (error_number != EEXIST) {
            // No hard links either (exFAT): check, then rename. The window between the two is the
            // filesystem's limit; the caller already checked before copying.
            struct stat existing {};
            if (::lstat(to.c_str(), &existing) == 0) {
                error_number = EEXIST;
            } else if (::rename(from.c_str(), to.c_str()) == 0) {
                return;
            } else {
                error_number = errno;
            }
        }
    }
    if (error_number == EEXIST) {
        throw Error(ErrorKind::Conflict, to.string(), "appeared while copying; not overwritten");
    }
    throw Error(ErrorKind::Io, to.string(), "cannot rename the finished copy into place: " + errnoText(error_number));
}

}  // namespace rushes::ingest
