// Scorer::Builtin: the built-in packs, from the image compiled at build time (nothing is parsed
// or compiled at start-up).
#include "builtin_image.h"
#include "tact/tact.h"

namespace tact {

absl::StatusOr<Scorer> Scorer::Builtin() { return FromImage(internal::BuiltinImage()); }

}  // namespace tact
