// The built-in rule packs, embedded at build time by cmake/TactEmbed.cmake.
#ifndef TACT_CORE_SRC_EMBEDDED_PACKS_H_
#define TACT_CORE_SRC_EMBEDDED_PACKS_H_

#include <span>
#include <string_view>

namespace tact::internal {

struct EmbeddedPack {
  std::string_view name;  ///< path under core/packs, e.g. "fr/apology.json"
  std::string_view json;
};

std::span<const EmbeddedPack> EmbeddedPacks();

// False when the build left the examples out (TACT_EMBED_EXAMPLES=OFF, the wasm default).
bool EmbeddedPacksHaveExamples();

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_EMBEDDED_PACKS_H_
