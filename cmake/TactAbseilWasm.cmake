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

# absl/strings/cord.cc, patched at configure time: destroying a Cord tree aborts instead of
# untracking it from Cordz (Mutex, LowLevelAlloc) and freeing its nodes. The wasm modules never
# build a Cord (Tact sets no Status payload, the only Cords Abseil would make for it), but a
# Status's destructor links the Cord destructor. Fails the configure if the code moved.
set(_tact_cord_cc "${TACT_ABSEIL_SOURCE_DIR}/absl/strings/cord.cc")
file(READ "${_tact_cord_cc}" _tact_cord_src)
set(_tact_destroy "void Cord::DestroyCordSlow() {
  assert(contents_.is_tree());
  CordzInfo::MaybeUntrackCord(contents_.cordz_info());
  CordRep::Unref(VerifyTree(contents_.as_tree()));
}")
string(FIND "${_tact_cord_src}" "${_tact_destroy}" _tact_at)
if(_tact_at LESS 0)
  message(FATAL_ERROR "${_tact_cord_cc}: Cord::DestroyCordSlow is not as expected")
endif()
string(REPLACE "${_tact_destroy}"
  "void Cord::DestroyCordSlow() { std::abort(); }  // Tact (wasm): no Cord is ever built"
  _tact_cord_src "${_tact_cord_src}")
set(_tact_cord_out "${CMAKE_BINARY_DIR}/_deps/abseil_patched/cord.cc")
file(CONFIGURE OUTPUT "${_tact_cord_out}" CONTENT "${_tact_cord_src}" @ONLY)
get_target_property(_tact_cord_sources absl_cord SOURCES)
list(TRANSFORM _tact_cord_sources REPLACE "^(.*/)?cord\\.cc$" "${_tact_cord_out}")
set_property(TARGET absl_cord PROPERTY SOURCES ${_tact_cord_sources})
target_include_directories(absl_cord PRIVATE "${TACT_ABSEIL_SOURCE_DIR}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_tact_cord_cc}")

# absl/base/internal/raw_logging.cc formats its lines with vsnprintf for stderr, which a page
# does not show: the wasm build links printf's formatter for nothing. Swapped for a version that
# prints nothing (a FATAL log still aborts).
set_property(TARGET absl_raw_logging_internal PROPERTY SOURCES
  "${CMAKE_SOURCE_DIR}/wasm/absl_raw_logging_wasm.cc")
