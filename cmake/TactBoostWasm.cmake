# Boost.JSON headers for the wasm build. The system include root must never reach the wasm
# compiler (glibc headers would shadow Emscripten's libc), so the build tree gets a folder holding
# only a `boost` symlink to the system Boost headers, and `tact_boost` puts that folder on the
# include path. Boost.JSON itself is compiled header-only in core/src/json_impl.cc.
find_path(TACT_BOOST_INCLUDE_DIR
  NAMES boost/json.hpp boost/version.hpp
  PATHS /usr/include /usr/local/include
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH
  DOC "System include folder whose boost/ holds Boost.JSON (libboost-json1.81-dev)")
if(NOT TACT_BOOST_INCLUDE_DIR OR NOT EXISTS "${TACT_BOOST_INCLUDE_DIR}/boost/json.hpp")
  message(FATAL_ERROR "Boost.JSON headers not found (Debian package libboost-json1.81-dev): "
                      "run scripts/setup")
endif()

set(TACT_BOOST_WASM_INCLUDE "${CMAKE_BINARY_DIR}/_deps/boost-include")
file(MAKE_DIRECTORY "${TACT_BOOST_WASM_INCLUDE}")
if(NOT IS_SYMLINK "${TACT_BOOST_WASM_INCLUDE}/boost")
  file(REMOVE_RECURSE "${TACT_BOOST_WASM_INCLUDE}/boost")
  file(CREATE_LINK "${TACT_BOOST_INCLUDE_DIR}/boost" "${TACT_BOOST_WASM_INCLUDE}/boost" SYMBOLIC)
endif()

add_library(tact_boost INTERFACE)
target_include_directories(tact_boost SYSTEM INTERFACE "${TACT_BOOST_WASM_INCLUDE}")
