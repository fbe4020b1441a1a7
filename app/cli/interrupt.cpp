// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/interrupt.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace rushes::cli {
namespace {

volatile std::sig_atomic_t g_signalled = 0;

extern "C" void onSignal(int) { g_signalled = 1; }

}  // namespace

InterruptRelay::InterruptRelay() {
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    relay_ = std::jthread([this](std::stop_token self) {
        while (!self.stop_requested()) {
            if (g_signalled) {
                source_.request_stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
}

InterruptRelay::~InterruptRelay() {
    relay_.request_stop();
    relay_.join();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

}  // namespace rushes::cli
