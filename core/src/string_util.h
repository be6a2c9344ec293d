// Debian's Abseil keeps absl::string_view distinct from std::string_view (ABSL_OPTION_USE_STD_
// STRING_VIEW is 0), with no conversion either way: Sv() bridges at Abseil call sites.
#ifndef TACT_CORE_SRC_STRING_UTIL_H_
#define TACT_CORE_SRC_STRING_UTIL_H_

#include <cstdint>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact::internal {

inline absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// 64-bit FNV-1a: a hash that is the same on every platform (pack image checksums, the insights'
// reply fingerprints), unlike absl::Hash.
inline uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_STRING_UTIL_H_
