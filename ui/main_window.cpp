// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main_window.h"

#include <QAction>
#include <QFileDialog>
#include <QFontDatabase>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMetaObject>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSplitter>
#include <QStatusBar>

namespace rushes::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("Rushes");
    resize(1280, 760);

    auto* splitter = new QSplitter(this);
    frame_view_ = new QLabel(tr("Open a media file (Ctrl+O)"), splitter);
    frame_view_->setAlignment(Qt::AlignCenter);
    frame_view_->setMinimumSize(480, 270);
    frame_view_->setStyleSheet("background: #111; color: #888;");
    probe_view_ = new QPlainTextEdit(splitter);
    probe_view_->setReadOnly(true);
    probe_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);

    QMenu* file_menu = menuBar()->addMenu(tr("&File"));
    QAction* open = file_menu->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    QAction* quit = file_menu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() {
    loader_.request_stop();
}

void MainWindow::chooseFile() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open media"));
    if (!file.isEmpty()) openFile(file.toStdString());
}

void MainWindow::openFile(const std::filesystem::path& path) {
    statusBar()->showMessage(tr("Reading %1…").arg(QString::fromStdString(path.string())));
    const int max_width = std::max(320, frame_view_->width());
    QPointer<MainWindow> self(this);
    // Replacing the jthread stops and joins the previous load first.
    loader_ = std::jthread([self, path, max_width](std::stop_token stop) {
        MediaPreview preview = loadMediaPreview(path, max_width, stop);
        if (stop.stop_requested()) return;
        QMetaObject::invokeMethod(
            self, [self, preview = std::move(preview)]() mutable {
                if (self) self->showPreview(std::move(preview));
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showPreview(MediaPreview preview) {
    preview_ = std::move(preview);
    if (!preview_.error.isEmpty()) {
        frame_view_->setPixmap({});
        frame_view_->setText(preview_.error);
        probe_view_->clear();
        statusBar()->showMessage(preview_.error);
    } else {
        if (!preview_.first_frame.isNull()) {
            frame_view_->setPixmap(QPixmap::fromImage(preview_.first_frame));
        } else {
            frame_view_->setText(tr("No picture"));
        }
        probe_view_->setPlainText(preview_.probe_json);
        statusBar()->showMessage(preview_.path + "  —  " + preview_.summary);
        setWindowTitle("Rushes — " + preview_.path);
    }
    emit previewShown();
}

}  // namespace rushes::ui
