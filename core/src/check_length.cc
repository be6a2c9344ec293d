// length: readable, between min_words and max_words; partial outside, with a note saying which.
#include "checks.h"

namespace tact::internal {

CheckResult CheckLength(const CheckInput& in) {
  CheckResult out;
  const Rule* rule = in.lang.Check("length");
  if (rule == nullptr) return out;
  int words = 0;
  for (const Token& t : in.reply.text.tokens) {
    if (!t.Has(kTokenEmoji)) ++words;
  }
  if (words == 0) return out;
  if (words >= rule->params.Number("min_words") && words <= rule->params.Number("max_words")) {
    out.value = 2;
    return out;
  }
  out.value = 1;
  const bool short_reply = words < rule->params.Number("min_words");
  AddCheckFinding(in.lang.Check(short_reply ? "length.too_short" : "length.too_long"), nullptr,
                  &out.findings);
  return out;
}

}  // namespace tact::internal
