// SPDX-License-Identifier: GPL-3.0-or-later
// Widget tests need one QApplication that outlives every test and dies
// before static destructors run, so the Catch2 session runs inside main().
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    // Widgets need no screen in tests; a developer may still override this.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
