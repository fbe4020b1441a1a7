// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/copy_pipeline.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "base/error.h"
#include "ingest/posix_file.h"

namespace rushes::ingest {
namespace fs = std::filesystem;
namespace {

// What the reader and the writers share for one file, guarded by `mutex`.
constexpr std::uint64_t kWritebackLag = 64 << 20;

struct Ring {
    std::mutex mutex;
    std::condition_variable_any changed;
    std::uint64_t published = 0;         // chunks the reader has filled, hashed and handed out
    bool finished = false;               // no more chunks will come
    bool cancelled = false;              // writers should stop at once
    std::vector<std::size_t> sizes;      // bytes in each slot's chunk
    std::vector<std::size_t> pending;    // writers that have not yet written each slot's chunk
};

void setModificationTime(int fd, std::int64_t mtime_ns, const fs::path& path) {
    const struct timespec times[2] = {{0, UTIME_OMIT},
                                      {static_cast<time_t>(mtime_ns / 1'000'000'000), static_cast<long>(mtime_ns % 1'000'000'000)}};
    if (::futimens(fd, times) != 0) {
        throw Error(ErrorKind::Io, path.string(), "cannot set the modification time: " + errnoText(errno));
    }
}

}  // namespace

CopyPipeline::CopyPipeline(std::size_t buffer_bytes, std::size_t buffer_count)
    : buffer_bytes_(buffer_bytes), buffers_(buffer_count) {
    if (buffer_bytes == 0 || buffer_count < 2) {
        throw Error(ErrorKind::InvalidArgument, "offload", "needs at least two buffers of at least one byte");
    }
    for (auto& buffer : buffers_) buffer.resize(buffer_bytes);
}

CopyOutcome CopyPipeline::copy(const fs::path& source, std::span<const fs::path> targets, std::int64_t mtime_ns,
                               HashAlgorithm algorithm, std::stop_token stop, const ChunkCallback& on_chunk) {
    CopyOutcome outcome;
    outcome.target_errors.resize(targets.size());
    UniqueFd input;
    try {
        input = openForReading(source);
    } catch (const Error& error) {
        outcome.source_error = error.reason();
        return outcome;
    }

    Ring ring;
    ring.sizes.assign(buffers_.size(), 0);
    ring.pending.assign(buffers_.size(), 0);
    std::size_t writer_count = 0;
    std::vector<std::jthread> writers;
    writers.reserve(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t) {
        UniqueFd output;
        try {
            output = openForWriting(targets[t]);
        } catch (const Error& error) {
            outcome.target_errors[t] = error.reason();
            continue;
        }
        ++writer_count;
        writers.emplace_back([this, &ring, &outcome, &targets, t, mtime_ns, fd = std::move(output)]() mutable {
            std::string& failure = outcome.target_errors[t];
            std::uint64_t written = 0;
            std::uint64_t settled = 0;  // bytes known to be on the device
            for (std::uint64_t chunk = 0;; ++chunk) {
                std::size_t slot = chunk % buffers_.size();
                std::size_t size = 0;
                {
                    std::unique_lock lock(ring.mutex);
                    ring.changed.wait(lock, [&] { return ring.published > chunk || ring.finished || ring.cancelled; });
                    if (ring.cancelled || ring.published <= chunk) break;
                    size = ring.sizes[slot];
                }
                // After a failure this writer keeps releasing buffers without writing, so the
                // reader and the other destinations go on.
                if (failure.empty()) {
                    try {
                        writeAll(fd.get(), std::span(buffers_[slot]).first(size), targets[t]);
                        // Writeback starts at once; waiting for what is a few chunks old keeps the
                        // dirty pages per destination bounded and the final fsync short, without
                        // making each write wait for the device.
                        startWriteback(fd.get(), written, size);
                        written += size;
                        if (written > settled + kWritebackLag) {
                            awaitWriteback(fd.get(), settled, written - kWritebackLag - settled);
                            settled = written - kWritebackLag;
                        }
                    } catch (const Error& error) {
                        failure = error.reason();
                    }
                }
                {
                    std::lock_guard lock(ring.mutex);
                    --ring.pending[slot];
                }
                ring.changed.notify_all();
            }
            bool cancelled = false;
            {
                std::lock_guard lock(ring.mutex);
                cancelled = ring.cancelled;
            }
            if (!failure.empty() || cancelled) return;
            try {
                setModificationTime(fd.get(), mtime_ns, targets[t]);
                syncFile(fd.get(), targets[t]);
                fd.close(targets[t]);
            } catch (const Error& error) {
                failure = error.reason();
            }
        });
    }

    StreamHasher hasher(algorithm);
    for (std::uint64_t chunk = 0;; ++chunk) {
        const std::size_t slot = chunk % buffers_.size();
        {
            std::unique_lock lock(ring.mutex);
            if (!ring.changed.wait(lock, stop, [&] { return ring.pending[slot] == 0; })) break;
        }
        if (stop.stop_requested()) break;
        std::size_t size = 0;
        try {
            size = readFull(input.get(), buffers_[slot], source);
        } catch (const Error& error) {
            outcome.source_error = error.reason();
            break;
        }
        hasher.update(std::span(buffers_[slot]).first(size));
        {
            std::lock_guard lock(ring.mutex);
            ring.sizes[slot] = size;
            ring.pending[slot] = writer_count;
            ring.published = chunk + 1;
        }
        ring.changed.notify_all();
        outcome.bytes_read += size;
        if (on_chunk) on_chunk(size);
        if (size < buffer_bytes_) break;  // the end of the file
    }
    outcome.cancelled = stop.stop_requested();
    {
        std::lock_guard lock(ring.mutex);
        ring.finished = true;
        // A failed read must not leave a short copy that looks finished: stop the writers too.
        ring.cancelled = outcome.cancelled || !outcome.source_error.empty();
    }
    ring.changed.notify_all();
    writers.clear();  // joins
    if (!outcome.cancelled && outcome.source_error.empty()) outcome.source_hash = hasher.finishHex();
    return outcome;
}

std::vector<ReadBackOutcome> readBackHashes(std::span<const fs::path> files, HashAlgorithm algorithm,
                                            std::size_t buffer_bytes, std::stop_token stop,
                                            const ChunkCallback& on_chunk) {
    std::vector<ReadBackOutcome> outcomes(files.size());
    // Bytes read by the other threads, handed to `on_chunk` by the calling thread.
    std::atomic<std::uint64_t> unreported{0};
    auto readOne = [&](std::size_t index, bool reporter) {
        ReadBackOutcome& outcome = outcomes[index];
        try {
            std::vector<std::byte> buffer(buffer_bytes);
            UniqueFd fd = openForReading(files[index]);
            dropCachedPages(fd.get());
            StreamHasher hasher(algorithm);
            while (true) {
                if (stop.stop_requested()) {
                    outcome.cancelled = true;
                    return;
                }
                const std::size_t size = readFull(fd.get(), buffer, files[index]);
                hasher.update(std::span(buffer).first(size));
                if (!reporter) {
                    unreported += size;
                } else if (on_chunk) {
                    on_chunk(size + unreported.exchange(0));
                }
                if (size < buffer.size()) break;
            }
            dropCachedPages(fd.get());  // a verified copy need not push the card's next files out of the cache
            outcome.hash = hasher.finishHex();
        } catch (const Error& error) {
            outcome.error = error.reason();
        }
    };
    {
        std::vector<std::jthread> others;
        for (std::size_t i = 1; i < files.size(); ++i) {
            others.emplace_back([&readOne, i] { readOne(i, false); });
        }
        if (!files.empty()) readOne(0, true);
    }
    if (on_chunk && unreported > 0) on_chunk(unreported.exchange(0));
    return outcomes;
}

}  // namespace rushes::ingest
