// ignores_refusal.offered: the customer refuses something in their own words ("je ne veux pas
// de soin offert", "pas la peine de m'envoyer un code promo", "stop calling me") and the reply
// offers it anyway ("nous vous offrons un soin apaisant"). The refused thing is what follows a
// cue of `refusal_cues` in the review, up to `window` tokens in its clause; the reply takes it
// up when it names one of its words, or a word of the same kind (lexicons named by `kinds`:
// a voucher for a voucher, a call for a call), not negated and not in a question. The phrase
// rules of the pack list the usual pairs; this finds the ones they do not list.
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {
CheckResult CheckRefusal(const CheckInput& in, const RuleOutcome& rules,
                         const std::vector<bool>& stock) {
  CheckResult out;
  const Rule* rule = in.lang.Check("ignores_refusal.offered");
  if (rule == nullptr || in.review == nullptr) return out;
  const auto window = static_cast<uint32_t>(rule->params.Number("window"));
  const std::vector<std::string>& kinds = rule->params.List("kinds");
  const std::vector<Token>& review = in.review->text.tokens;

  // What the customer refuses: content words after each cue, and the kinds named there.
  std::vector<std::string_view> refused;
  std::vector<int> refused_kinds;
  // A clause break (ClauseBreak) ends what is refused, right after the cue too: "do not call me,
  // I want this in writing" refuses the call, not the writing.
  for (TokenRange cue : in.review->matches.Of(in.lang.Lexicon("refusal_cues"))) {
    uint32_t end = cue.end;
    while (end < review.size() && end < cue.end + window &&
           review[end].sentence == review[cue.begin].sentence &&
           !ClauseBreak(in.review->text.Gap(end - 1, end))) {  // end > cue.begin
      ++end;
    }
    for (uint32_t i = cue.end; i < end; ++i) {
      if (ContentWord(in.lang, review[i])) refused.push_back(SingularStem(review[i].norm));
    }
    for (const std::string& kind : kinds) {
      const int group = in.lang.Lexicon(kind);
      for (TokenRange m : in.review->matches.Of(group)) {
        if (m.begin >= cue.begin && m.begin < end) refused_kinds.push_back(group);
      }
    }
  }
  if (refused.empty() && refused_kinds.empty()) return out;
  std::sort(refused.begin(), refused.end());

  // Reply tokens that offer it: a refused word, or a match of a refused kind; not negated ("pas
  // de bon d'achat, comme vous le demandez") and not in a question.
  const std::vector<Token>& tokens = in.reply.text.tokens;
  // A refused noun that is also a verb ("je ne veux pas d'avoir"): after an object pronoun in the
  // reply it is the verb ("merci de nous avoir prévenus"), not the thing refused.
  const std::vector<std::string>& verb_after = rule->params.List("verb_after");
  const auto as_verb = [&](size_t j) {
    return j > 0 && tokens[j - 1].sentence == tokens[j].sentence &&
           std::find(verb_after.begin(), verb_after.end(), tokens[j - 1].norm) != verb_after.end();
  };
  std::vector<uint8_t> offered(tokens.size(), 0);  // 1: a refused word, 2: a refused kind
  for (size_t j = 0; j < tokens.size(); ++j) {
    offered[j] = !stock[j] && ContentWord(in.lang, tokens[j]) && !as_verb(j) &&
                 std::binary_search(refused.begin(), refused.end(), SingularStem(tokens[j].norm)) &&
                 !Negated(in.lang, in.reply,
                          TokenRange{static_cast<uint32_t>(j), static_cast<uint32_t>(j + 1)});
  }
  // Kinds that are things ("un avoir"), not acts ("vous appeler"): after an object pronoun
  // their word is a verb.
  std::vector<int> noun_kinds;
  for (const std::string& kind : rule->params.List("noun_kinds")) {
    noun_kinds.push_back(in.lang.Lexicon(kind));
  }
  for (int group : refused_kinds) {
    const bool noun = std::find(noun_kinds.begin(), noun_kinds.end(), group) != noun_kinds.end();
    for (TokenRange m : in.reply.matches.Of(group)) {
      if (Negated(in.lang, in.reply, m) || (noun && as_verb(m.begin))) continue;
      for (uint32_t i = m.begin; i < m.end; ++i) offered[i] = 2;
    }
  }
  // The reply also has to offer, promise or do something in that sentence: a word of the
  // lexicon `offer_cues` ("offrons", "crédité", "va vous contacter", "we'll send").
  std::vector<bool> offering(tokens.empty() ? 0 : tokens.back().sentence + 1, false);
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("offer_cues"))) {
    if (!Negated(in.lang, in.reply, m)) offering[tokens[m.begin].sentence] = true;
  }
  // Sentences where a phrase rule of the criterion already reports it.
  const int criterion = in.rubric.Index("ignores_refusal");
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->criterion == criterion) offering[tokens[hit.range.begin].sentence] = false;
  }
  // The first run of offered words ("free treatment", "code promo"), a kind first: "un bon
  // d'achat" says what is offered better than "envoyons".
  for (uint8_t want : {2, 1}) {
    for (size_t j = 0; j < tokens.size(); ++j) {
      if (offered[j] < want || tokens[j].Has(kTokenQuestion) || !offering[tokens[j].sentence]) {
        continue;
      }
      size_t end = j + 1;
      while (end < tokens.size() && offered[end] >= want &&
             tokens[end].sentence == tokens[j].sentence) {
        ++end;
      }
      const Span span = TokenSpan(in.reply.text,
                                  TokenRange{static_cast<uint32_t>(j), static_cast<uint32_t>(end)});
      AddCheckFinding(rule, &span, &out.findings);
      return out;  // one finding says it
    }
  }
  return out;
}

}  // namespace tact::internal
