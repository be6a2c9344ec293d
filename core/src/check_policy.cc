// policy_wall.rule: a sentence that answers with a rule and what it forbids ("les frais
// d'hébergement ne relèvent pas de la garantie", "all applications must go through our standard
// process", "as per clause 12(b) … is mandatory"): a source of rules (`rule_sources`: conditions,
// loi, procédure, terms, policy, system) and a restriction (`restriction_cues`: ne relève pas,
// n'ouvre pas droit, must, unable to, not covered) in one sentence, in a reply to a complaint that
// offers no human way out: no sincere apology, nothing of `way_out_cues` ("à titre
// exceptionnel", "nous pouvons", "we can", "as an exception").
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

CheckResult CheckPolicyWall(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                            const std::vector<bool>& stock) {
  CheckResult out;
  const Rule* rule = in.lang.Check("policy_wall.rule");
  if (rule == nullptr || in.review == nullptr) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  const Rubric& rubric = in.rubric;
  if (SincereApology(rubric, rules) || AnyUnnegated(in.lang, in.reply, "way_out_cues")) return out;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  if (tokens.empty()) return out;
  const size_t sentences = tokens.back().sentence + 1;
  std::vector<uint8_t> has(sentences, 0);  // 1: a rule source, 2: a restriction
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("rule_sources"))) {
    has[tokens[m.begin].sentence] |= 1;
  }
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("restriction_cues"))) {
    has[tokens[m.begin].sentence] |= 2;
  }
  // A sentence where a phrase rule already reports policy_wall says it once.
  const int criterion = rubric.Index("policy_wall");
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->criterion == criterion) has[tokens[hit.range.begin].sentence] = 0;
  }
  for (size_t begin = 0; begin < tokens.size();) {
    const uint32_t s = tokens[begin].sentence;
    size_t end = begin;
    while (end < tokens.size() && tokens[end].sentence == s) ++end;
    if (has[s] == 3 && !tokens[begin].Has(kTokenQuestion)) {
      const Span span = SentenceBody(in.reply.text, stock, begin, end);
      AddCheckFinding(rule, &span, &out.findings);
      return out;  // one finding says it
    }
    begin = end;
  }
  return out;
}

}  // namespace tact::internal
