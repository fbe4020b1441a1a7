// SPDX-License-Identifier: GPL-3.0-or-later
// `rushes-gui`: the composition root of the workstation.
#include <QApplication>
#include <QCommandLineParser>

#include "ui/dark_theme.h"
#include "ui/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Rushes");
    QApplication::setOrganizationName("Rushes");
    rushes::ui::applyDarkTheme(app);

    QCommandLineParser parser;
    parser.setApplicationDescription("Rushes footage triage workstation");
    parser.addHelpOption();
    parser.addPositionalArgument("file", "A media file to open");
    parser.process(app);

    rushes::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        window.openFile(parser.positionalArguments().first().toStdString());
    }
    return app.exec();
}
