// Private details in a reply (spec §3 `pii`): phone numbers, e-mails, order/booking/tracking
// references, card numbers, postal addresses, the reviewer's full name and health details.
// Hand-written scanners: none of the allowed libraries offers them, and std::regex is too slow
// and too large for the wasm build.
#ifndef TACT_CORE_SRC_PII_H_
#define TACT_CORE_SRC_PII_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matcher.h"
#include "rules.h"
#include "text.h"

namespace tact::internal {

struct PiiHit {
  std::string_view kind;  ///< phone, email, reference, card, address, full_name, health
  uint32_t begin = 0;     ///< UTF-8 bytes in the reply
  uint32_t end = 0;
  bool copied = false;  ///< the same detail is in the review
};

struct PiiInput {
  const LangRules& rules;
  const Text& reply;
  const Matches& reply_matches;
  const Text* review = nullptr;  ///< may be null
  const Matches* review_matches = nullptr;
  std::string_view author;
  std::span<const std::string_view> business;
};

// Findings in reply order. The business's own contacts (listed in `business`, or introduced
// by a phrase of the lexicon `channel_intro`) are not leaks.
std::vector<PiiHit> ScanPii(const PiiInput& in);

// Luhn checksum over the digits of `digits` (non-digits ignored).
bool LuhnValid(std::string_view digits);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_PII_H_
