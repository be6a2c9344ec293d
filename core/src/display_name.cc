#include "display_name.h"

#include <algorithm>

#include "text.h"

namespace tact::internal {
namespace {

// Longer display names are cut: a name is never this long.
constexpr size_t kMaxDisplayNameBytes = 256;

bool IsGiven(const Language& lang, std::string_view norm) {
  if (lang.first_names.contains(Sv(norm))) return true;
  // A compound is given when its first piece is ("jean-michel", "marie-odile").
  const size_t dash = norm.find('-');
  return dash != std::string_view::npos && lang.first_names.contains(Sv(norm.substr(0, dash)));
}

// Equal, a wildcard in either standing for any one letter.
bool EqualWithWildcards(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && a[i] != kNameWildcard && b[i] != kNameWildcard) return false;
  }
  return true;
}

// Levenshtein distance, stopping early above 1.
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one letter more at the end
  // One substitution (same length) or one insertion in b.
  return a.size() == b.size() ? a.substr(i + 1) == b.substr(i + 1) : a.substr(i) == b.substr(i + 1);
}

// How a first name sounds, roughly, for spelling variants of one name: "Riya"/"Ria",
// "Preeti"/"Priti", "Yan"/"Jan", "Sarah"/"Sara", "Katia"/"Catia", "Anna"/"Ana". Letters are
// already folded (no accents, lower case).
std::string SoundKey(std::string_view name) {
  std::string key;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    const char next = i + 1 < name.size() ? name[i + 1] : '\0';
    if (c == 'p' && next == 'h') {
      c = 'f';
      ++i;
    } else if (c == 'e' && next == 'e') {
      c = 'i';
      ++i;
    } else if (c == 'y' || (c == 'j' && i == 0)) {
      c = 'i';
    } else if (c == 'c' || c == 'q') {
      c = 'k';
    } else if (c == 'h' && i > 0) {
      continue;  // "Sarah", "Thomas", "Christine"
    }
    if (!key.empty() && key.back() == c) continue;  // "Anna", "Riya" -> "ria"
    key.push_back(c);
  }
  return key;
}

// The nicknames lexicon: each entry is "nickname full [full...]" ("bob robert").
bool Nickname(const Language& lang, std::string_view a, std::string_view b) {
  for (const std::vector<std::string>& words : lang.nicknames) {
    if (words.size() < 2) continue;
    const auto has = [&](std::string_view w) {
      return std::find(words.begin() + 1, words.end(), w) != words.end();
    };
    if ((words[0] == a && has(b)) || (words[0] == b && has(a))) return true;
  }
  return false;
}

NamePart::Kind KindOf(const Language& lang, std::string_view norm, std::string_view written) {
  if (lang.Word("titles", norm)) return NamePart::kTitle;
  // "J", "JM", "N": initials (a lone letter, or two capitals in a row).
  if (norm.size() == 1 ||
      (norm.size() == 2 && written.size() == 2 && written[0] >= 'A' && written[0] <= 'Z' &&
       written[1] >= 'A' && written[1] <= 'Z' && !IsGiven(lang, norm))) {
    return NamePart::kInitials;
  }
  return IsGiven(lang, norm) ? NamePart::kGiven : NamePart::kOther;
}

}  // namespace

bool DisplayName::HasGiven() const {
  return std::any_of(parts.begin(), parts.end(),
                     [](const NamePart& p) { return p.kind == NamePart::kGiven; });
}

bool DisplayName::IsPerson() const {
  if (HasGiven()) return true;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].kind == NamePart::kTitle && parts[i + 1].kind == NamePart::kOther) return true;
    // "Rohan M", "Suzie Q.": a capitalised word and an initial, the way people sign.
    if (i == 0 && parts.size() == 2 && parts[0].kind == NamePart::kOther &&
        parts[1].kind == NamePart::kInitials && !parts[0].written.empty() &&
        parts[0].written[0] >= 'A' && parts[0].written[0] <= 'Z') {
      return true;
    }
  }
  return false;
}

std::string DisplayName::FirstName() const {
  for (const NamePart& p : parts) {
    if (p.kind == NamePart::kGiven) return p.written;
  }
  return parts.empty() ? "" : parts.front().written;
}

