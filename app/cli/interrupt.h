// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stop_token>
#include <thread>

namespace rushes::cli {

// Turns Ctrl-C (SIGINT) and SIGTERM into a stop request that every long core
// call already honours. The signal handler only sets a flag; a small thread
// relays it, because request_stop() is not async-signal-safe.
class InterruptRelay {
public:
    InterruptRelay();
    ~InterruptRelay();
    InterruptRelay(const InterruptRelay&) = delete;
    InterruptRelay& operator=(const InterruptRelay&) = delete;

    [[nodiscard]] std::stop_token token() const { return source_.get_token(); }
    [[nodiscard]] bool interrupted() const { return source_.stop_requested(); }

private:
    std::stop_source source_;
    std::jthread relay_;
};

}  // namespace rushes::cli
