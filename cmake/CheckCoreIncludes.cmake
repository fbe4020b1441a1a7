# SPDX-License-Identifier: GPL-3.0-or-later
# Run with: cmake -DCORE_DIR=... -DSTAMP=... -P CheckCoreIncludes.cmake
# core/ is the headless engine: it must never include Qt, ui/ or app/ headers
# (OBS's libobs rule). This runs on every build as a dependency of rushes_core.
file(GLOB_RECURSE core_files "${CORE_DIR}/*.h" "${CORE_DIR}/*.hpp" "${CORE_DIR}/*.cpp")
set(violations "")
foreach(f IN LISTS core_files)
  file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS lines)
    if(line MATCHES "#[ \t]*include[ \t]*[<\"](Q[A-Za-z0-9_]+|Qt[A-Za-z0-9_]*/[^>\"]*|q[a-z0-9_]+\\.h)[>\"]"
       OR line MATCHES "#[ \t]*include[ \t]*[<\"](\\.\\./)*(ui|app)/")
      string(APPEND violations "\n  ${f}: ${line}")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "core/ must stay free of Qt, ui/ and app/ includes:${violations}")
endif()
file(TOUCH "${STAMP}")
