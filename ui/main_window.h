// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <filesystem>
#include <thread>

#include "ui/media_preview.h"

class QLabel;
class QPlainTextEdit;

namespace rushes::ui {

// For now: open a file, see its probe and first frame. Loading runs on a
// worker thread and comes back through a queued call; the GUI never waits.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const std::filesystem::path& path);
    [[nodiscard]] const MediaPreview& currentPreview() const noexcept { return preview_; }

signals:
    void previewShown();

private:
    void chooseFile();
    void showPreview(MediaPreview preview);

    QLabel* frame_view_ = nullptr;
    QPlainTextEdit* probe_view_ = nullptr;
    MediaPreview preview_;
    std::jthread loader_;  // declared last: joined before the widgets go away
};

}  // namespace rushes::ui
