# Toolchain for the `wasm` preset: Debian's Emscripten, found at configure time so that no
# machine path is written in the repository.
#
# 1. `em-config EMSCRIPTEN_ROOT` names the Emscripten install; its own Emscripten.cmake does the
#    real work (compilers, sysroot, find-root, node as the cross-compiling emulator).
# 2. emcc's optimised links run acorn-optimizer.js, which needs Debian's node-acorn. A Node that
#    does not come from Debian (e.g. NodeSource) does not search Debian's shared module folder,
#    so every link goes through `cmake -E env NODE_PATH=<folder holding acorn>`.
# 3. Every wasm translation unit (Abseil included) is built with -fno-exceptions -fno-rtti -flto,
#    and MinSizeRel means -Oz (CMake's default -Os would come after CMAKE_CXX_FLAGS and win).

find_program(TACT_EM_CONFIG em-config)
if(NOT TACT_EM_CONFIG)
  message(FATAL_ERROR "em-config not found: install Debian's emscripten (run scripts/setup)")
endif()
execute_process(
  COMMAND "${TACT_EM_CONFIG}" EMSCRIPTEN_ROOT
  OUTPUT_VARIABLE _tact_em_root
  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set(_tact_em_platform "${_tact_em_root}/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${_tact_em_platform}")
  message(FATAL_ERROR "em-config says EMSCRIPTEN_ROOT=${_tact_em_root}, which has no "
                      "cmake/Modules/Platform/Emscripten.cmake")
endif()

# Before Emscripten.cmake, whose find-root settings would confine the search to its sysroot.
find_program(TACT_NODE_EXECUTABLE NAMES node nodejs)
set(_tact_prefixes "")
foreach(_tool IN ITEMS "${TACT_NODE_EXECUTABLE}" "${TACT_EM_CONFIG}")
  if(_tool)
    file(REAL_PATH "${_tool}" _tool_real)
    foreach(_path IN ITEMS "${_tool}" "${_tool_real}")
      get_filename_component(_bin "${_path}" DIRECTORY)
      get_filename_component(_prefix "${_bin}" DIRECTORY)
      list(APPEND _tact_prefixes "${_prefix}")
    endforeach()
  endif()
endforeach()
list(REMOVE_DUPLICATES _tact_prefixes)
find_path(TACT_ACORN_NODE_PATH
  NAMES acorn/package.json
  HINTS ${_tact_prefixes}
  PATH_SUFFIXES share/nodejs lib/node_modules lib/nodejs
  NO_CMAKE_FIND_ROOT_PATH
  DOC "Folder holding the acorn Node module that emcc's optimiser needs")
if(NOT TACT_ACORN_NODE_PATH)
  message(FATAL_ERROR "Node module 'acorn' not found (Debian package node-acorn, pulled by "
                      "emscripten): run scripts/setup")
endif()

include("${_tact_em_platform}")

set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=${TACT_ACORN_NODE_PATH}")
set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_CXX_LINKER_LAUNCHER}")

# -flto on every object and on the link: 7% smaller gzip and ~10% faster than without
# (bench/RESULTS.md), because Abseil, Boost.JSON and the core are optimised as one unit.
set(CMAKE_C_FLAGS_INIT "-fno-exceptions -flto")
set(CMAKE_CXX_FLAGS_INIT "-fno-exceptions -fno-rtti -flto")
# CMake appends its own -Os to *_MINSIZEREL_INIT, so the cache entries are created here instead.
set(CMAKE_C_FLAGS_MINSIZEREL "-Oz -DNDEBUG" CACHE STRING "Flags for MinSizeRel (wasm: -Oz)")
set(CMAKE_CXX_FLAGS_MINSIZEREL "-Oz -DNDEBUG" CACHE STRING "Flags for MinSizeRel (wasm: -Oz)")
