// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace rushes {

// What went wrong, as a caller can act on it: a batch skips NotMedia quietly,
// reports Truncated to the logger, retries Io, and stops on Cancelled.
enum class ErrorKind {
    Empty,        // zero-length file
    Truncated,    // a container whose data stops before its own structure says it ends
    NotMedia,     // no known container, or no audio/video inside
    Unsupported,  // media we recognise but cannot decode, or a catalog written by a newer Rushes
    Unreadable,   // missing, a directory, or no permission
    Corrupt,      // recognised but damaged beyond use
    Cancelled,    // a stop token fired
    InvalidArgument,
    Io,
    NotFound,     // a catalog row that does not exist (or is a tombstone where a live row is needed)
    Conflict,     // a write that would break a uniqueness or integrity rule (e.g. a duplicate live tag name)
    Busy,         // the catalog is locked by another writer for longer than the busy timeout; retry later
    Internal,
};

[[nodiscard]] std::string_view toString(ErrorKind kind) noexcept;

// The one error type of core/: every error names its subject (a file, stream
// or row) and the reason, so a message can be shown to a user as it is.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string subject, std::string reason);

    [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
    [[nodiscard]] const std::string& subject() const noexcept { return subject_; }
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    ErrorKind kind_;
    std::string subject_;
    std::string reason_;
};

}  // namespace rushes