DisplayName AnalyzeDisplayName(const Language& lang, std::string_view author) {
  DisplayName name;
  author = author.substr(0, std::min(author.size(), kMaxDisplayNameBytes));
  // Words are runs of letters and wildcards; a hyphen joins the pieces of a compound.
  std::vector<std::string> pieces;  // as written, wildcards as kNameWildcard
  std::string written;
  const auto end_piece = [&] {
    if (!written.empty()) pieces.push_back(std::move(written));
    written.clear();
  };
  const auto end_word = [&] {
    end_piece();
    if (pieces.empty()) return;
    std::string compound_norm;
    std::string compound_written;
    std::vector<NamePart> piece_parts;
    for (const std::string& piece : pieces) {
      std::string norm;
      std::string segment;
      for (char c : piece) {
        if (c == kNameWildcard) {
          norm += NormalizeWord(segment);
          norm.push_back(kNameWildcard);
          segment.clear();
        } else {
          segment.push_back(c);
        }
      }
      norm += NormalizeWord(segment);
      std::string shown = piece;
      std::replace(shown.begin(), shown.end(), kNameWildcard, '?');
      if (!compound_norm.empty()) {
        compound_norm.push_back('-');
        compound_written.push_back('-');
      }
      compound_norm += norm;
      compound_written += shown;
      piece_parts.push_back({norm, KindOf(lang, norm, shown), shown});
    }
    if (pieces.size() > 1) {
      name.parts.push_back(
          {compound_norm, KindOf(lang, compound_norm, compound_written), compound_written});
    }
    for (NamePart& p : piece_parts) name.parts.push_back(std::move(p));
    pieces.clear();
  };
  for (size_t pos = 0; pos < author.size();) {
    int len = 1;
    bool invalid = false;
    const char32_t cp = DecodeUtf8(author, pos, &len, &invalid);
    if (cp == 0xFFFD) {
      written.push_back(kNameWildcard);
    } else if (cp == '-') {
      end_piece();
    } else if (cp < 0x80 && !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))) {
      end_word();  // spaces, dots, digits, underscores and other punctuation
    } else {
      written.append(author.substr(pos, static_cast<size_t>(len)));
    }
    pos += static_cast<size_t>(len);
  }
  end_word();
  // "Sophie M.": a lone letter after the first part is an initial, not "M." for Monsieur.
  for (size_t i = 1; i < name.parts.size(); ++i) {
    if (name.parts[i].kind == NamePart::kTitle && name.parts[i].norm.size() == 1) {
      name.parts[i].kind = NamePart::kInitials;
    }
  }
  return name;
}

bool SameFirstName(const Language& lang, std::string_view a, std::string_view b) {
  if (EqualWithWildcards(a, b)) return true;
  if (Nickname(lang, a, b)) return true;
  // Spelled another way, the same name ("Riya", "Ria"; "Preeti", "Priti").
  if (std::min(a.size(), b.size()) >= 3 && SoundKey(a) == SoundKey(b)) return true;
  // Two different known first names are two people ("Stéphane", "Stéphanie"; "Jean", "Jeanne").
  if (lang.first_names.contains(Sv(a)) && lang.first_names.contains(Sv(b))) return false;
  const std::string_view shorter = a.size() < b.size() ? a : b;
  const std::string_view longer = a.size() < b.size() ? b : a;
  if (shorter.size() >= 3 && longer.substr(0, shorter.size()) == shorter) return true;
  // A spelling variant of a known name sharing its first five letters ("Frederique",
  // "Frédéric"); two known names are told apart above.
  size_t common = 0;
  while (common < shorter.size() && a[common] == b[common]) ++common;
  if (common >= 5) return true;
  return shorter.size() >= 5 && WithinOneEdit(a, b);
}

bool SameName(const Language& lang, const DisplayName& display, std::string_view name) {
  for (const NamePart& p : display.parts) {
    if (p.kind == NamePart::kTitle || p.kind == NamePart::kInitials) continue;
    if (SameFirstName(lang, p.norm, name)) return true;
  }
  // A name written apart: "Virgi Nie" for "virginie".
  for (size_t i = 0; i + 1 < display.parts.size(); ++i) {
    const std::string& first = display.parts[i].norm;
    const std::string& second = display.parts[i + 1].norm;
    if (name.size() == first.size() + second.size() && name.substr(0, first.size()) == first &&
        name.substr(first.size()) == second) {
      return true;
    }
    // "JEAN MICHEL" greeted "Jean-Michel".
    if (name.size() == first.size() + 1 + second.size() && name.substr(0, first.size()) == first &&
        name[first.size()] == '-' && name.substr(first.size() + 1) == second) {
      return true;
    }
  }
  return false;
}

}  // namespace tact::internal
