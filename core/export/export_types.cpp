// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/export_types.h"

namespace rushes::exporting {

std::string_view toString(ExportMode mode) noexcept {
    switch (mode) {
        case ExportMode::Copy: return "copy";
        case ExportMode::Smart: return "smart";
        case ExportMode::Encode: return "encode";
    }
    return "copy";
}

std::optional<ExportMode> parseExportMode(std::string_view text) noexcept {
    if (text == "copy") return ExportMode::Copy;
    if (text == "smart") return ExportMode::Smart;
    if (text == "encode") return ExportMode::Encode;
    return std::nullopt;
}

}  // namespace rushes::exporting
