// A small LZMA decoder for the built-in pack image of the wasm build: the image is embedded
// compressed with `xz --format=lzma` (about 16 % smaller than gzip -9 of the same bytes, which
// is what a page downloads) and decoded once per Scorer::Builtin(). Bounds-checked: damaged
// input gives false, never a read or write out of bounds.
#ifndef TACT_CORE_SRC_LZMA_DECODE_H_
#define TACT_CORE_SRC_LZMA_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tact::internal {

// Decodes an .lzma ("LZMA alone") stream whose decoded size is `size` bytes into `*out`.
// False if the stream is damaged, or does not decode to exactly `size` bytes.
bool LzmaDecode(std::string_view in, size_t size, std::string* out);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_LZMA_DECODE_H_
