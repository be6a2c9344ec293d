// The heuristic checks (check_registry.h lists them), one file each. Every check takes what it
// reads and returns what it found; none keeps state between requests or passes it to another.
#ifndef TACT_CORE_SRC_CHECKS_H_
#define TACT_CORE_SRC_CHECKS_H_

#include <algorithm>
#include <string>
#include <vector>

#include "analysis.h"
#include "display_name.h"
#include "packs.h"
#include "tact/tact.h"

namespace tact::internal {

struct ReviewParts;

// What every check may read about one request.
struct CheckInput {
  const Language& lang;
  const Rubric& rubric;
  const Analysis& reply;
  const Analysis* review;  ///< null without a review
  const ScoreOptions& options;
  const DisplayName& author;
  const ReviewParts* review_parts;  ///< the review cut into parts (CutReview); null without one
};

// Stems for comparing content words (of three letters or more that are no stopwords: "spa",
// "vue", "ski" say what the review was about): the first five letters of the word without a
// plural ending, so "plats" and "plat", "crews" and "crew" are one word.
inline std::string_view SingularStem(const std::string& norm) {
  std::string_view w(norm);
  if (w.size() > 4 && (w.back() == 's' || w.back() == 'x')) w.remove_suffix(1);
  return w.substr(0, 5);
}

inline bool ContentWord(const Language& lang, const Token& t) {
  return t.Has(kTokenLetters) && t.norm.size() >= 3 && !lang.stopwords.contains(t.norm);
}

// One finding of a declared check rule: its message and suggestion come from the rule.
struct CheckFinding {
  const Rule* rule = nullptr;
  bool has_span = false;
  Span span;
  std::string id_suffix;       ///< appended to the rule id ("_delivery")
  std::string label;           ///< replaces "{label}" in the message
  std::string suggestion;      ///< replaces the rule's suggestion when not empty
  const Rule* note = nullptr;  ///< a rule whose message is appended ("copied from the review")
};

// What a check found: how far it meets its criterion (-1 nothing, 1 partial, 2 met) and its
// findings.
struct CheckResult {
  int value = -1;
  std::vector<CheckFinding> findings;
  std::string_view signer;     ///< signature: the first name (or initials) signing, as written
  bool gives_contact = false;  ///< pii: the reply gives the business's own phone or e-mail
};

// A finding of `rule` (which may be null when the language does not declare the check: then
// nothing is added) over `span` (null: no span).
inline void AddCheckFinding(const Rule* rule, const Span* span, std::vector<CheckFinding>* out,
                            std::string suggestion = "") {
  if (rule == nullptr) return;
  CheckFinding f;
  f.rule = rule;
  if (span != nullptr) {
    f.has_span = true;
    f.span = *span;
  }
  f.suggestion = std::move(suggestion);
  out->push_back(std::move(f));
}

CheckResult CheckGreeting(const CheckInput& in);   // greeting + wrong_name
CheckResult CheckSignature(const CheckInput& in);  // signature
CheckResult CheckLength(const CheckInput& in);     // length, with a too_short/too_long note
CheckResult CheckShouting(const CheckInput& in);   // shouting
CheckResult CheckPii(const CheckInput& in);        // pii

// Luhn checksum over the digits of `digits` (non-digits ignored); card numbers pass it.
bool LuhnValid(std::string_view digits);

// Reply tokens said by formulas that fit any review (greetings, sign-offs, team names, stock
// phrases): they never show understanding.
std::vector<bool> StockTokens(const Language& lang, const Analysis& reply);

// The review cut into parts: sentences, cut again where a word of the lexicons `contrast`
// ("mais", "but") or `clause_breaks` ("et toujours", "and still") opens a new part, so that
// "Le débit est bon mais l'installation a été une galère" is praise, then a complaint.
struct ReviewParts {
  std::vector<uint32_t> of_token;  ///< the part of each review token
  std::vector<bool> turned;        ///< per part: opened by a contrast word
  std::vector<bool> praise;        ///< per part: a praise cue (or a negated complaint cue)
  std::vector<bool> complaint;     ///< per part: a complaint cue (or a negated praise cue)
  bool PraiseOnly(uint32_t part) const { return praise[part] && !complaint[part]; }
};
ReviewParts CutReview(const Language& lang, const Analysis& review);

struct UnderstandingResult {
  CheckResult result;
  bool skipped = false;                ///< no review
  std::vector<const Topic*> raised;    ///< complaint topics of the review
  const Topic* first_topic = nullptr;  ///< for example sentences: the first unanswered one
  bool names_praise = false;  ///< under a complaint, the reply names a topic the review praised
};
// For a positive review the topics are what the customer liked, and restating their praise in
// the reply's own words is enough.
UnderstandingResult CheckUnderstanding(const CheckInput& in, const std::vector<bool>& formulas,
                                       bool positive);

// The review's polarity (spec §2a): from the rating when given (1-2 negative, 3 mixed, 4-5
// positive unless the text raises a complaint: mixed), else from complaint and praise cues
// (lexicons complaint_cues, praise_cues; a negated cue counts for the other side). Without a
// rating, words with neither (a question, banter, a store's name in a conversation) are neutral.
enum class Polarity : uint8_t { kNone, kNegative, kMixed, kPositive, kNeutral };
std::string_view PolarityName(Polarity polarity);  // "" for kNone
Polarity CheckPolarity(const CheckInput& in);

// The span of the reply sentence [begin, end) (token indexes) without its opening formulas and
// the name after them ("Bonjour Luc, …"): what a sentence-level finding highlights.
Span SentenceBody(const Text& text, const std::vector<bool>& stock, size_t begin, size_t end);

struct RuleOutcome;
// mockery.wink: a winking or laughing emoji in a reply to a complaint, outside thanks and apology.
CheckResult CheckWink(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                      const std::vector<bool>& stock);

// Marks, per sentence of `a`, whether one of `ranges` starts in it.
void MarkSentences(const Analysis& a, std::span<const TokenRange> ranges,
                   std::vector<bool>* sentences);
// Marks the reply sentences that thank, apologise, solve or invite (a rule meets the criterion
// there): sentences that answer the customer, which the irony checks leave alone.
void MarkAnsweringSentences(const CheckInput& in, const RuleOutcome& rules,
                            std::vector<bool>* sentences);

// The content-word stems (SingularStem) of the review's complaint parts, each with its part,
// sorted: a part that complains (a cue), or under a negative review any part that does not
// praise. What checks compare a reply sentence with to tell whether it takes up the complaint.
bool ComplaintPart(const ReviewParts& parts, Polarity polarity, uint32_t part);
// The sorted content-word stems (SingularStem) of the review tokens `keep(index)` selects.
template <typename Keep>
std::vector<std::string_view> ReviewStems(const CheckInput& in, Keep keep) {
  std::vector<std::string_view> stems;
  const std::vector<Token>& review = in.review->text.tokens;
  for (size_t i = 0; i < review.size(); ++i) {
    if (ContentWord(in.lang, review[i]) && keep(i)) stems.push_back(SingularStem(review[i].norm));
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}
std::vector<std::pair<std::string_view, uint32_t>> ComplainedStems(const CheckInput& in,
                                                                   Polarity polarity);

// mockery.scare_quotes: one or two of the customer's complaint words put in quotation marks by
// the reply ("your 'faulty' kettle"), outside a sentence that apologises or agrees.
CheckResult CheckScareQuotes(const CheckInput& in, Polarity polarity, const RuleOutcome& rules);

// mockery.cheer: a glad or hopeful sentence about what the customer complains of, in a reply
// that neither apologises sincerely nor agrees.
CheckResult CheckCheer(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                       const std::vector<bool>& stock);

// True when a match of `lexicon` in `a` is not negated.
bool AnyUnnegated(const Language& lang, const Analysis& a, std::string_view lexicon);
// The apology criterion is met and no conditional apology or "but" undoes it.
bool SincereApology(const Rubric& rubric, const RuleOutcome& rules);
// policy_wall.rule: a rule and what it forbids, in a reply to a complaint with no way out.
CheckResult CheckPolicyWall(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                            const std::vector<bool>& stock);
// argue.contradiction: reply sentences that assert, about what the customer complains of, the
// opposite of their account, in a reply that neither apologises sincerely nor agrees.
CheckResult CheckContradiction(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                               const std::vector<bool>& stock);

// argue.attack: an insult in a reply to a complaint also disputes it (once, on the first insult,
// unless a phrase rule or `contradiction` already reports the argument).
CheckResult CheckArgueAttack(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                             const CheckResult& contradiction);

// ignores_refusal.offered: the reply offers what the review refuses in its own words.
CheckResult CheckRefusal(const CheckInput& in, const RuleOutcome& rules,
                         const std::vector<bool>& stock);

// Nothing specific to the review, and mostly stock phrases. `specific`: the reply names something
// of the review (understanding at least partly met, or praise named under a complaint);
// `review_topics` whether the review raised any; `covered` marks tokens said by criterion rules.
CheckResult CheckGeneric(const CheckInput& in, bool specific, bool review_topics,
                         const std::vector<bool>& stock, const std::vector<bool>& covered);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_CHECKS_H_
