// The compiled image of the built-in packs, embedded at build time (cmake/TactEmbedBlob.cmake
// from the output of core/tools/tact_packc.cc). In the wasm build (TACT_COMPRESS_BUILTIN_IMAGE)
// each of its parts is LZMA-compressed (tact_packc --lzma; see lzma_decode.h).
#ifndef TACT_CORE_SRC_BUILTIN_IMAGE_H_
#define TACT_CORE_SRC_BUILTIN_IMAGE_H_

#include <string_view>

namespace tact::internal {

std::string_view BuiltinImage();

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_BUILTIN_IMAGE_H_
