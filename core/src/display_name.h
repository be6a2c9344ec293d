// The reviewer's public display name ("Sophie M.", "Jean-Claude", "M. Dupuis", "JM GARCIA",
// "diabolo", "Client"), split into titles, initials, given names and other words, and the test
// of whether a name the reply uses is the same person (spec §2b): diminutives, spelling variants,
// missing accents, case, glued initials, a compound's first part, a mis-encoded letter.
#ifndef TACT_CORE_SRC_DISPLAY_NAME_H_
#define TACT_CORE_SRC_DISPLAY_NAME_H_

#include <string>
#include <string_view>
#include <vector>

#include "packs.h"

namespace tact::internal {

// Stands for one unknown letter in a name part (a U+FFFD or an invalid byte in the input).
inline constexpr char kNameWildcard = '\x01';

struct NamePart {
  enum Kind { kTitle, kInitials, kGiven, kOther };
  std::string norm;  ///< normalised ("stephanie"; "jean-michel" for a compound)
  Kind kind = kOther;
  std::string written;  ///< as written, invalid bytes repaired
};

struct DisplayName {
  std::vector<NamePart> parts;  ///< in order; a compound gives itself, then its pieces

  bool empty() const { return parts.empty(); }
  bool HasGiven() const;
  // A person's name: a given name, or a title followed by a surname ("M. Dupuis").
  bool IsPerson() const;
  // The first given name as written (the fix for a wrong name), or the first part.
  std::string FirstName() const;
};

// Splits `author`; titles, given names and nicknames come from `lang`'s lexicons (titles,
// first_names, nicknames).
DisplayName AnalyzeDisplayName(const Language& lang, std::string_view author);

// True when `name` (normalised, one word or a hyphenated compound) names the same person as a
// part of `display`, or as two adjacent parts written apart ("Virgi Nie" -> "virginie").
bool SameName(const Language& lang, const DisplayName& display, std::string_view name);

// True when `a` and `b` are the same first name: equal up to one wildcard letter per wildcard,
// one a prefix of the other (three letters at least: "mag", "magali"), one letter apart (five
// letters at least: "cristine", "christine"), or a nickname of the other (lexicon nicknames).
bool SameFirstName(const Language& lang, std::string_view a, std::string_view b);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_DISPLAY_NAME_H_
