// SPDX-License-Identifier: GPL-3.0-or-later
// A deliberately wrong core header: the include check must reject it.
#pragma once
#include <QString>
