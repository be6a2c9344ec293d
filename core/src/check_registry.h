// The heuristic checks that live in C++ (spec criteria and violations that phrases cannot
// express: greeting, signature, length, understanding, generic, shouting, pii, wrong_name).
// Each is declared in the packs of every language that uses it, as a rule of kind "check" that
// carries its id, message, suggestion, parameters and examples; the loader rejects a declared
// check that is not registered here, and a registered check that no language declares.
#ifndef TACT_CORE_SRC_CHECK_REGISTRY_H_
#define TACT_CORE_SRC_CHECK_REGISTRY_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace tact::internal {

// Every number parameter is a count (words, digits, a percentage): a whole number from 0 to
// 1,000,000, checked when a pack or an image loads (the checks convert them to size_t).
inline bool ValidCheckNumber(double v) {
  return v >= 0 && v <= 1e6 && v == static_cast<double>(static_cast<int64_t>(v));
}

struct CheckParamSpec {
  enum Type { kNumber, kList };
  std::string_view name;
  Type type = kNumber;
  double default_number = 0;  ///< kNumber; a kList defaults to empty
};

struct CheckSpec {
  enum Reports {
    kFindings,   ///< findings, with the rule's message
    kCriterion,  ///< raises its criterion (no message shown)
    kPolarity,   ///< classifies the review (negative, mixed, positive)
  };
  std::string_view name;       ///< what a rule's "check" field names, e.g. "pii.phone"
  std::string_view criterion;  ///< the rubric id whose pack declares it
  Reports reports;
  std::span<const CheckParamSpec> params;
};

std::span<const CheckSpec> RegisteredChecks();

// The lexicons the engine itself looks up by name (schema.md lists them; a test checks that
// every name the sources look up is here).
std::span<const std::string_view> EngineLexicons();

// The spec of `name`, or nullptr.
const CheckSpec* FindCheck(std::string_view name);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_CHECK_REGISTRY_H_
