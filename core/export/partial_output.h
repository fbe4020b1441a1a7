// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace rushes::exporting {

enum class ExistingOutput { Refuse, Replace };

// The file an export writes while it runs: a hidden, uniquely named file next to the destination (so the
// final rename is atomic), renamed onto the destination only by commit(). Destroying an uncommitted
// PartialOutput removes the file, so a cancel, an error or an exception leaves nothing behind.
class PartialOutput {
public:
    // Checks the folder up front (exists, is a folder, accepts a new file) and the destination (Refuse: must
    // not exist). Throws Error(Io) naming the folder, or Error(Conflict) naming the destination.
    PartialOutput(std::filesystem::path destination, ExistingOutput existing);
    PartialOutput(const PartialOutput&) = delete;
    PartialOutput& operator=(const PartialOutput&) = delete;
    ~PartialOutput();

    [[nodiscard]] const std::filesystem::path& destination() const noexcept { return destination_; }
    [[nodiscard]] const std::filesystem::path& partialPath() const noexcept { return partial_; }

    // Flushes the file to the device, renames it onto the destination and makes the rename durable.
    void commit();

private:
    std::filesystem::path destination_;
    std::filesystem::path partial_;
    ExistingOutput existing_;
    bool committed_ = false;
};

}  // namespace rushes::exporting
