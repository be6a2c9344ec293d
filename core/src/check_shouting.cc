// shouting: a run of words in capitals in one sentence (acronyms and agent initials aside),
// and "!!" or "?!".
#include "checks.h"

namespace tact::internal {

CheckResult CheckShouting(const CheckInput& in) {
  CheckResult out;
  const Text& text = in.reply.text;
  const std::vector<Token>& tokens = text.tokens;
  if (const Rule* capitals = in.lang.Check("shouting.capitals")) {
    const size_t min_words = static_cast<size_t>(capitals->params.Number("min_words"));
    for (size_t i = 0; i < tokens.size();) {
      // A run of capitals in one sentence; agent initials ("^HSB") are a signature.
      const auto capital = [&](size_t k) {
        return tokens[k].Has(kTokenAllCaps) && tokens[k].sentence == tokens[i].sentence &&
               !(tokens[k].begin > 0 && text.input[tokens[k].begin - 1] == '^');
      };
      size_t j = i;
      while (j < tokens.size() && capital(j)) ++j;
      if (j > i && j - i >= min_words) {  // a run: "min_words": 0 made an empty one
        const Span span = TokenSpan(text, {static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
        const std::string_view shouted = text.input.substr(span.begin, span.end - span.begin);
        AddCheckFinding(capitals, &span, &out.findings, LowerUtf8(SanitizeUtf8(shouted)));
      }
      i = j == i ? i + 1 : j;
    }
  }
  if (const Rule* punctuation = in.lang.Check("shouting.punctuation")) {
    for (const Mark& m : text.bang_runs) {
      const Span span = SpanOf(text, m.begin, m.end);
      AddCheckFinding(punctuation, &span, &out.findings);
    }
  }
  return out;
}

}  // namespace tact::internal
