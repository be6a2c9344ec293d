// The parts of a review (checks.h): polarity and understanding read praise and complaints
// part by part.
#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

ReviewParts CutReview(const Language& lang, const Analysis& review) {
  const std::vector<Token>& tokens = review.text.tokens;
  std::vector<uint8_t> opens(tokens.size(), 0);  // 1: another part, 2: a turn
  for (TokenRange m : review.matches.Of(lang.Lexicon("clause_breaks"))) opens[m.begin] = 1;
  // A contrast word that ends its clause turns the clause it ends ("Lovely dress, runs small
  // though."): the turn starts after the comma before it, or with the sentence.
  const auto comma_between = [&](size_t a, size_t b) {
    return review.text.Gap(a, b).find_first_of(",;") != std::string_view::npos;
  };
  for (TokenRange m : review.matches.Of(lang.Lexicon("contrast"))) {
    const bool ends_clause = m.end == tokens.size() ||
                             tokens[m.end].sentence != tokens[m.end - 1].sentence ||
                             comma_between(m.end - 1, m.end);
    uint32_t start = m.begin;
    if (ends_clause) {
      while (start > 0 && tokens[start - 1].sentence == tokens[m.begin].sentence &&
             !comma_between(start - 1, start)) {
        --start;
      }
    }
    opens[start] = 2;
  }
  ReviewParts parts;
  parts.of_token.resize(tokens.size(), 0);
  parts.turned.push_back(!tokens.empty() && opens[0] == 2);
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (opens[i] != 0 || tokens[i].sentence != tokens[i - 1].sentence) {
      parts.turned.push_back(opens[i] == 2);
    }
    parts.of_token[i] = static_cast<uint32_t>(parts.turned.size() - 1);
  }
  parts.praise.assign(parts.turned.size(), false);
  parts.complaint.assign(parts.turned.size(), false);
  // As in polarity, a cue inside a longer cue of the other side does not count: "mais pas" is
  // no complaint in "mais pas dramatique".
  const auto mark = [&](std::string_view lexicon, std::string_view other, bool is_praise) {
    const std::span<const TokenRange> longer = review.matches.Of(lang.Lexicon(other));
    for (TokenRange m : review.matches.Of(lang.Lexicon(lexicon))) {
      if (InsideLonger(m, longer)) continue;
      const bool flipped = NegatedCue(lang, review, m);
      (is_praise != flipped ? parts.praise : parts.complaint)[parts.of_token[m.begin]] = true;
    }
  };
  mark("praise_cues", "complaint_cues", true);
  mark("complaint_cues", "praise_cues", false);
  return parts;
}

}  // namespace tact::internal
