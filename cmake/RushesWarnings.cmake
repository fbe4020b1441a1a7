# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings as errors on our own code only; third-party headers come in as SYSTEM.
add_library(rushes_warnings INTERFACE)
target_compile_options(rushes_warnings INTERFACE
  -Wall -Wextra -Werror -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wimplicit-fallthrough)
