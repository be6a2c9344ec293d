// The compiled pack image: a PackSet (rubric, matchers, rules, lexicons, hints) in a compact
// binary form that loads without parsing JSON or compiling phrases. Both builds embed the image
// of the built-in packs; `tact packs compile` writes one for custom packs.
//
// Layout: "TACTPACK", the format version (4 bytes, little-endian), the checksum of the payload
// (ImageChecksum, 8 bytes), then the payload. A foreign, stale or damaged image is a clear error.
#ifndef TACT_CORE_SRC_PACK_IMAGE_H_
#define TACT_CORE_SRC_PACK_IMAGE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "packs.h"

namespace tact::internal {

// Bumped whenever the layout or the meaning of a field changes.
inline constexpr uint32_t kPackImageFormat = 10;

// The header's checksum of the payload: FNV-1a's constants over 8 bytes at a time, a step of
// xor-shift between (byte by byte, the hash of 400 KB was a tenth of the widget's start-up).
uint64_t ImageChecksum(std::string_view bytes);

// The same PackSet always gives the same bytes (hash maps are written in sorted order).
std::string WritePackImage(const PackSet& packs, bool with_examples);

absl::StatusOr<std::shared_ptr<const PackSet>> ReadPackImage(std::string_view image);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_PACK_IMAGE_H_
