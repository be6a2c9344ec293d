// The scoring path, step by step (spec §2-4): analyse the texts, pick the language, match every
// phrase, evaluate the rules, run the checks, grade. Each step takes what it needs and returns
// what it found.
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "analysis.h"
#include "check_registry.h"
#include "checks.h"
#include "display_name.h"
#include "grading.h"
#include "language_detection.h"
#include "rule_evaluation.h"
#include "scoring.h"
#include "string_util.h"
#include "tact/tact.h"
#include "text.h"

namespace tact {
namespace internal {
namespace {

Finding FromRule(const Rubric& rubric, const Text& reply, const RuleHit& hit) {
  Finding f;
  f.rule = hit.rule->id;
  f.criterion = rubric.entries[hit.rule->criterion].id;
  f.severity = hit.rule->severity;
  f.has_span = true;
  f.span = TokenSpan(reply, hit.range);
  f.message = hit.rule->message;
  f.suggestion = hit.rule->suggestion;
  return f;
}

Finding FromCheck(const Rubric& rubric, const CheckFinding& c) {
  Finding f;
  f.rule = absl::StrCat(c.rule->id, c.id_suffix);
  f.criterion = rubric.entries[c.rule->criterion].id;
  f.severity = c.rule->severity;
  f.has_span = c.has_span;
  f.span = c.span;
  f.message = c.label.empty() ? c.rule->message
                              : absl::StrReplaceAll(c.rule->message, {{"{label}", c.label}});
  if (c.note != nullptr) absl::StrAppend(&f.message, " ", c.note->message);
  f.suggestion = c.suggestion.empty() ? c.rule->suggestion : c.suggestion;
  return f;
}

}  // namespace

absl::StatusOr<Report> ScoreRequest(const PackSet& packs, const Language* lang,
                                    std::string_view review, std::string_view reply,
                                    const ScoreOptions& options,
                                    std::vector<CheckFinding>* checks) {
  const Rubric& rubric = packs.rubric;
  Report report;
  // 1. Text analysis, then the language (from plain tokens), then every phrase of its packs.
  Text reply_text = Analyze(reply, options.max_input_bytes);
  std::optional<Text> review_text;
  if (!review.empty()) review_text = Analyze(review, options.max_input_bytes);
  if (ForeignText(packs, reply_text)) report.flags |= kFlagLangUnsupported;
  bool guessed = false;
  if (lang == nullptr) {
    lang = &DetectLanguage(packs, reply_text, review_text ? &*review_text : nullptr, &guessed);
  }
  // A lazily read image decodes a language's part the first time a text needs it.
  if (absl::Status loaded = packs.Load(*lang); !loaded.ok()) return loaded;
  const Analysis reply_a = Match(*lang, std::move(reply_text));
  std::optional<Analysis> review_storage;
  if (review_text) review_storage = Match(*lang, std::move(*review_text));
  const Analysis* review_a = review_storage ? &*review_storage : nullptr;
  const DisplayName author = AnalyzeDisplayName(*lang, options.author);
  report.lang = lang->code;
  if (reply_a.text.truncated || (review_a && review_a->text.truncated)) {
    report.flags |= kFlagTruncated;
  }
  if (reply_a.text.invalid_utf8 || (review_a && review_a->text.invalid_utf8)) {
    report.flags |= kFlagInvalidUtf8;
  }
  if (guessed) report.flags |= kFlagLangGuessed;

  // 2. Phrase, sequence and refusal rules.
  const RuleOutcome rules = EvaluateRules(*lang, rubric, reply_a, review_a);
  report.review_refusal = rules.review_refusal;

  // 3. The heuristic checks.
  // Polarity and understanding both read the review part by part: cut it once.
  std::optional<ReviewParts> review_parts;
  if (review_a != nullptr) review_parts = CutReview(*lang, *review_a);
  const CheckInput in{
      *lang, rubric, reply_a, review_a, options, author, review_parts ? &*review_parts : nullptr};
  const Polarity polarity = CheckPolarity(in);
  report.polarity = std::string(PolarityName(polarity));
  const CheckResult greeting = CheckGreeting(in);
  const CheckResult signature = CheckSignature(in);
  report.agent = SanitizeUtf8(signature.signer);
  const CheckResult length = CheckLength(in);
  const std::vector<bool> stock = StockTokens(*lang, reply_a);
  const UnderstandingResult understanding =
      CheckUnderstanding(in, stock, polarity == Polarity::kPositive);
  for (const Topic* t : understanding.raised) report.review_topics.push_back(t->id);
  // A reply that names what the customer praised is not stock, even when it misses the complaint.
  const CheckResult generic =
      CheckGeneric(in, understanding.result.value > 0 || understanding.names_praise,
                   !understanding.raised.empty(), stock, rules.covered);
  const CheckResult contradiction = CheckContradiction(in, polarity, rules, stock);
  const CheckResult attack = CheckArgueAttack(in, polarity, rules, contradiction);
  const CheckResult refusal = CheckRefusal(in, rules, stock);
  const CheckResult policy = CheckPolicyWall(in, polarity, rules, stock);
  const CheckResult wink = CheckWink(in, polarity, rules, stock);
  const CheckResult cheer = CheckCheer(in, polarity, rules, stock);
  const CheckResult quotes = CheckScareQuotes(in, polarity, rules);
  const CheckResult shouting = CheckShouting(in);
  const CheckResult pii = CheckPii(in);

  // 4. Findings, criterion values and what fired, then the grade.
  GradingInput grading;
  grading.values = rules.values;
  grading.values.resize(rubric.criterion_count);
  grading.skipped.assign(rubric.criterion_count, false);
  grading.partial_notes.resize(rubric.criterion_count);
  grading.fired.assign(rubric.size(), 0);
  grading.topic = understanding.first_topic;
  const auto add = [&](Finding f, int criterion) {
    grading.fired[criterion] |= static_cast<uint8_t>(1u << static_cast<int>(f.severity));
    report.findings.push_back(std::move(f));
  };
  // Praise-shaped irony ("bravo pour…") is praise under praise, and banter under banter.
  const bool praise_or_banter = polarity == Polarity::kPositive || polarity == Polarity::kNeutral;
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->complaints_only && praise_or_banter) continue;
    add(FromRule(rubric, reply_a.text, hit), hit.rule->criterion);
  }
  for (const CheckResult* result :
       {&greeting, &signature, &length, &understanding.result, &generic, &contradiction, &attack,
        &refusal, &policy, &wink, &cheer, &quotes, &shouting, &pii}) {
    for (const CheckFinding& c : result->findings) {
      if (checks != nullptr) checks->push_back(c);
      if (result == &length) {
        grading.partial_notes[c.rule->criterion] = FromCheck(rubric, c);  // shown when partial
        continue;
      }
      add(FromCheck(rubric, c), c.rule->criterion);
    }
  }
  for (const auto& [name, result] : {std::pair{"greeting", &greeting},
                                     {"signature", &signature},
                                     {"length", &length},
                                     {"understanding", &understanding.result}}) {
    const int c = rubric.Index(FindCheck(name)->criterion);
    grading.values[c] = std::max(grading.values[c], result->value);
  }
  // Giving the business's own phone or e-mail invites the customer to go on in private.
  if (pii.gives_contact && lang->Check("private_channel.contact") != nullptr) {
    const int c = rubric.Index(FindCheck("private_channel.contact")->criterion);
    grading.values[c] = std::max(grading.values[c], 2);
  }
  grading.skipped[rubric.Index(FindCheck("understanding")->criterion)] = understanding.skipped;
  // A link waived because the criterion is also met apart from the violation's findings.
  grading.waived.assign(rubric.links.size(), false);
  for (size_t l = 0; l < rubric.links.size(); ++l) {
    const RubricLink& link = rubric.links[l];
    if (!link.unless_met_apart || link.criterion >= static_cast<int>(rules.met.size())) continue;
    for (TokenRange hit : rules.met[link.criterion]) {
      const Span span = TokenSpan(reply_a.text, hit);
      bool apart = true;
      for (const Finding& f : report.findings) {
        if (f.criterion == rubric.entries[link.violation].id && f.has_span &&
            f.span.begin < span.end && span.begin < f.span.end) {
          apart = false;
        }
      }
      if (apart) grading.waived[l] = true;
    }
  }
  // Neither a positive nor a neutral review needs an apology, a fix or a private channel.
  grading.positive = polarity == Polarity::kPositive;
  grading.neutral = polarity == Polarity::kNeutral;
  grading.floored = grading.positive || (polarity == Polarity::kMixed && options.rating >= 4);
  if (grading.positive || grading.neutral) {
    for (int c : rubric.skip_when_positive) grading.skipped[c] = true;
  }
  Grade(rubric, *lang, std::move(grading), &report);
  return report;
}

}  // namespace internal
}  // namespace tact
