// Rule evaluation: where each phrase, sequence and refusal rule of a language fires in a reply,
// with negation, quotation and `unless` applied (schema.md). Check rules are not evaluated here.
#ifndef TACT_CORE_SRC_RULE_EVALUATION_H_
#define TACT_CORE_SRC_RULE_EVALUATION_H_

#include <span>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "packs.h"

namespace tact::internal {

// True when `gap` (the input between two tokens, Text::Gap) holds a clause break: a comma, a
// semicolon, a colon, a line break, or a dash that stands between words ("–", "—", " - ").
bool ClauseBreak(std::string_view gap);

// True when `m` lies inside a longer match of `others` ("problems" in "no problems", "mais pas" in
// "mais pas dramatique").
bool InsideLonger(TokenRange m, std::span<const TokenRange> others);

// True when a negation word lies inside `range` ("toujours pas", "not received").
bool HoldsNegation(const Language& lang, const Analysis& a, TokenRange range);

// A match of the lexicon `negation` that negates: not part of a compound ("no-show") nor of an
// idiom (lexicon `negation_idioms`: "no problem", « n'hésitez pas »).
bool NegationWord(const Language& lang, const Analysis& a, TokenRange negation);

// True when a negation word (lexicon negation, idioms aside) stands in the three tokens before
// `range`, in its clause: "pas désolés", "aucun problème"; not "ce n'est pas un détail : désolés".
bool Negated(const Language& lang, const Analysis& a, TokenRange range);

// True when `range` is quoted: inside quotation marks, a few words in single quotes, or after a
// reported-speech cue of its sentence (lexicon reported_speech) with no turn in between.
bool Quoted(const Language& lang, const Analysis& a, TokenRange range);

// Negated, for a polarity cue (lexicons complaint_cues, praise_cues): a cue that holds a
// negation word itself is never negated by the one before it.
bool NegatedCue(const Language& lang, const Analysis& a, TokenRange range);

// Where `rule` fires in the reply: leftmost-longest, non-overlapping token ranges.
std::vector<TokenRange> Evaluate(const Language& lang, const Rule& rule, const Analysis& reply,
                                 const Analysis* review);

struct RuleHit {
  const Rule* rule;
  TokenRange range;
};

struct RuleOutcome {
  std::vector<int> values;          ///< per rubric index: -1 nothing, 1 partial, 2 met (criteria)
  std::vector<RuleHit> violations;  ///< in rule order, then reply order
  std::vector<bool> covered;        ///< reply tokens inside a criterion rule's match
  std::vector<std::vector<TokenRange>> met;  ///< per criterion: where a rule fully meets it
  bool review_refusal = false;  ///< the review refuses something (a refusal rule's review side)
};

// Every phrase, sequence and refusal rule of `lang` over the reply.
RuleOutcome EvaluateRules(const Language& lang, const Rubric& rubric, const Analysis& reply,
                          const Analysis* review);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_RULE_EVALUATION_H_
