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

# absl/status/statusor.cc formats a failed StatusOr into a log line before it aborts (printf,
# Cord, Mutex: about 7 KB gzip of the widget's module); the wasm build aborts without it.
set_property(TARGET absl_statusor PROPERTY SOURCES
  "${CMAKE_SOURCE_DIR}/wasm/absl_statusor_wasm.cc")

# absl/status/status.cc, patched at configure time: a Status's payloads (Cords; Tact sets none)
# are released, not destroyed, when its last reference goes, so that Cord, Cordz, Mutex and the
# raw log's printf stay out of the wasm modules. Fails the configure if the code moved.
set(_tact_status_cc "${TACT_ABSEIL_SOURCE_DIR}/absl/status/status.cc")
file(READ "${_tact_status_cc}" _tact_status_src)
set(_tact_unref "      r->ref.fetch_sub(1, std::memory_order_acq_rel) - 1 == 0) {\n    delete r;")
string(FIND "${_tact_status_src}" "${_tact_unref}" _tact_at)
if(_tact_at LESS 0)
  message(FATAL_ERROR "${_tact_status_cc}: Status::UnrefNonInlined is not as expected")
endif()
string(REPLACE "${_tact_unref}"
  "      r->ref.fetch_sub(1, std::memory_order_acq_rel) - 1 == 0) {\n    (void)r->payloads.release();  // Tact (wasm): never set\n    delete r;"
  _tact_status_src "${_tact_status_src}")
set(_tact_status_out "${CMAKE_BINARY_DIR}/_deps/abseil_patched/status.cc")
file(CONFIGURE OUTPUT "${_tact_status_out}" CONTENT "${_tact_status_src}" @ONLY)
get_target_property(_tact_status_sources absl_status SOURCES)
list(TRANSFORM _tact_status_sources REPLACE "^(.*/)?status\\.cc$" "${_tact_status_out}")
set_property(TARGET absl_status PROPERTY SOURCES ${_tact_status_sources})
target_include_directories(absl_status PRIVATE "${TACT_ABSEIL_SOURCE_DIR}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_tact_status_cc}")

# absl/base/internal/raw_logging.cc formats its lines with vsnprintf for stderr, which a page
# does not show: the wasm build links printf's formatter for nothing. Swapped for a version that
# prints nothing (a FATAL log still aborts).
set_property(TARGET absl_raw_logging_internal PROPERTY SOURCES
  "${CMAKE_SOURCE_DIR}/wasm/absl_raw_logging_wasm.cc")
