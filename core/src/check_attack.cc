// argue.attack: an insult in a reply to a complaint ("vous mentez", "people like you", "some
// customers just like a moan") attacks the person to dispute what they lived: the reply argues
// with the customer as much as it insults them. Reported once, on the first insult, when no
// phrase rule or contradiction already reports the argument.
#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

CheckResult CheckArgueAttack(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                             const CheckResult& contradiction) {
  CheckResult out;
  const Rule* rule = in.lang.Check("argue.attack");
  if (rule == nullptr || in.review == nullptr || !contradiction.findings.empty()) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  const int insult = in.rubric.Index("insult");
  const int argue = in.rubric.Index("argue");
  const RuleHit* first = nullptr;
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->criterion == argue) return out;
    if (hit.rule->criterion == insult && first == nullptr) first = &hit;
  }
  if (first == nullptr) return out;
  const Span span = TokenSpan(in.reply.text, first->range);
  AddCheckFinding(rule, &span, &out.findings);
  return out;
}

}  // namespace tact::internal
