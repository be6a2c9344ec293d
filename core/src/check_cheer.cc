// mockery.cheer: cheerfulness about what the customer complains of ("Hope the generator kept
// you cozy", "Glad to hear the 'blue blob' went down well", "Heureux de voir que le manteau est
// finalement arrivé"). No mocking word is needed: a glad or hopeful sentence (lexicon
// `cheer_cues`) that takes up a word of a complaint part of the review turns the complaint into
// a joke, in a reply that neither apologises sincerely nor agrees. A sentence that reports a
// remedy (the rule's `resolved_lexicons`: "glad it's fixed") or thanks, apologises, solves or
// invites is good news, not irony. Reported once, when no phrase rule reports mockery already.
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

CheckResult CheckCheer(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                       const std::vector<bool>& stock) {
  CheckResult out;
  const Rule* rule = in.lang.Check("mockery.cheer");
  if (rule == nullptr || in.review == nullptr || in.review_parts == nullptr) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  const std::span<const TokenRange> cues = in.reply.matches.Of(in.lang.Lexicon("cheer_cues"));
  if (cues.empty()) return out;
  const Rubric& rubric = in.rubric;
  const int mockery = rubric.Index("mockery");
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->criterion == mockery) return out;
  }
  if (SincereApology(rubric, rules) || AnyUnnegated(in.lang, in.reply, "agreement") ||
      AnyUnnegated(in.lang, in.reply, "owned_fault")) {
    return out;
  }
  const std::vector<Token>& tokens = in.reply.text.tokens;
  std::vector<bool> skipped(tokens.back().sentence + 1, false);
  for (const std::string& lexicon : rule->params.List("resolved_lexicons")) {
    MarkSentences(in.reply, in.reply.matches.Of(in.lang.Lexicon(lexicon)), &skipped);
  }
  // A sentence a phrase rule already reports ("at least it arrived" is minimizing) is that.
  for (const RuleHit& hit : rules.violations) skipped[tokens[hit.range.begin].sentence] = true;
  MarkAnsweringSentences(in, rules, &skipped);
  const std::vector<std::pair<std::string_view, uint32_t>> complained =
      ComplainedStems(in, polarity);
  // Words the review also praises ("Très beau meuble. … le meuble et 20 € de frais") are the
  // good news the reply may be glad about.
  const ReviewParts& parts = *in.review_parts;
  const std::vector<std::string_view> praised =
      ReviewStems(in, [&](size_t i) { return parts.praise[parts.of_token[i]]; });
  // "Issue", "problème": naming the problem in general is no joke about it.
  std::vector<bool> generic_word(tokens.size(), false);
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("problem_nouns"))) {
    for (uint32_t i = m.begin; i < m.end; ++i) generic_word[i] = true;
  }
  for (TokenRange m : cues) {
    const uint32_t s = tokens[m.begin].sentence;
    if (skipped[s] || Negated(in.lang, in.reply, m)) continue;
    size_t begin = m.begin;
    while (begin > 0 && tokens[begin - 1].sentence == s) --begin;
    size_t end = m.end;
    while (end < tokens.size() && tokens[end].sentence == s) ++end;
    if (tokens[begin].Has(kTokenQuestion)) continue;
    // What the gladness is about: the words after the cue, up to the end of its clause ("So
    // glad you enjoyed the meal, and we've noted the wait" is glad about the meal).
    for (size_t i = m.end; i < end; ++i) {
      if (i > m.end && in.reply.text.Gap(i - 1, i).find_first_of(",;:") != std::string_view::npos) {
        break;
      }
      if (stock[i] || generic_word[i] || !ContentWord(in.lang, tokens[i])) continue;
      const std::string_view stem = SingularStem(tokens[i].norm);
      const auto it = std::lower_bound(complained.begin(), complained.end(),
                                       std::pair<std::string_view, uint32_t>(stem, 0));
      if (it == complained.end() || it->first != stem ||
          std::binary_search(praised.begin(), praised.end(), stem)) {
        continue;
      }
      const Span span = SentenceBody(in.reply.text, stock, begin, end);
      AddCheckFinding(rule, &span, &out.findings);
      return out;
    }
  }
  return out;
}

}  // namespace tact::internal
