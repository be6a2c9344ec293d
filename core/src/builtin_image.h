// The compiled image of the built-in packs, embedded at build time (cmake/TactEmbedBlob.cmake
// from the output of core/tools/tact_packc.cc): as it is, or LZMA-compressed when the build
// defines TACT_BUILTIN_IMAGE_LZMA (the wasm build; see lzma_decode.h).
#ifndef TACT_CORE_SRC_BUILTIN_IMAGE_H_
#define TACT_CORE_SRC_BUILTIN_IMAGE_H_

#include <cstddef>
#include <string_view>

namespace tact::internal {

#ifdef TACT_BUILTIN_IMAGE_LZMA
// The image as an .lzma stream, and its size once decoded.
std::string_view BuiltinImageLzma();
size_t BuiltinImageLzmaDecodedSize();
#else
std::string_view BuiltinImage();
#endif

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_BUILTIN_IMAGE_H_
