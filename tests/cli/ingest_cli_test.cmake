# SPDX-License-Identifier: GPL-3.0-or-later
# offload → ingest through the real CLI: exit codes, JSON reports, a conflict
# named on stderr, and a re-run that reads nothing.
set(work "${WORK}/ingest_cli")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/card/CLIPS" "${work}/dest")
file(COPY "${FIXTURES}/h264_longgop.mp4" "${FIXTURES}/hevc.mp4" "${FIXTURES}/text.mp4" DESTINATION "${work}/card/CLIPS")
set(catalog "${work}/catalog.db")

execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" offload --json --project Match "${work}/card" "${work}/dest"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
# text.mp4 is copied and verified, then reported by ingest as not media: exit 1, named.
string(FIND "${err}" "text.mp4" named)
if(NOT code EQUAL 1 OR named EQUAL -1)
  message(FATAL_ERROR "offload+ingest: expected exit 1 naming text.mp4, got ${code}\n${out}\n${err}")
endif()
if(NOT EXISTS "${work}/dest/card/CLIPS/hevc.mp4")
  message(FATAL_ERROR "offload did not copy the card")
endif()

execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" ingest --json --project Match "${work}/dest"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(JSON unchanged GET "${out}" unchanged)
string(JSON added GET "${out}" added)
if(NOT unchanged EQUAL 3 OR NOT added EQUAL 0)
  message(FATAL_ERROR "a re-run should read nothing (unchanged ${unchanged}, added ${added}):\n${out}")
endif()

# A different file already at the destination is never overwritten.
file(WRITE "${work}/card/CLIPS/clash.mp4" "new take")
file(WRITE "${work}/dest/card/CLIPS/clash.mp4" "old take")
execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" offload --no-ingest "${work}/card" "${work}/dest"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ "${work}/dest/card/CLIPS/clash.mp4" kept)
string(FIND "${err}" "clash.mp4" named)
if(code EQUAL 0 OR named EQUAL -1 OR NOT kept STREQUAL "old take")
  message(FATAL_ERROR "a conflicting file must be reported and kept (exit ${code}):\n${err}")
endif()
