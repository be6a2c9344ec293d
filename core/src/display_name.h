// The reviewer's public display name ("Sophie M.", "Jean-Claude", "M. Dupuis", "diabolo"),
// analysed once per request for the checks that compare it with the reply.
#ifndef TACT_CORE_SRC_DISPLAY_NAME_H_
#define TACT_CORE_SRC_DISPLAY_NAME_H_

#include <string>
#include <string_view>
#include <vector>

#include "text.h"

namespace tact::internal {

struct DisplayName {
  Text text;                       ///< the name's tokens
  std::vector<std::string> words;  ///< normalised words of two letters or more
  std::string first_word;          ///< the first word as written (invalid bytes repaired)
  bool empty() const { return words.empty(); }
};

DisplayName AnalyzeDisplayName(std::string_view author);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_DISPLAY_NAME_H_
