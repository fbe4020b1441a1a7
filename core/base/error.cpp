// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/error.h"

namespace rushes {

std::string_view toString(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::Empty: return "empty";
        case ErrorKind::Truncated: return "truncated";
        case ErrorKind::NotMedia: return "not_media";
        case ErrorKind::Unsupported: return "unsupported";
        case ErrorKind::Unreadable: return "unreadable";
        case ErrorKind::Corrupt: return "corrupt";
        case ErrorKind::Cancelled: return "cancelled";
        case ErrorKind::InvalidArgument: return "invalid_argument";
        case ErrorKind::Io: return "io";
        case ErrorKind::NotFound: return "not_found";
        case ErrorKind::Conflict: return "conflict";
        case ErrorKind::Busy: return "busy";
        case ErrorKind::Internal: return "internal";
    }
    return "internal";
}

Error::Error(ErrorKind kind, std::string subject, std::string reason)
    : std::runtime_error(subject.empty() ? reason : subject + ": " + reason),
      kind_(kind),
      subject_(std::move(subject)),
      reason_(std::move(reason)) {}

}  // namespace rushes
