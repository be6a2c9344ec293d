// generic: a stock reply that shares nothing specific with the review (understanding not even
// partly met) and is mostly formulas.
#include "checks.h"

namespace tact::internal {

CheckResult CheckGeneric(const CheckInput& in, bool specific, bool review_topics,
                         const std::vector<bool>& stock, const std::vector<bool>& covered) {
  CheckResult out;
  const Rule* rule = in.lang.Check("generic");
  const std::vector<Token>& tokens = in.reply.text.tokens;
  if (rule == nullptr || in.review == nullptr || specific || tokens.empty()) return out;
  // A review that raises no topic and says nothing specific ("Parfait !", "Top") leaves
  // nothing to be specific about: a stock thank-you is then no fault.
  int content_words = 0;
  for (const Token& t : in.review->text.tokens) {
    if (t.Has(kTokenLetters) && t.norm.size() >= 4 && !in.lang.stopwords.contains(t.norm)) {
      ++content_words;
    }
  }
  if (!review_topics && content_words < rule->params.Number("min_review_words")) return out;
  size_t words = 0;
  size_t formulas = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].Has(kTokenEmoji)) continue;
    ++words;
    if (covered[i] || stock[i]) ++formulas;
  }
  const auto short_reply = static_cast<size_t>(rule->params.Number("short_reply_words"));
  const auto min_percent = static_cast<size_t>(rule->params.Number("min_stock_percent"));
  if (words > short_reply && formulas * 100 < words * min_percent) return out;
  // The whole reply, from its first byte ("@115741 Noted" starts at '@').
  const Span span = SpanOf(in.reply.text, 0, tokens.back().end);
  AddCheckFinding(rule, &span, &out.findings);
  return out;
}

}  // namespace tact::internal
