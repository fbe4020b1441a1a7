// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

namespace rushes::cli {

// Each subcommand registers its options and returns the function that runs
// it; main() owns the stop token and the exit code.
using CommandRunner = std::function<int(std::stop_token)>;

CommandRunner addProbeCommand(CLI::App& app);
CommandRunner addThumbnailsCommand(CLI::App& app);

}  // namespace rushes::cli
