// Scorer::FromPacks: rule packs compiled from JSON, on top of the built-in JSON packs (native
// builds only; the wasm module loads compiled images).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "embedded_packs.h"
#include "pack_loader.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact {

absl::StatusOr<Scorer> Scorer::FromPacks(std::span<const PackSource> packs, bool with_builtin) {
  std::vector<PackSource> all;
  for (const internal::EmbeddedPack& p : internal::EmbeddedPacks()) {
    // Without the built-in packs, the built-in rubric still applies unless a pack replaces it.
    if (with_builtin || p.name == "rubric.json") {
      all.push_back({absl::StrCat("builtin:", internal::Sv(p.name)), std::string(p.json)});
    }
  }
  std::sort(all.begin(), all.end(),
            [](const PackSource& a, const PackSource& b) { return a.name < b.name; });
  all.insert(all.end(), packs.begin(), packs.end());
  absl::StatusOr<std::shared_ptr<const internal::PackSet>> set =
      internal::LoadPacks(all, !internal::EmbeddedPacksHaveExamples());
  if (!set.ok()) return set.status();
  if ((*set)->languages.empty()) return absl::InvalidArgumentError("no language pack loaded");
  return Scorer(*std::move(set));
}

}  // namespace tact
