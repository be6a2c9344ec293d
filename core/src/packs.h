// Compiled rule packs: what the loader builds and every step of the scoring path reads.
// Immutable once built (but for the languages of a lazily read image, each loaded once, in place:
// PackSet::Load). Nothing here names a language: languages are keyed by their code.
#ifndef TACT_CORE_SRC_PACKS_H_
#define TACT_CORE_SRC_PACKS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "matcher.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact::internal {

// The rubric (spec §2-4), from core/packs/rubric.json.
struct RubricEntry {
  std::string id;
  bool violation = false;
  int weight = 0;                       ///< criteria only; the criteria's weights sum to 100
  Severity severity = Severity::kHint;  ///< violations only
  int penalty = 0;                      ///< points taken off when the violation fires
};

// "conditional_apology (problem) makes apology violated": a violation that fires, at a given
// severity or any, sets a criterion's status (kViolated) or caps it (kPartial).
struct RubricLink {
  int violation = -1;
  int severity = -1;  ///< a Severity, or -1 for any
  int criterion = -1;
  Status status = Status::kViolated;
  // The link does not apply when a rule also fully meets the criterion outside the violation's
  // spans ("navré de lire votre ressenti … je vous présente mes excuses pour ce retard").
  bool unless_met_apart = false;
};

// The score is at most `max` when a finding of `violation` (-1: any) at `severity` fires.
struct RubricCap {
  int violation = -1;
  Severity severity = Severity::kProblem;
  int max = 100;
};

struct RubricBand {
  std::string name;
  int min = 0;  ///< lowest score of the band
};

struct Rubric {
  std::vector<RubricEntry> entries;  ///< criteria first, then violations, in output order
  size_t criterion_count = 0;
  std::vector<RubricLink> links;
  std::vector<RubricCap> caps;
  std::vector<RubricBand> bands;        ///< ascending by min, the first at 0
  std::vector<int> skip_when_positive;  ///< criteria a positive review does not need (§2a)
  // A reply to a positive review that meets this criterion (thanks) and commits no warning or
  // problem scores at least `positive_floor_min`: a plain thank-you to praise is never to redo.
  int positive_floor_criterion = -1;
  int positive_floor_min = 0;
  std::string fallback_lang;  ///< when detection finds no language

  size_t size() const { return entries.size(); }
  // Index of `id`, or -1.
  int Index(std::string_view id) const;
};

// kContrast: a reply phrase that fires only when the review has one of the rule's review phrases
// (a reply asserting what the review denies), like kRefusal but for any violation.
enum class RuleKind : uint8_t { kPhrase, kSequence, kRefusal, kCheck, kContrast };

// Where a rule's match may stand with respect to questions (a sentence ending with "?").
enum class QuestionMode : uint8_t { kAny, kNo, kOnly };

struct Example {
  bool should_match = true;
  std::string review;  ///< refusal and check examples
  std::string author;  ///< check examples
  int rating = 0;      ///< check examples
  std::string text;    ///< the reply, brackets removed
  bool has_span = false;
  uint32_t begin = 0;  ///< expected span (bytes) when has_span
  uint32_t end = 0;
  Status status = Status::kMet;  ///< expected status, for checks that raise a criterion
  std::string polarity;          ///< expected review polarity, for the polarity check
  std::string original;          ///< as written, for messages
};

// Parameters of a check rule, by name; the registry says which exist and their defaults.
struct CheckParams {
  absl::flat_hash_map<std::string, double> numbers;
  absl::flat_hash_map<std::string, std::vector<std::string>> lists;
  double Number(std::string_view name) const;
  const std::vector<std::string>& List(std::string_view name) const;
};

