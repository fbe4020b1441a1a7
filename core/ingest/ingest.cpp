// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ingest.h"

#include <atomic>

#include "base/error.h"
#include "catalog/database.h"
#include "ingest/asset_recorder.h"
#include "ingest/examined_file.h"
#include "ingest/file_scanner.h"
#include "tasks/blocking_queue.h"
#include "tasks/worker_pool.h"

namespace rushes::ingest {

IngestReport ingestPaths(catalog::Database& db, const std::vector<std::filesystem::path>& paths,
                         const IngestOptions& options, std::stop_token stop, const IngestProgressCallback& progress) {
    IngestReport report;
    AssetRecorder recorder(db, options.project, report);

    std::vector<std::filesystem::path> roots;
    for (const auto& path : paths) {
        std::error_code ec;
        const auto canonical = std::filesystem::canonical(path, ec);
        if (ec) throw Error(ErrorKind::Unreadable, path.string(), ec.message());
        roots.push_back(canonical);
    }
    ScanResult scan;
    try {
        scan = scanPaths(roots, stop);
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::Cancelled) throw;
        report.cancelled = true;
        return report;
    }
    report.skipped += scan.skipped;

    // Only new or changed files are read; the rest is a catalog lookup.
    IngestProgress state;
    state.files_found = static_cast<std::int64_t>(scan.files.size());
    state.scan_finished = true;
    std::vector<ScannedFile> work;
    for (const ScannedFile& file : scan.files) {
        if (recorder.isUnchanged(file)) {
            ++state.files_done;
        } else {
            work.push_back(file);
            state.bytes_total += file.size_bytes;
        }
    }
    if (progress) progress(state);

    // Workers probe and hash; this thread alone writes the catalog, one short
    // transaction per file, so a kill at any moment leaves whole rows only.
    const int threads = std::min<int>(tasks::WorkerPool::resolveThreadCount(options.threads),
                                      std::max<int>(1, static_cast<int>(work.size())));
    tasks::BlockingQueue<ExaminedFile> results(threads);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> cancelled{false};
    {
        tasks::WorkerPool pool(threads, stop, [&](std::stop_token worker_stop) {
            for (std::size_t i = next++; i < work.size() && !worker_stop.stop_requested(); i = next++) {
                try {
                    results.push(examineFile(work[i], worker_stop));
                } catch (const Error&) {
                    cancelled = true;  // examineFile only throws when stopped
                    break;
                }
            }
            results.producerDone();
        });
        while (auto examined = results.pop()) {
            recorder.record(*examined);
            ++state.files_done;
            state.bytes_done += examined->file.size_bytes;
            state.current = examined->file.path;
            if (progress) progress(state);
        }
    }
    report.cancelled = cancelled || stop.stop_requested();
    // Missing files are judged only after a complete pass: a cancelled scan proves nothing.
    if (!report.cancelled) {
        for (const auto& root : roots) recorder.markMissingUnder(root);
    }
    return report;
}

}  // namespace rushes::ingest
