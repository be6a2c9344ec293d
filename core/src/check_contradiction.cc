// argue.contradiction: a reply sentence that states, as a fact, the opposite of what the
// customer says they lived ("Le technicien n'est jamais venu" → "Notre technicien s'est
// présenté à 9h10 et a sonné deux fois"). No debating word is needed: a sentence that takes up
// the words of a complaint and asserts something about it (lexicon `assertion_cues`: "bien",
// "systématiquement", "comme convenu", a time, "our records", "clearly", "did", a denial)
// disputes the customer's account in public. Sentences that promise, invite, thank, apologise
// or solve (`assertion_skips`, the criteria's own matches) are not assertions, and a reply that
// apologises sincerely or agrees with the customer (`agreement`, `owned_fault`) corrects with
// facts and respect, which spec §1 allows.
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

void MarkSentences(const Analysis& a, std::span<const TokenRange> ranges,
                   std::vector<bool>* sentences) {
  for (TokenRange m : ranges) (*sentences)[a.text.tokens[m.begin].sentence] = true;
}

void MarkAnsweringSentences(const CheckInput& in, const RuleOutcome& rules,
                            std::vector<bool>* sentences) {
  for (std::string_view criterion : {"thanks", "apology", "solution", "private_channel"}) {
    const int c = in.rubric.Index(criterion);
    if (c >= 0 && c < static_cast<int>(rules.met.size())) {
      MarkSentences(in.reply, rules.met[c], sentences);
    }
  }
}

bool ComplaintPart(const ReviewParts& parts, Polarity polarity, uint32_t part) {
  return parts.complaint[part] || (polarity == Polarity::kNegative && !parts.praise[part]);
}

std::vector<std::pair<std::string_view, uint32_t>> ComplainedStems(const CheckInput& in,
                                                                   Polarity polarity) {
  const ReviewParts& parts = *in.review_parts;
  const std::vector<Token>& review = in.review->text.tokens;
  std::vector<std::pair<std::string_view, uint32_t>> complained;
  for (size_t i = 0; i < review.size(); ++i) {
    if (ComplaintPart(parts, polarity, parts.of_token[i]) && ContentWord(in.lang, review[i])) {
      complained.emplace_back(SingularStem(review[i].norm), parts.of_token[i]);
    }
  }
  std::sort(complained.begin(), complained.end());
  complained.erase(std::unique(complained.begin(), complained.end()), complained.end());
  return complained;
}

bool AnyUnnegated(const Language& lang, const Analysis& a, std::string_view lexicon) {
  for (TokenRange m : a.matches.Of(lang.Lexicon(lexicon))) {
    if (!Negated(lang, a, m)) return true;
  }
  return false;
}

bool SincereApology(const Rubric& rubric, const RuleOutcome& rules) {
  const int apology = rubric.Index("apology");
  if (apology < 0 || apology >= static_cast<int>(rules.values.size()) ||
      rules.values[apology] != 2) {
    return false;
  }
  for (const RuleHit& hit : rules.violations) {
    const std::string& id = rubric.entries[hit.rule->criterion].id;
    if (id == "apology_but" || id == "conditional_apology") return false;
  }
  return true;
}

