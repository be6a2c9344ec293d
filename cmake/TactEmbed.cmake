# tact_embed_packs(<out.cc> <base dir> <files...>): writes a C++ source that holds every file's
# bytes and name, regenerated whenever a pack changes. Plain CMake, so the native and the wasm
# builds embed the same way with no host tool.
set(TACT_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/TactEmbedScript.cmake")

function(tact_embed_packs out base)
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DOUT=${out} -DBASE=${base} "-DFILES=${ARGN}"
            -DEXAMPLES=${TACT_EMBED_EXAMPLES}
            -P "${TACT_EMBED_SCRIPT}"
    DEPENDS ${ARGN} "${TACT_EMBED_SCRIPT}"
    COMMENT "Embedding rule packs"
    VERBATIM)
endfunction()
