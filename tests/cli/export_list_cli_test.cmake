# SPDX-License-Identifier: GPL-3.0-or-later
# Footage with embedded timecode (29.97 drop frame and non-drop), catalogued, cut into segments, put in a
# reel with `rushes reel`, and exported with `rushes export list` in all five formats; Python's own parsers
# then check that every list describes the same edit with the same source and record timecode.
set(work "${WORK}/export_list_cli")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/card" "${work}/lists")
set(catalog "${work}/catalog.db")

function(run)
  execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" ${ARGN}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "rushes ${ARGN} failed (${code}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(make_clip name rate timecode channels)
  execute_process(COMMAND ffmpeg -v error -y -f lavfi -i "testsrc=size=320x240:rate=${rate}"
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -ac ${channels} -t 4 -timecode "${timecode}"
    -c:v libx264 -preset ultrafast -c:a aac ${ARGN} "${work}/card/${name}"
    RESULT_VARIABLE code ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "ffmpeg could not make ${name}: ${err}")
  endif()
  execute_process(COMMAND "${ADD_ASSET}" "${catalog}" "${work}/card/${name}" RESULT_VARIABLE code ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "add_test_asset ${name}: ${err}")
  endif()
endfunction()

make_clip(camA.mov 30000/1001 "00:59:59;28" 2 -metadata:s:v:0 reel_name=A007)
make_clip(camB.mov 30000/1001 "10:00:00:00" 1)

run(segment add camA.mov --in 10 --out 40 --kind highlight --note "keeper dives left" --json)
string(JSON save GET "${out}" id)
string(JSON save_in GET "${out}" in_timecode)
if(NOT save_in STREQUAL "01:00:00;08")
  message(FATAL_ERROR "frame 10 after 00:59:59;28 is 01:00:00;08 in drop frame, not ${save_in}")
endif()
run(tag "${save}" +Goal "+Penalty Kick")
run(segment add camB.mov --in 10:00:01:00 --out 10:00:02:15 --json)
string(JSON crowd GET "${out}" id)

run(reel create "Match day" --project Default --json)
string(JSON reel_id GET "${out}" id)
string(SUBSTRING "${crowd}" 0 12 crowd_prefix)
run(reel add "Match day" "${save}" "${crowd_prefix}" "${save}" --json)
string(JSON items LENGTH "${out}" items)
string(JSON second GET "${out}" items 1 segment id)
if(NOT items EQUAL 3 OR NOT second STREQUAL crowd)
  message(FATAL_ERROR "reel add: expected 3 items with the crowd shot second:\n${out}")
endif()
run(reel ls --json)
string(JSON listed_id GET "${out}" 0 id)
string(JSON listed_items GET "${out}" 0 items)
if(NOT listed_id STREQUAL reel_id OR NOT listed_items EQUAL 3)
  message(FATAL_ERROR "reel ls: ${out}")
endif()

run(export list "Match day" -o "${work}/lists/reel.edl" --json)
string(JSON events GET "${out}" events)
string(JSON duration GET "${out}" duration_timecode)
if(NOT events EQUAL 3 OR NOT duration STREQUAL "00:00:03;15")
  message(FATAL_ERROR "export list edl: ${out}")
endif()
run(export list "${reel_id}" --format xmeml -o "${work}/lists/reel.xml")
run(export list "Match day" -o "${work}/lists/reel.fcpxml")
run(export list "Match day" -o "${work}/lists/reel.otio")
run(export list --segments "${save},${crowd},${save}" --title "Match day" --format csv -o "${work}/lists/reel.csv")

# Read whole: drop-frame labels hold ';', which CMake would take for list separators.
file(READ "${work}/lists/reel.edl" edl)
string(CONCAT expected_edl
  "TITLE: Match day\nFCM: DROP FRAME\n\n"
  "001  A007     AA/V  C        01:00:00;08 01:00:01;08 01:00:00;00 01:00:01;00\n"
  "* FROM CLIP NAME:  camA.mov\n* SOURCE FILE: ${work}/card/camA.mov\n"
  "* COMMENT: TAGS: Goal, Penalty Kick\n* COMMENT: NOTE: keeper dives left\n\n"
  "FCM: NON-DROP FRAME\n"
  "002  CAMB     B     C        10:00:01:00 10:00:02:15 01:00:01;00 01:00:02;15\n"
  "* FROM CLIP NAME:  camB.mov\n* SOURCE FILE: ${work}/card/camB.mov\n\n"
  "FCM: DROP FRAME\n"
  "003  A007     AA/V  C        01:00:00;08 01:00:01;08 01:00:02;15 01:00:03;15\n"
  "* FROM CLIP NAME:  camA.mov\n* SOURCE FILE: ${work}/card/camA.mov\n"
  "* COMMENT: TAGS: Goal, Penalty Kick\n* COMMENT: NOTE: keeper dives left\n")
if(NOT edl STREQUAL expected_edl)
  message(FATAL_ERROR "unexpected EDL:\n${edl}\nexpected:\n${expected_edl}")
endif()

execute_process(COMMAND "${PYTHON}" "${CHECK}" "edl=${work}/lists/reel.edl" "xmeml=${work}/lists/reel.xml"
  "fcpxml=${work}/lists/reel.fcpxml" "otio=${work}/lists/reel.otio" "csv=${work}/lists/reel.csv"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
# camA starts at 00:59:59;28 = frame 107890, camB at 10:00:00:00 NDF = frame 1080000; record at 01:00:00;00 DF.
set(expected "camA.mov 107900 107892 30\ncamB.mov 1080030 107922 45\ncamA.mov 107900 107967 30\n")
if(NOT code EQUAL 0 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "the five lists disagree or are wrong (${code}):\n${out}\n${err}")
endif()

# Only the five lists are in the folder: no temporary file is left behind.
file(GLOB leftovers "${work}/lists/.*")
if(leftovers)
  message(FATAL_ERROR "temporary files left: ${leftovers}")
endif()

# A list that cannot be written fails with the path named and leaves nothing.
file(WRITE "${work}/lists/not-a-folder" "")
execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" export list "Match day" -o "${work}/lists/not-a-folder/x.edl"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${err}" "x.edl" named)
if(code EQUAL 0 OR named EQUAL -1)
  message(FATAL_ERROR "an unwritable list must fail naming it (exit ${code}):\n${err}")
endif()
execute_process(COMMAND "${RUSHES}" --catalog "${catalog}" export list "No such reel" -o "${work}/lists/none.edl"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0 OR EXISTS "${work}/lists/none.edl")
  message(FATAL_ERROR "an unknown reel must fail and write nothing (exit ${code}):\n${err}")
endif()
