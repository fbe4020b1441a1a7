// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QApplication;

namespace rushes::ui {

// Editors work in dim rooms next to a grading monitor: a neutral dark grey
// theme that does not tint the picture.
void applyDarkTheme(QApplication& app);

}  // namespace rushes::ui