namespace {

// Stems of the complaint cues the review says plainly, in its complaint parts: no negation
// before them and none inside them. Sorted.
std::vector<std::string_view> PlainComplaintWords(const CheckInput& in, Polarity polarity) {
  const Analysis& review = *in.review;
  const ReviewParts& parts = *in.review_parts;
  std::vector<std::string_view> words;
  for (TokenRange m : review.matches.Of(in.lang.Lexicon("complaint_cues"))) {
    if (!ComplaintPart(parts, polarity, parts.of_token[m.begin]) || Negated(in.lang, review, m) ||
        HoldsNegation(in.lang, review, m)) {
      continue;
    }
    for (uint32_t i = m.begin; i < m.end; ++i) {
      const Token& t = review.text.tokens[i];
      if (ContentWord(in.lang, t)) words.push_back(SingularStem(t.norm));
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// A word-list parameter of the check, normalised as tokens are ("Déjà" → "deja").
std::vector<std::string> NormalizedWords(const Rule& rule, std::string_view param) {
  std::vector<std::string> words;
  for (const std::string& w : rule.params.List(param)) words.push_back(NormalizeWord(w));
  return words;
}

bool OneOf(const std::vector<std::string>& words, const std::string& norm) {
  return std::find(words.begin(), words.end(), norm) != words.end();
}

}  // namespace

Span SentenceBody(const Text& text, const std::vector<bool>& stock, size_t begin, size_t end) {
  size_t first = begin;
  while (first + 1 < end && stock[first]) ++first;
  if (first > begin) {
    constexpr size_t kGreetingNameTokens = 4;
    for (size_t j = first; j + 1 < end && j < first + kGreetingNameTokens; ++j) {
      if (text.Gap(j, j + 1).find_first_of(",:") != std::string_view::npos) {
        first = j + 1;
        break;
      }
    }
  }
  return TokenSpan(text, TokenRange{static_cast<uint32_t>(first), static_cast<uint32_t>(end)});
}

CheckResult CheckContradiction(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                               const std::vector<bool>& stock) {
  CheckResult out;
  const Rule* rule = in.lang.Check("argue.contradiction");
  if (rule == nullptr || in.review == nullptr || in.review_parts == nullptr) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  const Rubric& rubric = in.rubric;
  // A sincere apology or an agreement: the reply owns the experience, and a fact given after
  // that is a correction, not a debate.
  if (SincereApology(rubric, rules) || AnyUnnegated(in.lang, in.reply, "agreement") ||
      AnyUnnegated(in.lang, in.reply, "owned_fault")) {
    return out;
  }

  // The customer's words, from the parts that complain, with the part they are in.
  const ReviewParts& parts = *in.review_parts;
  const auto complaint_part = [&](uint32_t p) { return ComplaintPart(parts, polarity, p); };
  const std::vector<std::pair<std::string_view, uint32_t>> complained =
      ComplainedStems(in, polarity);  // (stem, part)
  const int negation = in.lang.Lexicon("negation");
  std::vector<bool> part_negated(parts.turned.size(), false);
  for (TokenRange m : in.review->matches.Of(negation)) part_negated[parts.of_token[m.begin]] = true;
  // Reply tokens that name a topic the customer complains of ("facturé" → "le tarif").
  const std::vector<Token>& tokens = in.reply.text.tokens;
  std::vector<bool> on_topic(tokens.size(), false);
  for (const Topic& topic : in.lang.topics) {
    const std::span<const TokenRange> raised = in.review->matches.Of(topic.group);
    if (std::none_of(raised.begin(), raised.end(),
                     [&](TokenRange m) { return complaint_part(parts.of_token[m.begin]); })) {
      continue;
    }
    for (TokenRange m : in.reply.matches.Of(topic.group)) {
      for (uint32_t i = m.begin; i < m.end; ++i) on_topic[i] = true;
    }
  }
  if (tokens.empty()) return out;
  const size_t sentences = tokens.back().sentence + 1;
  std::vector<bool> skipped(sentences, false);
  MarkSentences(in.reply, in.reply.matches.Of(in.lang.Lexicon("assertion_skips")), &skipped);
  MarkAnsweringSentences(in, rules, &skipped);
  // An assertion: a cue that asserts by itself ("a bien", "systématiquement", "our records
  // show"), or two details that make a statement a record ("le 3 avril" + "à 14 h").
  constexpr int kCue = 2;
  std::vector<int> asserted(sentences, 0);
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("assertion_cues"))) {
    asserted[tokens[m.begin].sentence] += kCue;
  }
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("assertion_details"))) {
    ++asserted[tokens[m.begin].sentence];
  }
  // Sentences where a phrase rule already reports a violation: argue said once, and a sentence
  // that hides behind a policy or blames the customer is that, not a debate of the facts.
  // A fault in the apology ("sorry for the outages, however our monitoring shows none") or in
  // the form (capitals, a leaked detail) is no such thing: the assertion is still a debate.
  std::vector<bool> reported(sentences, false);
  for (const RuleHit& hit : rules.violations) {
    const std::string& id = rubric.entries[hit.rule->criterion].id;
    if (id == "apology_but" || id == "conditional_apology" || id == "shouting" || id == "pii" ||
        id == "wrong_name" || id == "overpromise" || id == "ignores_refusal") {
      continue;
    }
    reported[tokens[hit.range.begin].sentence] = true;
  }

  const std::vector<std::string> earlier = NormalizedWords(*rule, "earlier_words");
  std::vector<bool> sentence_negated(sentences, false);
  for (TokenRange m : in.reply.matches.Of(negation)) {
    sentence_negated[tokens[m.begin].sentence] = true;
  }
  // The customer's own complaint words, said without a negation ("rude", « froid »): a reply
  // that takes one up under a negation denies it ("she wasn't rude at any point", « le plat
  // n'était pas froid »), which asserts by itself. A cue that holds its own negation ("not
  // received", « pas de réponse ») is not denied by a negated echo, it is restated.
  const std::vector<std::string_view> denied_words = PlainComplaintWords(in, polarity);
  // "Not too late", « pas un simple retard »: a degree word before the echo makes the negation
  // a reassurance or an acknowledgement, not a denial of what the customer lived.
  const std::vector<std::string> degree = NormalizedWords(*rule, "degree_words");
  const auto denied = [&](size_t j, std::string_view stem) {
    return !(j > 0 && OneOf(degree, tokens[j - 1].norm)) &&
           std::binary_search(denied_words.begin(), denied_words.end(), stem) &&
           Negated(in.lang, in.reply,
                   TokenRange{static_cast<uint32_t>(j), static_cast<uint32_t>(j + 1)});
  };

  size_t begin = 0;
  std::vector<std::pair<uint32_t, std::string_view>> shared;  // (part, stem) the sentence takes up
  while (begin < tokens.size()) {
    const uint32_t s = tokens[begin].sentence;
    size_t end = begin;
    bool echoes = false;
    bool said_earlier = false;
    bool denies = false;
    shared.clear();
    for (; end < tokens.size() && tokens[end].sentence == s; ++end) {
      if (stock[end]) continue;
      echoes = echoes || on_topic[end];
      said_earlier = said_earlier || OneOf(earlier, tokens[end].norm);
      if (!ContentWord(in.lang, tokens[end])) continue;
      const std::string_view stem = SingularStem(tokens[end].norm);
      denies = denies || denied(end, stem);
      auto it = std::lower_bound(complained.begin(), complained.end(),
                                 std::pair<std::string_view, uint32_t>(stem, 0));
      for (; it != complained.end() && it->first == stem; ++it) {
        echoes = true;
        shared.emplace_back(it->second, stem);
      }
    }
    // Two words of one part taken up with the same negation or none: the reply says what the
    // customer said ("Charged twice" → "our records show we charged you twice"), unless it says
    // it was so before them ("the derailleur was already bent").
    std::sort(shared.begin(), shared.end());
    shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
    bool restates = false;
    for (size_t i = 0; !said_earlier && i + 1 < shared.size(); ++i) {
      restates = restates || (shared[i].first == shared[i + 1].first &&
                              part_negated[shared[i].first] == sentence_negated[s]);
    }
    // "Already" said of the customer's words asserts by itself ("était déjà rayé").
    if (echoes && !restates && (asserted[s] >= kCue || said_earlier || denies) && !skipped[s] &&
        !reported[s] && !tokens[begin].Has(kTokenQuestion)) {
      const Span span = SentenceBody(in.reply.text, stock, begin, end);
      AddCheckFinding(rule, &span, &out.findings);
    }
    begin = end;
  }
  return out;
}

}  // namespace tact::internal
