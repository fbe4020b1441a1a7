// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analysis_batch.h"

#include <atomic>
#include <chrono>
#include <mutex>

#include "analysis/analysis_record.h"
#include "catalog/analysis_store.h"
#include "tasks/blocking_queue.h"
#include "tasks/worker_pool.h"

namespace rushes::analysis {

namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Finished {
    AnalysisOutcome outcome;
    std::int64_t started_at_ms = 0;
    std::int64_t finished_at_ms = 0;
};

// Per-file fractions behind one lock: workers report, the sum goes out.
class ProgressBoard {
public:
    ProgressBoard(std::size_t files, const std::function<void(const BatchProgress&)>& sink)
        : fractions_(files, 0.0), sink_(sink) {
        state_.files_total = files;
    }

    void update(std::size_t file, double fraction, const std::filesystem::path& path) {
        if (!sink_) return;
        std::lock_guard lock(mutex_);
        fractions_[file] = fraction;
        state_.current = path;
        publish();
    }

    void finished(std::size_t file) {
        std::lock_guard lock(mutex_);
        fractions_[file] = 1.0;
        ++state_.files_done;
        if (sink_) publish();
    }

private:
    void publish() {
        double sum = 0;
        for (double f : fractions_) sum += f;
        state_.fraction = fractions_.empty() ? 1.0 : sum / static_cast<double>(fractions_.size());
        sink_(state_);
    }

    std::mutex mutex_;
    std::vector<double> fractions_;
    BatchProgress state_;
    const std::function<void(const BatchProgress&)>& sink_;
};

// One transaction: the finished run with everything it found, or the failed run with its reason.
std::string record(catalog::AnalysisStore& store, const Finished& finished, const FileAnalysisOptions& options) {
    const AnalysisOutcome& outcome = finished.outcome;
    catalog::AnalysisRecord record;
    if (outcome.analysis) {
        record = toRecord(*outcome.analysis, options, outcome.target.asset_id);
    } else {
        record.asset_id = outcome.target.asset_id;
        record.detector_versions_json = detectorVersionsJson();
        record.params_json = parametersJson(options);
    }
    record.started_at_ms = finished.started_at_ms;
    record.finished_at_ms = finished.finished_at_ms;
    if (outcome.analysis) return store.recordDone(record).id;
    return store.recordUnfinished(record, catalog::AnalysisStatus::Failed, outcome.error->what()).id;
}

}  // namespace

BatchReport analyzeBatch(catalog::Database* db, const std::vector<AnalysisTarget>& targets,
                         const BatchOptions& options, std::stop_token stop,
                         const std::function<void(const BatchProgress&)>& progress,
                         const std::function<void(const AnalysisOutcome&)>& on_outcome) {
    BatchReport report;
    if (targets.empty()) return report;
    const int threads = std::clamp(options.jobs, 1, static_cast<int>(targets.size()));
    tasks::BlockingQueue<Finished> results(threads);
    ProgressBoard board(targets.size(), progress);
    std::atomic<std::size_t> next{0};
    std::optional<catalog::AnalysisStore> store;
    if (db) store.emplace(*db);
    {
        tasks::WorkerPool pool(threads, stop, [&](std::stop_token worker_stop) {
            for (std::size_t i = next++; i < targets.size() && !worker_stop.stop_requested(); i = next++) {
                Finished finished;
                finished.outcome.target = targets[i];
                finished.started_at_ms = nowMs();
                try {
                    finished.outcome.analysis = analyzeFile(targets[i].path, options.analysis, worker_stop,
                                                            [&](double f) { board.update(i, f, targets[i].path); });
                } catch (const Error& error) {
                    finished.outcome.error = error;
                }
                finished.finished_at_ms = nowMs();
                board.finished(i);
                results.push(std::move(finished));
            }
            results.producerDone();
        });
        while (auto finished = results.pop()) {
            AnalysisOutcome& outcome = finished->outcome;
            const bool cancelled = outcome.error && outcome.error->kind() == ErrorKind::Cancelled;
            if (store && !outcome.target.asset_id.empty() && !cancelled) {
                try {
                    outcome.run_id = record(*store, *finished, options.analysis);
                } catch (const Error& error) {
                    // The asset vanished or the catalog refused the write: this file fails, the batch goes on.
                    outcome.analysis.reset();
                    outcome.error = error;
                }
            }
            if (cancelled) {
                report.cancelled = true;
            } else if (outcome.analysis) {
                ++report.done;
            } else {
                ++report.failed;
            }
            if (on_outcome) on_outcome(outcome);
        }
    }
    report.cancelled = report.cancelled || stop.stop_requested();
    return report;
}

}  // namespace rushes::analysis
