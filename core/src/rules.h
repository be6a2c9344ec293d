// Compiled rule packs: what the loader builds and the scorer reads. Immutable once built.
#ifndef TACT_CORE_SRC_RULES_H_
#define TACT_CORE_SRC_RULES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "matcher.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact::internal {

// The rubric (spec §2-3): every criterion and violation, in output order.
struct RubricEntry {
  std::string_view id;
  bool violation;
  int weight;         ///< criteria only
  Severity severity;  ///< violations only
  int penalty;        ///< points taken off (violations)
};

inline constexpr RubricEntry kRubric[] = {
    {"thanks", false, 10, Severity::kHint, 0},
    {"apology", false, 20, Severity::kHint, 0},
    {"understanding", false, 20, Severity::kHint, 0},
    {"solution", false, 20, Severity::kHint, 0},
    {"private_channel", false, 15, Severity::kHint, 0},
    {"greeting", false, 5, Severity::kHint, 0},
    {"signature", false, 5, Severity::kHint, 0},
    {"length", false, 5, Severity::kHint, 0},
    {"conditional_apology", true, 0, Severity::kProblem, 0},
    {"apology_but", true, 0, Severity::kWarning, 0},
    {"argue", true, 0, Severity::kProblem, 20},
    {"blame", true, 0, Severity::kProblem, 20},
    {"insult", true, 0, Severity::kProblem, 30},
    {"mockery", true, 0, Severity::kWarning, 10},
    {"minimizing", true, 0, Severity::kWarning, 5},
    {"policy_wall", true, 0, Severity::kWarning, 5},
    {"overpromise", true, 0, Severity::kWarning, 5},
    {"shouting", true, 0, Severity::kWarning, 5},
    {"pii", true, 0, Severity::kProblem, 0},
    {"wrong_name", true, 0, Severity::kProblem, 20},
    {"ignores_refusal", true, 0, Severity::kWarning, 10},
    {"generic", true, 0, Severity::kHint, 0},
};
inline constexpr size_t kCriterionCount = 8;
inline constexpr size_t kRubricSize = std::size(kRubric);

// Index of `id` in kRubric, or -1.
int RubricIndex(std::string_view id);

enum class RuleKind : uint8_t { kPhrase, kSequence, kRefusal };

struct Example {
  bool should_match = true;
  std::string review;  ///< refusal rules only
  std::string text;    ///< brackets removed
  uint32_t begin = 0;  ///< expected span (bytes), match examples only
  uint32_t end = 0;
  std::string original;  ///< as written, for messages
};

struct Rule {
  std::string id;
  std::string pack;
  int criterion = -1;  ///< index in kRubric
  RuleKind kind = RuleKind::kPhrase;
  int phrases = -1;  ///< matcher groups
  int unless = -1;
  int then = -1;
  int review = -1;
  int within = 8;
  bool partial = false;  ///< effect "partial"
  bool negatable = true;
  bool in_quotes = false;
  Severity severity = Severity::kHint;
  std::string message;
  std::string suggestion;
  std::vector<Example> examples;
};

struct Topic {
  std::string id;
  std::string label;
  int group = -1;
};

struct Hint {
  std::string missing;
  std::string partial;
  std::string example;
  std::string example_topic;  ///< with "{label}"
};

// Everything for one language.
struct LangRules {
  Matcher matcher;
  std::vector<Rule> rules;
  std::vector<Topic> topics;
  absl::flat_hash_map<std::string, int> lexicon_groups;                 ///< name -> matcher group
  absl::flat_hash_map<std::string, std::vector<std::string>> lexicons;  ///< name -> entries
  std::array<Hint, kRubricSize> hints;
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>>
      messages;                                  ///< scanner
                                                 ///< rule id -> (message, suggestion)
  absl::flat_hash_set<std::string> stopwords;    ///< normalised, for language detection
  absl::flat_hash_set<std::string> first_names;  ///< normalised
  std::array<bool, kRubricSize> has_pack{};
  // Called per match on the scoring path: a heterogeneous lookup, no string is built.
  int Lexicon(std::string_view name) const {
    auto it = lexicon_groups.find(Sv(name));
    return it == lexicon_groups.end() ? -1 : it->second;
  }
};

struct RuleSet {
  LangRules fr;
  LangRules en;
  const LangRules& For(Lang lang) const { return lang == Lang::kEn ? en : fr; }
};

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_RULES_H_
