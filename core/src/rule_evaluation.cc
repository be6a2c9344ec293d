#include "rule_evaluation.h"

#include <algorithm>

namespace tact::internal {
namespace {

// A negation word this many tokens before a match, in its sentence, cancels it.
constexpr uint32_t kNegationWindow = 3;

bool Overlaps(TokenRange a, TokenRange b) { return a.begin < b.end && b.begin < a.end; }

// One range inside the other.
bool Nested(TokenRange a, TokenRange b) {
  return (a.begin <= b.begin && b.end <= a.end) || (b.begin <= a.begin && a.end <= b.end);
}

}  // namespace

namespace {

// Negated, leaving out the negations `spent` says belong to something else.
template <typename Spent>
bool NegatedUnless(const Language& lang, const Analysis& a, TokenRange range, Spent spent) {
  const int negation = lang.Lexicon("negation");
  if (negation < 0) return false;
  const std::vector<Token>& tokens = a.text.tokens;
  const uint32_t sentence = tokens[range.begin].sentence;
  const uint32_t from = range.begin > kNegationWindow ? range.begin - kNegationWindow : 0;
  for (TokenRange m : a.matches.Of(negation)) {
    if (m.begin < from || m.end > range.begin || tokens[m.begin].sentence != sentence) continue;
    if (NegationWord(lang, a, m) && !spent(m)) return true;
  }
  return false;
}

}  // namespace

bool NegationWord(const Language& lang, const Analysis& a, TokenRange m) {
  const std::vector<Token>& tokens = a.text.tokens;
  // A negation word hyphenated to the next one is part of a compound ("a no-show technician",
  // "non-stop"), not a negation.
  const uint32_t after = tokens[m.end - 1].end;
  if (m.end < tokens.size() && after + 1 == tokens[m.end].begin && a.text.input[after] == '-') {
    return false;
  }
  for (TokenRange i : a.matches.Of(lang.Lexicon("negation_idioms"))) {
    if (i.begin <= m.begin && m.end <= i.end) return false;
  }
  return true;
}

bool ClauseBreak(std::string_view gap) {
  return gap.find_first_of(",;:\n") != std::string_view::npos ||
         gap.find("\xE2\x80\x93") != std::string_view::npos ||  // en dash
         gap.find("\xE2\x80\x94") != std::string_view::npos ||  // em dash
         gap.find(" - ") != std::string_view::npos;
}

bool InsideLonger(TokenRange m, std::span<const TokenRange> others) {
  return std::any_of(others.begin(), others.end(), [&](TokenRange o) {
    return o.begin <= m.begin && m.end <= o.end && o.end - o.begin > m.end - m.begin;
  });
}

bool HoldsNegation(const Language& lang, const Analysis& a, TokenRange range) {
  const std::span<const TokenRange> negations = a.matches.Of(lang.Lexicon("negation"));
  return std::any_of(negations.begin(), negations.end(),
                     [&](TokenRange m) { return range.begin <= m.begin && m.end <= range.end; });
}

bool Negated(const Language& lang, const Analysis& a, TokenRange range) {
  // A negation does not reach past a clause break: in « ce n'est pas un détail : désolés » the
  // "pas" is the detail's, not the apology's; in "if it does not arrive, message me" the "not"
  // is the arrival's. (";" and line breaks end the sentence anyway.)
  return NegatedUnless(lang, a, range, [&](TokenRange negation) {
    return ClauseBreak(a.text.Gap(negation.end - 1, range.begin));
  });
}

bool NegatedCue(const Language& lang, const Analysis& a, TokenRange range) {
  // An emoji says how the customer feels whatever words stand before it ("no refund 😡").
  if (range.end == range.begin + 1 && a.text.tokens[range.begin].Has(kTokenEmoji)) return false;
  // A cue that holds its own negation ("toujours pas", "aucun problème") is one negation with
  // the "ne" before it ("n'est toujours pas arrivée", "il n'y a aucun problème").
  if (HoldsNegation(lang, a, range)) return false;
  // A negation already spent on a nearer cue does not reach this one: in "never disappointed,
  // always quick" the "never" is disappointment's, not quickness's.
  return NegatedUnless(lang, a, range, [&](TokenRange negation) {
    // Nor past a comma: in "pas cher, rapide, efficace" the "pas" is the price's.
    if (a.text.Gap(negation.end - 1, range.begin).find_first_of(",;") != std::string_view::npos) {
      return true;
    }
    for (std::string_view lexicon : {"praise_cues", "complaint_cues"}) {
      for (TokenRange c : a.matches.Of(lang.Lexicon(lexicon))) {
        // A cue after the negation, or one that holds it with the word it negates ("pas cher et
        // rapide"; not "still no", whose negation reaches on: "still no reliable signal").
        if ((c.begin >= negation.end || (c.begin <= negation.begin && negation.end < c.end)) &&
            c.end <= range.begin) {
          return true;
        }
      }
    }
    return false;
  });
}

namespace {

constexpr size_t kMaxSingleQuoted = 8;  // longer, a single quote is more likely an apostrophe

// Whether one of `turns` lies wholly between token `from` and token `to`: between two tokens of
// one sentence, it is in that sentence too.
bool TurnBetween(std::span<const TokenRange> turns, uint32_t from, uint32_t to) {
  return std::any_of(turns.begin(), turns.end(),
                     [&](TokenRange t) { return t.begin >= from && t.end <= to; });
}

}  // namespace

bool Quoted(const Language& lang, const Analysis& a, TokenRange range) {
  const std::vector<Token>& tokens = a.text.tokens;
  for (uint32_t i = range.begin; i < range.end; ++i) {
    if (tokens[i].Has(kTokenQuoted)) return true;
  }
  // A few words in single quotes are a quotation too ("'It happens' was the wrong answer").
  if (a.text.InSingleQuotes(range.begin, range.end, kMaxSingleQuoted)) return true;
  const uint32_t sentence = tokens[range.begin].sentence;
  for (TokenRange m : a.matches.Of(lang.Lexicon("reported_speech"))) {
    // The cue may take in the first word of what it reports ("you said our records…"); a turn
    // ends the report: in "you say our waiter shouted, but that didn't happen" the reply speaks.
    if (m.begin >= range.begin || tokens[m.begin].sentence != sentence) continue;
    if (!TurnBetween(a.matches.Of(lang.Lexicon("contrast")), m.end, range.begin)) return true;
  }
  return false;
}

namespace {

// Matches of `group` that survive `unless` (when `unless` >= 0), negation and quotation, and,
// when `whole_rule` (the reply side of the rule), `unless_sentence`, `unless_next_sentence` and
// the question mode.
std::vector<TokenRange> Filtered(const Language& lang, const Rule& rule, const Analysis& a,
                                 int group, int unless, bool whole_rule = true) {
  const std::vector<Token>& tokens = a.text.tokens;
  const std::span<const TokenRange> take_backs = a.matches.Of(lang.Lexicon("take_backs"));
  std::vector<TokenRange> out;
  for (TokenRange m : a.matches.Of(group)) {
    bool drop = false;
    for (TokenRange u : a.matches.Of(unless)) {
      if (Overlaps(m, u)) drop = true;
    }
    if (whole_rule) {
      // A negated exception does not count: "pas notre faute" owns nothing. One that holds its
      // own negation ("pas normal") is not negated by the "ne" before it: « ce n'est pas normal ».
      const auto stands = [&](TokenRange u) {
        return !Negated(lang, a, u) || HoldsNegation(lang, a, u);
      };
      // An exception that a turn takes back before the match excuses nothing: in "sorry about
      // the noise, but our website does advise…" the apology does not soften what follows.
      for (TokenRange u : a.matches.Of(rule.unless_sentence)) {
        if (tokens[u.begin].sentence == tokens[m.begin].sentence && stands(u) &&
            (rule.excused_across_turns || !TurnBetween(take_backs, u.end, m.begin))) {
          drop = true;
        }
      }
      // Evidence, then its reading: "Our logs show three calls from you. That's on us."
      for (TokenRange u : a.matches.Of(rule.unless_next_sentence)) {
        if (tokens[u.begin].sentence == tokens[m.begin].sentence + 1 && stands(u)) drop = true;
      }
      const bool question = tokens[m.begin].Has(kTokenQuestion);
      if ((rule.question == QuestionMode::kNo && question) ||
          (rule.question == QuestionMode::kOnly && !question)) {
        drop = true;
      }
    }
    if (drop) continue;
    if (rule.negatable && Negated(lang, a, m)) continue;
    if (!rule.in_quotes && Quoted(lang, a, m)) continue;
    out.push_back(m);
  }
  return out;
}

// Leftmost-longest, non-overlapping.
std::vector<TokenRange> NonOverlapping(std::vector<TokenRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](TokenRange x, TokenRange y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<TokenRange> out;
  for (TokenRange r : ranges) {
    if (out.empty() || r.begin >= out.back().end) out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<TokenRange> Evaluate(const Language& lang, const Rule& rule, const Analysis& reply,
                                 const Analysis* review) {
  std::vector<TokenRange> hits;
  switch (rule.kind) {
    case RuleKind::kPhrase:
      hits = Filtered(lang, rule, reply, rule.phrases, rule.unless);
      break;
    case RuleKind::kSequence: {
      const std::vector<Token>& tokens = reply.text.tokens;
      for (TokenRange first : Filtered(lang, rule, reply, rule.phrases, rule.unless)) {
        for (TokenRange then : reply.matches.Of(rule.then)) {
          if (then.begin < first.end ||
              then.begin - first.end > static_cast<uint32_t>(rule.within) ||
              tokens[then.begin].sentence != tokens[first.begin].sentence) {
            continue;
          }
          const TokenRange whole{first.begin, then.end};
          bool excluded = false;
          for (TokenRange u : reply.matches.Of(rule.unless))
            excluded = excluded || Overlaps(whole, u);
          if (!excluded) hits.push_back(whole);
          break;
        }
      }
      break;
    }
    case RuleKind::kRefusal:
    case RuleKind::kContrast:
      // The review side ignores `unless`: it lists the reply's exceptions.
      if (review == nullptr ||
          Filtered(lang, rule, *review, rule.review, -1, /*whole_rule=*/false).empty()) {
        break;
      }
      hits = Filtered(lang, rule, reply, rule.phrases, rule.unless);
      break;
    case RuleKind::kCheck:
      break;
  }
  return NonOverlapping(std::move(hits));
}

RuleOutcome EvaluateRules(const Language& lang, const Rubric& rubric, const Analysis& reply,
                          const Analysis* review) {
  RuleOutcome out;
  out.values.assign(rubric.size(), -1);
  out.covered.assign(reply.text.tokens.size(), false);
  out.met.resize(rubric.criterion_count);
  for (const Rule& rule : lang.rules) {
    if (rule.kind == RuleKind::kCheck) continue;
    if (rule.kind == RuleKind::kRefusal && review != nullptr && review->matches.Any(rule.review)) {
      out.review_refusal = true;
    }
    const std::vector<TokenRange> hits = Evaluate(lang, rule, reply, review);
    if (hits.empty()) continue;
    if (rubric.entries[rule.criterion].violation) {
      // One finding per span and violation: a later rule whose match contains, or lies within,
      // an earlier rule's finding of the same violation and severity (a broad pattern behind an
      // enumeration) adds nothing.
      for (TokenRange h : hits) {
        bool seen = false;
        for (const RuleHit& v : out.violations) {
          seen = seen || (v.rule->criterion == rule.criterion &&
                          v.rule->severity == rule.severity && Nested(v.range, h));
        }
        if (!seen) out.violations.push_back({&rule, h});
      }
      continue;
    }
    int& value = out.values[rule.criterion];
    value = std::max(value, rule.partial ? 1 : 2);
    if (!rule.partial) {
      auto& met = out.met[rule.criterion];
      met.insert(met.end(), hits.begin(), hits.end());
    }
    for (TokenRange h : hits) {
      for (uint32_t i = h.begin; i < h.end; ++i) out.covered[i] = true;
    }
  }
  return out;
}

}  // namespace tact::internal
