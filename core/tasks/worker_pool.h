// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <stop_token>
#include <thread>
#include <vector>

namespace rushes::tasks {

// N threads running the same job function until it returns; their stop
// token fires when the caller's token does or when the pool is destroyed,
// and the destructor joins them, so no worker outlives the data it reads.
class WorkerPool {
public:
    using Job = std::function<void(std::stop_token)>;

    WorkerPool(int threads, std::stop_token outer, const Job& job);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool();

    void requestStop() noexcept { stop_.request_stop(); }

    // A thread count for "0 = one per core", never less than one.
    static int resolveThreadCount(int requested) noexcept;

private:
    std::stop_source stop_;
    std::stop_callback<std::function<void()>> forward_stop_;
    std::vector<std::jthread> threads_;
};

}  // namespace rushes::tasks
