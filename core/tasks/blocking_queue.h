// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace rushes::tasks {

// A queue between worker threads and the one thread that owns a resource
// (the catalog connection): producers push, the owner pops until every
// producer has said it is done.
template <typename T>
class BlockingQueue {
public:
    explicit BlockingQueue(int producers) : producers_left_(producers) {}

    void push(T value) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back(std::move(value));
        }
        ready_.notify_one();
    }

    // Called once by each producer when it will push no more.
    void producerDone() {
        {
            std::lock_guard lock(mutex_);
            --producers_left_;
        }
        ready_.notify_all();
    }

    // The next item, or nothing once every producer is done and the queue is empty.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !items_.empty() || producers_left_ == 0; });
        if (items_.empty()) return std::nullopt;
        T value = std::move(items_.front());
        items_.pop_front();
        return value;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<T> items_;
    int producers_left_;
};

}  // namespace rushes::tasks
