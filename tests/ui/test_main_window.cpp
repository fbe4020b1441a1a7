// SPDX-License-Identifier: GPL-3.0-or-later
#include <QLabel>
#include <QSignalSpy>
#include <catch2/catch.hpp>

#include "support/fixtures.h"
#include "ui/main_window.h"


TEST_CASE("opening a file shows its probe and first frame without blocking", "[ui]") {
    rushes::ui::MainWindow window;
    window.show();
    QSignalSpy shown(&window, &rushes::ui::MainWindow::previewShown);
    window.openFile(rushes::test::fixturePath("h264_longgop.mp4"));
    REQUIRE(shown.wait(20000));
    const auto& preview = window.currentPreview();
    CHECK(preview.error.isEmpty());
    CHECK(preview.probe_json.contains("\"h264\""));
    REQUIRE_FALSE(preview.first_frame.isNull());
    CHECK(preview.first_frame.width() >= 320);
}

TEST_CASE("opening a broken file shows its error", "[ui]") {
    rushes::ui::MainWindow window;
    QSignalSpy shown(&window, &rushes::ui::MainWindow::previewShown);
    window.openFile(rushes::test::fixturePath("text.mp4"));
    REQUIRE(shown.wait(20000));
    CHECK(window.currentPreview().error.contains("text.mp4"));
}
