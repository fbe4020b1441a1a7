// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasks/worker_pool.h"

namespace rushes::tasks {

WorkerPool::WorkerPool(int threads, std::stop_token outer, const Job& job)
    : forward_stop_(std::move(outer), std::function<void()>([this] { stop_.request_stop(); })) {
    const int count = resolveThreadCount(threads);
    threads_.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        threads_.emplace_back([job, token = stop_.get_token()] { job(token); });
    }
}

WorkerPool::~WorkerPool() {
    stop_.request_stop();
    for (auto& thread : threads_) thread.join();
}

int WorkerPool::resolveThreadCount(int requested) noexcept {
    if (requested > 0) return requested;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? static_cast<int>(cores) : 1;
}

}  // namespace rushes::tasks
