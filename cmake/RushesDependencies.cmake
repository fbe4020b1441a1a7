# SPDX-License-Identifier: GPL-3.0-or-later
# Every dependency comes from a Debian 12 package (see scripts/setup).
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET
  libavformat libavcodec libavutil libswscale libswresample libavfilter)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# EBU R128 / BS.1770 loudness (integrated, range, true peak, momentary and short-term).
pkg_check_modules(EBUR128 REQUIRED IMPORTED_TARGET libebur128)
# libcrypto for the md5 and sha1 that offload manifests offer beside xxHash, and SHA-512 for C4 ids.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(OpenCV 4.6 REQUIRED COMPONENTS core imgproc imgcodecs)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(Threads REQUIRED)
# 3.37+ for STRICT tables; Debian 12 has 3.40 with FTS5 and the JSON functions built in.
find_package(SQLite3 3.37 REQUIRED)

# OpenCV exports no namespaced targets; wrap it so its headers are SYSTEM
# (no -Werror on them) and consumers link one name.
add_library(rushes_opencv INTERFACE)
target_include_directories(rushes_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
target_link_libraries(rushes_opencv INTERFACE ${OpenCV_LIBS})
