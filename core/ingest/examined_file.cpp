// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/examined_file.h"

#include "base/error.h"
#include "ingest/content_hash.h"
#include "media/probe.h"
#include "media/probe_json.h"

namespace rushes::ingest {

ExaminedFile examineFile(const ScannedFile& file, std::stop_token stop) {
    ExaminedFile out;
    out.file = file;
    try {
        const media::ProbeResult probe = media::probe(file.path, stop);
        out.probe_json = media::toJson(probe).dump();
        if (probe.duration_us) out.duration = catalog::TickDuration{*probe.duration_us, Rational{1, 1'000'000}};
        // The fingerprint first: it is what a quick re-scan compares.
        out.fingerprint = fingerprintFile(file.path);
        out.content_hash = hashFileXxh3(file.path, stop);
    } catch (const Error& error) {
        if (error.kind() == ErrorKind::Cancelled) throw;
        out.error_kind = std::string(toString(error.kind()));
        out.error_reason = error.reason();
        out.probe_json.reset();
        out.content_hash.reset();
        out.fingerprint.reset();
    }
    return out;
}

}  // namespace rushes::ingest
