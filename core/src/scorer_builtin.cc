// Scorer::Builtin: the built-in packs, from the image compiled at build time (nothing is parsed
// or compiled at start-up; the wasm build only decodes the image's LZMA compression).
#include <string>

#include "absl/status/status.h"
#include "builtin_image.h"
#include "lzma_decode.h"
#include "tact/tact.h"

namespace tact {

absl::StatusOr<Scorer> Scorer::Builtin() {
#ifdef TACT_BUILTIN_IMAGE_LZMA
  // Decoded for each call: the scorer keeps copies of what it needs, not the image.
  std::string image;
  if (!internal::LzmaDecode(internal::BuiltinImageLzma(), internal::BuiltinImageLzmaDecodedSize(),
                            &image)) {
    return absl::InternalError("the built-in pack image does not decompress");
  }
  return FromImage(image);
#else
  return FromImage(internal::BuiltinImage());
#endif
}

}  // namespace tact
