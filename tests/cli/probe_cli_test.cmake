# SPDX-License-Identifier: GPL-3.0-or-later
# `rushes probe` reports every file, prints JSON with --json, and exits
# non-zero naming the broken file when any fails.
execute_process(COMMAND "${RUSHES}" probe "${FIXTURES}/h264_longgop.mp4" "${FIXTURES}/tc_10h.mov"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "probe of good files failed (${code}): ${err}")
endif()
foreach(expected "h264_longgop.mp4" "tc_10h.mov" "10:00:00:00" "640x360")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "table output lacks '${expected}':\n${out}")
  endif()
endforeach()

execute_process(COMMAND "${RUSHES}" probe --json "${FIXTURES}/h264_longgop.mp4" "${FIXTURES}/text.mp4"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0)
  message(FATAL_ERROR "probe exited 0 although text.mp4 is not media")
endif()
string(FIND "${err}" "text.mp4" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the error does not name the file: ${err}")
endif()
string(JSON count LENGTH "${out}")
string(JSON kind GET "${out}" 1 error kind)
string(JSON rate GET "${out}" 0 streams 0 video frame_rate)
if(NOT count EQUAL 2 OR NOT kind STREQUAL "not_media" OR NOT rate STREQUAL "25/1")
  message(FATAL_ERROR "unexpected JSON (count ${count}, kind ${kind}, rate ${rate}):\n${out}")
endif()

execute_process(COMMAND "${RUSHES}" --help RESULT_VARIABLE code OUTPUT_VARIABLE out)
string(FIND "${out}" "probe" at)
if(NOT code EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "rushes --help does not list probe")
endif()