struct Rule {
  std::string id;
  std::string pack;
  int criterion = -1;  ///< index in the rubric
  RuleKind kind = RuleKind::kPhrase;
  int phrases = -1;  ///< matcher groups
  int unless = -1;
  int then = -1;
  int review = -1;
  int unless_sentence = -1;  ///< a match of it anywhere in the match's sentence drops the match
  int unless_next_sentence = -1;  ///< a match of it in the sentence after the match's drops it
  int within = 8;
  bool partial = false;  ///< effect "partial"
  bool negatable = true;
  bool in_quotes = false;
  bool complaints_only = false;  ///< dropped under a positive or neutral review ("bravo pour")
  /// unless_sentence still excuses a match that a take-back precedes (a deflection after an
  /// apology is apology_but's finding, not this rule's)
  bool excused_across_turns = false;
  QuestionMode question = QuestionMode::kAny;
  Severity severity = Severity::kHint;
  std::string check;  ///< kCheck: the registered check's name
  CheckParams params;
  std::string message;
  std::string suggestion;
  std::vector<Example> examples;
};

struct Topic {
  std::string id;
  std::string label;
  int group = -1;        ///< terms that raise the topic in a review and name it in a reply
  int reply_group = -1;  ///< words that only name it in a reply (`reply_terms`), or -1
};

struct Hint {
  std::string missing;
  std::string partial;
  std::string example;
  std::string example_topic;  ///< with "{label}"
};

// A criterion's hints, and those for a positive review when they differ (§2a).
struct Hints {
  Hint any;
  Hint positive;  ///< empty fields fall back to `any`
};

// Everything for one language.
struct Language {
  std::string code;
  Matcher matcher;
  std::vector<Rule> rules;
  std::vector<Topic> topics;
  absl::flat_hash_map<std::string, int> lexicon_groups;                 ///< name -> matcher group
  absl::flat_hash_map<std::string, std::vector<std::string>> lexicons;  ///< name -> entries
  std::vector<Hints> hints;                                             ///< by rubric index
  absl::flat_hash_map<std::string, int> checks;  ///< check name -> index in rules
  absl::flat_hash_set<std::string> stopwords;    ///< normalised, for language detection
  absl::flat_hash_set<std::string> first_names;  ///< normalised
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>>
      lexicon_words;                                ///< name -> its one-word entries, normalised
  std::vector<std::vector<std::string>> nicknames;  ///< "bob robert": a nickname, its full names

  // Called per match on the scoring path: a heterogeneous lookup, no string is built.
  int Lexicon(std::string_view name) const {
    auto it = lexicon_groups.find(Sv(name));
    return it == lexicon_groups.end() ? -1 : it->second;
  }
  // True when `norm` (a normalised word) is a one-word entry of lexicon `name`.
  bool Word(std::string_view name, std::string_view norm) const {
    auto it = lexicon_words.find(Sv(name));
    return it != lexicon_words.end() && it->second.contains(Sv(norm));
  }
  // The declared rule of a check, or nullptr when this language does not declare it (the
  // check then does not run for it).
  const Rule* Check(std::string_view name) const {
    auto it = checks.find(Sv(name));
    return it == checks.end() ? nullptr : &rules[it->second];
  }
};

struct LazyLanguages;  // pack_image.cc

struct PackSet {
  Rubric rubric;
  // Sorted by code. A lazily read image (ReadPackImage) gives each its code and stopwords at
  // once, and the rest when Load() first asks for it.
  std::vector<Language> languages;
  std::shared_ptr<LazyLanguages> lazy;  ///< the parts not loaded yet; null when all are loaded

  PackSet() = default;
  // Not copyable: a copy would share `lazy`'s once-only loads but not the languages they fill.
  PackSet(const PackSet&) = delete;
  PackSet& operator=(const PackSet&) = delete;

  // Loads `lang` (one of `languages`) unless it is loaded already: a damaged part is an error,
  // each time it is asked for. Safe to call from several threads at once (pack_image.cc).
  absl::Status Load(const Language& lang) const;
  absl::Status LoadAll() const;
  const Language* Find(std::string_view code) const {
    for (const Language& l : languages) {
      if (l.code == code) return &l;
    }
    return nullptr;
  }
};

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_PACKS_H_
