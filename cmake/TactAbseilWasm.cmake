# Abseil for the wasm build, compiled from Debian's own source package (same version and the
# same absl/base/options.h as libabsl-dev, so the core sees the same Abseil types natively and
# in wasm). scripts/setup unpacks it into .deps/abseil with the latomic patch reverted.
set(TACT_ABSEIL_SOURCE_DIR "${CMAKE_SOURCE_DIR}/.deps/abseil")
if(NOT EXISTS "${TACT_ABSEIL_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR "Abseil sources for the wasm build are missing from "
                      "${TACT_ABSEIL_SOURCE_DIR}: run scripts/setup")
endif()

set(ABSL_PROPAGATE_CXX_STD ON CACHE BOOL "" FORCE)
set(ABSL_ENABLE_INSTALL OFF CACHE BOOL "" FORCE)
set(BUILD_TESTING OFF CACHE BOOL "" FORCE)
add_subdirectory("${TACT_ABSEIL_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/_deps/abseil" EXCLUDE_FROM_ALL)
