// argue.contradiction: a reply sentence that states, as a fact, the opposite of what the
// customer says they lived ("Le technicien n'est jamais venu" → "Notre technicien s'est
// présenté à 9h10 et a sonné deux fois"). No debating word is needed: a sentence that takes up
// the words of a complaint and asserts something about it (lexicon `assertion_cues`: "bien",
// "systématiquement", "comme convenu", a time, "our records", "clearly", "did", a denial)
// disputes the customer's account in public. Sentences that promise, invite, thank, apologise
// or solve (`assertion_skips`, the criteria's own matches) are not assertions, and a reply that
// apologises sincerely or agrees with the customer (`agreement`, `owned_fault`) corrects with
// facts and respect, which spec §1 allows. A clause that negates a word the customer said
// plainly denies it by itself ("Gemma didn't touch her phone"), whatever answers elsewhere in
// its sentence.
#include <algorithm>
#include <iterator>
#include <tuple>

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

// Stems of every content word the review's complaint parts say without a negation before
// them ("the stylist was on her phone" → "styli", "phone"). Sorted.
std::vector<std::string_view> PlainComplainedStems(const CheckInput& in, Polarity polarity) {
  const Analysis& review = *in.review;
  const ReviewParts& parts = *in.review_parts;
  std::vector<std::string_view> words;
  for (uint32_t i = 0; i < review.text.tokens.size(); ++i) {
    const Token& t = review.text.tokens[i];
    if (ComplaintPart(parts, polarity, parts.of_token[i]) && ContentWord(in.lang, t) &&
        !review.text.Mention(i) && !Negated(in.lang, review, TokenRange{i, i + 1})) {
      words.push_back(SingularStem(t.norm));
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

// Words that join an elliptic contrast to what it corrects ("and not", « et non »).
constexpr std::string_view kContrastJoins[] = {"and", "but", "et", "mais"};

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
  std::vector<bool> answering_sentence(sentences, false);
  MarkAnsweringSentences(in, rules, &answering_sentence);
  // A denial is read clause by clause: a clause that thanks, solves or invites answers the
  // customer, but another clause of its sentence may still deny what they lived ("I've spoken
  // with Amanda, and she wasn't rude at any point"). An apology still answers its whole
  // sentence ("sorry, but that is the courier's" is apology_but's).
  std::vector<bool> apologising(sentences, false);
  if (const int apology = rubric.Index("apology");
      apology >= 0 && apology < static_cast<int>(rules.met.size())) {
    MarkSentences(in.reply, rules.met[apology], &apologising);
  }
  std::vector<uint32_t> clause(tokens.size(), 0);
  for (size_t i = 1; i < tokens.size(); ++i) {
    clause[i] = clause[i - 1] + (tokens[i].sentence != tokens[i - 1].sentence ||
                                 ClauseBreak(in.reply.text.Gap(i - 1, i)));
  }
  std::vector<bool> answering(clause.back() + 1, false);
  for (std::string_view criterion : {"thanks", "solution", "private_channel"}) {
    const int c = rubric.Index(criterion);
    if (c < 0 || c >= static_cast<int>(rules.met.size())) continue;
    for (TokenRange m : rules.met[c]) {
      for (uint32_t i = m.begin; i < m.end; ++i) answering[clause[i]] = true;
    }
  }
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
  // A fault in the apology ("sorry for the outages, however our monitoring shows none"), in
  // the form (capitals, a leaked detail) or in the tone (sarcasm: "the soup wasn't cold, that's
  // what we call a gazpacho") is no such thing: the assertion is still a debate.
  std::vector<bool> reported(sentences, false);
  for (const RuleHit& hit : rules.violations) {
    const std::string& id = rubric.entries[hit.rule->criterion].id;
    if (id == "apology_but" || id == "conditional_apology" || id == "shouting" || id == "pii" ||
        id == "wrong_name" || id == "overpromise" || id == "ignores_refusal" || id == "mockery") {
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
  // Any word the customer said plainly, denied in the clause that takes it up: the negation a
  // few words before it ("Gemma didn't touch her phone", "no orange in it at all") or right
  // after it, as its subject ("the sound didn't cut out once").
  const std::vector<std::string_view> plain_stems = PlainComplainedStems(in, polarity);
  // The negations that deny: a negation word (NegationWord: no idiom, no compound) other than
  // "without", not the « n » of « n° », not an elliptic contrast that redirects rather than
  // denies (« la panne vient du système fédéral, pas de la commune », "and not the hotel"), nor
  // one the reply reports after a word that acknowledges ("we understand the hours don't suit
  // everyone").
  const std::vector<std::string> acknowledging = NormalizedWords(*rule, "acknowledging_words");
  const std::vector<std::string> future = NormalizedWords(*rule, "future_words");
  const std::span<const TokenRange> restrictions =
      in.reply.matches.Of(in.lang.Lexicon("restriction_cues"));
  std::vector<TokenRange> negations;
  constexpr uint32_t kFutureReach = 3;
  {
    const std::string_view input = in.reply.text.input;
    const std::span<const TokenRange> all_negations = in.reply.matches.Of(negation);
    std::vector<bool> opens_negation(tokens.size(), false);
    for (TokenRange n : all_negations) opens_negation[n.begin] = true;
    // A negation inside another violation's words is that violation's ("I'd never have thought
    // of heating soup" is sarcasm, "bikes don't wander off by themselves" an insinuation).
    std::vector<bool> in_violation(tokens.size(), false);
    for (const RuleHit& hit : rules.violations) {
      for (uint32_t i = hit.range.begin; i < hit.range.end; ++i) in_violation[i] = true;
    }
    const auto word_at = [&](size_t i, const std::vector<std::string>& words) {
      return i < tokens.size() && OneOf(words, tokens[i].norm);
    };
    for (TokenRange m : all_negations) {
      const std::string& word = tokens[m.begin].norm;
      // "Without" says something was missing, as the customer did ("a weekend without wifi"),
      // and "works without signal" is no denial of "work": it denies nothing either way.
      if (!NegationWord(in.lang, in.reply, m) || word == "without" || word == "sans" ||
          in_violation[m.begin]) {
        continue;
      }
      const uint32_t after = tokens[m.end - 1].end;
      const bool elided =
          word != "n" || (after < input.size() &&
                          (input[after] == '\'' || input.substr(after, 3) == "\xE2\x80\x99"));
      const bool elliptic = m.end == m.begin + 1 &&
                            (word == "pas" || word == "non" || word == "not") && m.begin > 0 &&
                            (ClauseBreak(in.reply.text.Gap(m.begin - 1, m.begin)) ||
                             std::find(std::begin(kContrastJoins), std::end(kContrastJoins),
                                       tokens[m.begin - 1].norm) != std::end(kContrastJoins));
      // "Not too", « pas assez »: a degree; « n'arrivera plus », "no longer": a promise or a
      // state to come; « ne prévoient pas », "we can't": a rule (policy_wall's). None denies.
      const bool degree_after = word_at(m.end, degree);
      // « ne … plus », « plus jamais », "no longer", "never again".
      bool to_come = word_at(m.end, future) || word_at(m.end + 1, future) ||
                     (m.end > m.begin + 1 && word_at(m.end - 1, future));
      // « ne … que » restricts ("only"), it does not negate: « ne sont pris en charge que
      // lorsque … » is a rule.
      bool restrictive = false;
      if (word == "ne" || word == "n") {
        for (size_t i = m.end; i < tokens.size() && clause[i] == clause[m.begin]; ++i) {
          if (tokens[i].norm == "que" || tokens[i].norm == "qu") {
            restrictive = true;
            break;
          }
          if (opens_negation[i]) break;
        }
      }
      for (uint32_t i = m.begin; i > 0 && i + kFutureReach > m.begin && !to_come;) {
        to_come = clause[--i] == clause[m.begin] && word_at(i, future);
      }
      const bool rule_said =
          std::any_of(restrictions.begin(), restrictions.end(),
                      [&](TokenRange r) { return r.begin < m.end && m.begin < r.end; });
      bool acknowledged = false;
      for (uint32_t i = m.begin; i > 0 && clause[i - 1] == clause[m.begin] && !acknowledged;) {
        acknowledged = OneOf(acknowledging, tokens[--i].norm);
      }
      if (elided && !elliptic && !acknowledged && !degree_after && !to_come && !rule_said &&
          !restrictive) {
        negations.push_back(m);
      }
    }
  }
  constexpr size_t kObjectReach = 6;
  // When something happened is no complaint: "the technician doesn't come at the weekend"
  // takes up "all weekend" without denying the breakdown.
  const std::vector<std::string> times = NormalizedWords(*rule, "time_words");
  constexpr size_t kSubjectReach = 1;
  const auto denied_in_clause = [&](size_t j) {
    return std::any_of(negations.begin(), negations.end(), [&](TokenRange m) {
      if (clause[m.begin] != clause[j]) return false;
      return (m.end <= j && j - m.end < kObjectReach) ||
             (m.begin > j && m.begin - j <= kSubjectReach);
    });
  };
  // `plain`: the stem is in plain_stems; `negated_in_clause`: denied_in_clause(j). The caller
  // needs both for the sentence's restatement count, so it computes them once.
  const auto denied = [&](size_t j, std::string_view stem, bool plain, bool negated_in_clause) {
    if (j > 0 && OneOf(degree, tokens[j - 1].norm)) return false;
    if (plain && !OneOf(times, tokens[j].norm) && negated_in_clause) return true;
    return std::binary_search(denied_words.begin(), denied_words.end(), stem) &&
           Negated(in.lang, in.reply,
                   TokenRange{static_cast<uint32_t>(j), static_cast<uint32_t>(j + 1)});
  };

  size_t begin = 0;
  std::vector<std::pair<uint32_t, std::string_view>> shared;  // (part, stem) the sentence takes up
  // (part, stem, whether the reply takes it up with the review's negation or lack of one)
  std::vector<std::tuple<uint32_t, std::string_view, bool>> polarity_of_shared;
  while (begin < tokens.size()) {
    const uint32_t s = tokens[begin].sentence;
    size_t end = begin;
    bool echoes = false;
    bool said_earlier = false;
    bool denies = false;
    bool denies_in_free_clause = false;  // a denial outside the clauses that answer
    shared.clear();
    polarity_of_shared.clear();
    for (; end < tokens.size() && tokens[end].sentence == s; ++end) {
      if (stock[end]) continue;
      echoes = echoes || on_topic[end];
      said_earlier = said_earlier || OneOf(earlier, tokens[end].norm);
      if (!ContentWord(in.lang, tokens[end])) continue;
      const std::string_view stem = SingularStem(tokens[end].norm);
      const bool plain = std::binary_search(plain_stems.begin(), plain_stems.end(), stem);
      const bool negated_in_clause = denied_in_clause(end);
      if (denied(end, stem, plain, negated_in_clause)) {
        denies = true;
        denies_in_free_clause = denies_in_free_clause || !answering[clause[end]];
      }
      auto it = std::lower_bound(complained.begin(), complained.end(),
                                 std::pair<std::string_view, uint32_t>(stem, 0));
      const bool same_negation = negated_in_clause != plain;
      for (; it != complained.end() && it->first == stem; ++it) {
        echoes = true;
        shared.emplace_back(it->second, stem);
        polarity_of_shared.emplace_back(it->second, stem, same_negation);
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
    // A denial restates the part only when more of its words come back as the customer said
    // them than opposite: « un refus sur un motif qui n'avait pas été évoqué » takes up the
    // complaint, "an ash blonde with no orange in it" turns both its words around.
    std::sort(polarity_of_shared.begin(), polarity_of_shared.end());
    polarity_of_shared.erase(std::unique(polarity_of_shared.begin(), polarity_of_shared.end()),
                             polarity_of_shared.end());
    bool denial_restates = false;
    for (size_t i = 0; denies_in_free_clause && i < polarity_of_shared.size();) {
      size_t same = 0;
      size_t turned = 0;
      const uint32_t part = std::get<0>(polarity_of_shared[i]);
      for (; i < polarity_of_shared.size() && std::get<0>(polarity_of_shared[i]) == part; ++i) {
        ++(std::get<2>(polarity_of_shared[i]) ? same : turned);
      }
      denial_restates = denial_restates || (same >= 2 && same > turned);
    }
    // "Already" said of the customer's words asserts by itself ("était déjà rayé").
    const bool disputes =
        (denies_in_free_clause && !denial_restates && !apologising[s]) ||
        (!restates && (asserted[s] >= kCue || said_earlier || denies) && !answering_sentence[s]);
    if (echoes && disputes && !skipped[s] && !reported[s] && !tokens[begin].Has(kTokenQuestion)) {
      const Span span = SentenceBody(in.reply.text, stock, begin, end);
      AddCheckFinding(rule, &span, &out.findings);
    }
    begin = end;
  }
  return out;
}

}  // namespace tact::internal
