// Scorer::Builtin: the built-in packs, from the image compiled at build time (nothing is parsed
// or compiled at start-up; the wasm build's image has each part LZMA-compressed).
#include "builtin_image.h"
#include "pack_image.h"
#include "tact/tact.h"

namespace tact {

absl::StatusOr<Scorer> Scorer::Builtin(Loading loading) {
  // The embedded image lives as long as the program: a lazy scorer reads its parts in place.
  absl::StatusOr<std::shared_ptr<const internal::PackSet>> packs = internal::ReadPackImage(
      internal::BuiltinImage(), loading == Loading::kLazy, /*image_outlives=*/true);
  if (!packs.ok()) return packs.status();
  return Scorer(*std::move(packs));
}

}  // namespace tact
