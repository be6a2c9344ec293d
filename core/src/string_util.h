// Debian's Abseil keeps absl::string_view distinct from std::string_view (ABSL_OPTION_USE_STD_
// STRING_VIEW is 0), with no conversion either way: Sv() bridges at Abseil call sites.
#ifndef TACT_CORE_SRC_STRING_UTIL_H_
#define TACT_CORE_SRC_STRING_UTIL_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace tact::internal {

inline absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_STRING_UTIL_H_
