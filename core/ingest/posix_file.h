// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plain POSIX file access for offload: std::fstream hides short writes, errno and fsync, which a
// copy that must survive pulling the card out right after it finishes cannot do without.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace rushes::ingest {

// Owns one file descriptor; closing is the destructor's job, so every early return and exception
// releases it. close() is also offered for writers that must see close's error (NFS reports there).
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
    int release() noexcept;
    // Closes now; throws Error(Io) naming `path` when the kernel reports a deferred write error.
    void close(const std::filesystem::path& path);

private:
    int fd_ = -1;
};

// "No such file or directory" etc. for the current errno (strerror is not thread-safe).
[[nodiscard]] std::string errnoText(int error_number);

// Opening for the copy: O_CLOEXEC always; read access advises sequential read-ahead.
[[nodiscard]] UniqueFd openForReading(const std::filesystem::path& path);
// Creates or truncates `path` (mode 0644 before umask).
[[nodiscard]] UniqueFd openForWriting(const std::filesystem::path& path);

// Reads until `buffer` is full or the file ends; returns the bytes read (fewer only at the end).
std::size_t readFull(int fd, std::span<std::byte> buffer, const std::filesystem::path& path);
// Writes every byte, retrying short writes and EINTR.
void writeAll(int fd, std::span<const std::byte> data, const std::filesystem::path& path);
void syncFile(int fd, const std::filesystem::path& path);
// Starts writeback of a range just written without waiting for it, so the final fsync finds
// little left to do and dirty pages do not pile up in memory (cp leaves all of it to the end).
void startWriteback(int fd, std::uint64_t offset, std::uint64_t length) noexcept;
// Waits until a range whose writeback was started has reached the device.
void awaitWriteback(int fd, std::uint64_t offset, std::uint64_t length) noexcept;
// Asks the kernel to drop the file's cached pages, so the next read comes from the device. Only
// clean pages go, which is why callers fsync first; a filesystem that ignores the hint still works.
void dropCachedPages(int fd) noexcept;
// fsync on the folder makes a rename inside it durable.
void syncFolder(const std::filesystem::path& folder);
// Renames without ever replacing an existing `to` (RENAME_NOREPLACE, or link+unlink where the
// filesystem lacks it). Throws Error(Conflict) when `to` exists.
void renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace rushes::ingest
