// Rule packs (JSON) -> PackSet. Every error reads "<pack>:<line>:<col>: <pointer>: <what>".
#ifndef TACT_CORE_SRC_PACK_LOADER_H_
#define TACT_CORE_SRC_PACK_LOADER_H_

#include <memory>
#include <span>

#include "absl/status/statusor.h"
#include "packs.h"
#include "tact/tact.h"

namespace tact::internal {

// Compiles `packs`, one of which is the rubric; a later pack with the same identity (the rubric,
// language + criterion, lexicon name, topics or hints) replaces an earlier one.
// Examples are required, except in packs named "builtin:…" when `builtin_without_examples`.
absl::StatusOr<std::shared_ptr<const PackSet>> LoadPacks(std::span<const PackSource> packs,
                                                         bool builtin_without_examples = false);

// The top-level fields that name a file's kind: "rubric", "criterion", "lexicon", ...
std::span<const std::string_view> PackKinds();

// Byte offset of the value at JSON pointer `path` in the valid JSON text `json`.
size_t LocateJsonPointer(std::string_view json, std::span<const std::string> path);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_PACK_LOADER_H_
