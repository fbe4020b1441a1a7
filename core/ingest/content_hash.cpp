// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/content_hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

#include "base/error.h"
#include "ingest/hashing.h"
#include "ingest/posix_file.h"

namespace rushes::ingest {
namespace {

constexpr std::size_t kChunkBytes = 4 << 20;
constexpr std::int64_t kFingerprintSpan = 1 << 20;

std::size_t readAt(int fd, const std::filesystem::path& path, std::span<std::byte> buffer, off_t offset) {
    std::size_t done = 0;
    while (done < buffer.size()) {
        const ssize_t got = ::pread(fd, buffer.data() + done, buffer.size() - done, offset + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw Error(ErrorKind::Io, path.string(), "read failed: " + errnoText(errno));
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

std::string xxh3_64Hex(std::span<const std::byte> data) {
    XXH64_canonical_t canonical;
    XXH64_canonicalFromHash(&canonical, XXH3_64bits(data.data(), data.size()));
    std::string out;
    for (unsigned char byte : canonical.digest) {
        out += "0123456789abcdef"[byte >> 4];
        out += "0123456789abcdef"[byte & 15];
    }
    return out;
}

}  // namespace

std::string hashFileXxh3(const std::filesystem::path& path, std::stop_token stop,
                         const std::function<void(std::int64_t)>& on_bytes) {
    const UniqueFd file = openForReading(path);
    StreamHasher hasher(HashAlgorithm::Xxh3_128);
    std::vector<std::byte> buffer(kChunkBytes);
    for (;;) {
        if (stop.stop_requested()) throw Error(ErrorKind::Cancelled, path.string(), "cancelled while hashing");
        const std::size_t got = readFull(file.get(), buffer, path);
        if (got == 0) break;
        hasher.update(std::span(buffer).first(got));
        if (on_bytes) on_bytes(static_cast<std::int64_t>(got));
    }
    return hasher.finishHex();
}

std::string fingerprintFile(const std::filesystem::path& path) {
    const UniqueFd file = openForReading(path);
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) throw Error(ErrorKind::Unreadable, path.string(), errnoText(errno));
    const std::int64_t size = info.st_size;
    std::vector<std::byte> buffer(static_cast<std::size_t>(std::min(size, kFingerprintSpan)));
    const std::size_t head = readAt(file.get(), path, buffer, 0);
    const std::string first = xxh3_64Hex(std::span(buffer).first(head));
    const off_t tail_at = static_cast<off_t>(std::max<std::int64_t>(0, size - kFingerprintSpan));
    const std::size_t tail = readAt(file.get(), path, buffer, tail_at);
    const std::string last = xxh3_64Hex(std::span(buffer).first(tail));
    char size_hex[32];
    std::snprintf(size_hex, sizeof size_hex, "%llx", static_cast<unsigned long long>(size));
    return std::string(size_hex) + "-" + first + "-" + last;
}

}  // namespace rushes::ingest
