// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/clip_export.h"

#include "export/copy_export.h"
#include "export/encode_export.h"
#include "export/smart_export.h"

namespace rushes::exporting {

ExportReport exportClip(const ClipSource& source, const ResolvedClip& clip, ExportMode mode,
                        const ExportOptions& options, std::stop_token stop, const ExportProgress& progress) {
    const std::string preset_name = options.preset.empty() ? kDefaultEncodePreset : options.preset;
    switch (mode) {
        case ExportMode::Copy: return exportCopy(source, clip, options, std::move(stop), progress);
        case ExportMode::Encode:
            return exportEncode(source, clip, findEncodePreset(preset_name), options, std::move(stop), progress);
        case ExportMode::Smart: break;
    }
    if (auto obstacle = smartCutObstacle(source, clip, stop)) {
        ExportReport report =
            exportEncode(source, clip, findEncodePreset(preset_name), options, std::move(stop), progress);
        report.requested_mode = ExportMode::Smart;
        report.notes.insert(report.notes.begin(),
                            "smart cut not possible (" + *obstacle + "); re-encoded every frame instead");
        return report;
    }
    return exportSmart(source, clip, options, std::move(stop), progress);
}

}  // namespace rushes::exporting
