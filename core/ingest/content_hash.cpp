// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/content_hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "base/error.h"

namespace rushes::ingest {
namespace {

constexpr std::size_t kChunkBytes = 4 << 20;
constexpr std::int64_t kFingerprintSpan = 1 << 20;

class FileDescriptor {
public:
    explicit FileDescriptor(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_ < 0) throw Error(ErrorKind::Unreadable, path.string(), std::strerror(errno));
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { ::close(fd_); }
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

std::size_t readFully(int fd, const std::filesystem::path& path, std::uint8_t* buffer, std::size_t bytes, off_t offset) {
    std::size_t done = 0;
    while (done < bytes) {
        const ssize_t got = ::pread(fd, buffer + done, bytes - done, offset + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw Error(ErrorKind::Io, path.string(), std::string("read failed: ") + std::strerror(errno));
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

std::string hex(const unsigned char* bytes, std::size_t count) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
    }
    return out;
}

std::string hex64(XXH64_hash_t value) {
    XXH64_canonical_t canonical;
    XXH64_canonicalFromHash(&canonical, value);
    return hex(canonical.digest, sizeof canonical.digest);
}

struct StateDeleter {
    void operator()(XXH3_state_t* state) const noexcept { XXH3_freeState(state); }
};

}  // namespace

std::string hashFileXxh3(const std::filesystem::path& path, std::stop_token stop,
                         const std::function<void(std::int64_t)>& on_bytes) {
    FileDescriptor file(path);
    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    if (!state) throw std::bad_alloc();
    XXH3_128bits_reset(state.get());
    std::vector<std::uint8_t> buffer(kChunkBytes);
    off_t offset = 0;
    for (;;) {
        if (stop.stop_requested()) throw Error(ErrorKind::Cancelled, path.string(), "cancelled while hashing");
        const std::size_t got = readFully(file.get(), path, buffer.data(), buffer.size(), offset);
        if (got == 0) break;
        XXH3_128bits_update(state.get(), buffer.data(), got);
        offset += static_cast<off_t>(got);
        if (on_bytes) on_bytes(static_cast<std::int64_t>(got));
    }
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state.get()));
    return hex(canonical.digest, sizeof canonical.digest);
}

std::string fingerprintFile(const std::filesystem::path& path) {
    FileDescriptor file(path);
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) throw Error(ErrorKind::Unreadable, path.string(), std::strerror(errno));
    const std::int64_t size = info.st_size;
    std::vector<std::uint8_t> buffer(static_cast<std::size_t>(std::min(size, kFingerprintSpan)));
    const std::size_t head = readFully(file.get(), path, buffer.data(), buffer.size(), 0);
    const std::string first = hex64(XXH3_64bits(buffer.data(), head));
    const off_t tail_at = static_cast<off_t>(std::max<std::int64_t>(0, size - kFingerprintSpan));
    const std::size_t tail = readFully(file.get(), path, buffer.data(), buffer.size(), tail_at);
    const std::string last = hex64(XXH3_64bits(buffer.data(), tail));
    char size_hex[32];
    std::snprintf(size_hex, sizeof size_hex, "%llx", static_cast<unsigned long long>(size));
    return std::string(size_hex) + "-" + first + "-" + last;
}

}  // namespace rushes::ingest
