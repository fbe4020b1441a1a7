# SPDX-License-Identifier: GPL-3.0-or-later
#
# The labelled evaluation corpus (tests/eval/README.md), for the main build to
# include() after enable_testing():
#
#   include(tests/eval/eval.cmake)
#   add_test(NAME eval.shots COMMAND rushes_eval --corpus ${RUSHES_EVAL_DIR})  # for example
#   set_tests_properties(eval.shots PROPERTIES FIXTURES_REQUIRED eval_corpus)
#
# A warm run only re-hashes the clips (well under a second).  A cold run is
# about 45 s on the 2-core dev machine.  Needs python3, ffmpeg/ffprobe,
# espeak-ng and opencv-doc (scripts/setup).

include_guard(GLOBAL)

find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(RUSHES_EVAL_DIR "${CMAKE_BINARY_DIR}/eval"
    CACHE PATH "Where tests/eval/generate_eval.py writes the evaluation corpus")

add_test(NAME eval.generate
         COMMAND "${Python3_EXECUTABLE}"
                 "${CMAKE_CURRENT_LIST_DIR}/generate_eval.py" --quiet
                 "${RUSHES_EVAL_DIR}")
set_tests_properties(eval.generate PROPERTIES
    FIXTURES_SETUP eval_corpus
    TIMEOUT 600
    LABELS "eval")
