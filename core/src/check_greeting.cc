// greeting: the reply opens with a greeting, by the reviewer's name when their display name is
// a person's; wrong_name: the greeting names a clearly different person; and the names a
// greeting may leak (spec §2b): a real first name (pii.hidden_name) or full name (pii.full_name)
// that a pseudonym, initials or a surname hid, or a surname the display name left out.
#include <algorithm>
#include <optional>

#include "checks.h"

namespace tact::internal {
namespace {

// The name the greeting uses: an optional title, then capitalised words up to a comma or the
// end of the sentence; a hyphen joins a compound ("Jean-Michel").
struct GreetedName {
  bool title = false;
  std::vector<std::string> words;  ///< normalised; a compound as "jean-michel"
  TokenRange range{};              ///< the title and the words
};

GreetedName ReadGreetedName(const Language& lang, const Text& text, TokenRange greeting) {
  GreetedName out;
  const std::vector<Token>& tokens = text.tokens;
  const uint32_t sentence = tokens[greeting.begin].sentence;
  // The full stop of an abbreviated title does not end the greeting: "Dear Mr. Iyer", « Bonjour
  // M. Durand ».
  bool title_dot = false;
  for (uint32_t k = greeting.end; k < tokens.size() && k < greeting.end + 6; ++k) {
    if (tokens[k].sentence == sentence) continue;
    title_dot = k > 0 && tokens[k].sentence == sentence + 1 &&
                lang.Word("titles", tokens[k - 1].norm) && tokens[k].Has(kTokenCapitalized) &&
                text.Gap(k - 1, k).substr(0, 1) == ".";
    break;
  }
  const auto in_greeting = [&](uint32_t k) {
    return tokens[k].sentence == sentence || (title_dot && tokens[k].sentence == sentence + 1);
  };
  uint32_t i = greeting.end;
  const auto gap_has_comma = [&](uint32_t k) {
    return text.Gap(k - 1, k).find_first_of(",:;!?") != std::string_view::npos;
  };
  out.range = {i, i};
  // Greetings may end with a title ("Bonjour Madame"): it belongs to the name.
  if (lang.Word("titles", tokens[greeting.end - 1].norm)) {
    out.title = true;
    out.range.begin = greeting.end - 1;
  }
  // "Bonjour à toute la famille Martin", "Bonjour à vous Madame Dupont": small words before a
  // title belong to the greeting.
  if (!out.title) {
    for (uint32_t k = i; k < tokens.size() && k < i + 4 && in_greeting(k); ++k) {
      if (lang.Word("titles", tokens[k].norm)) {
        i = k;
        out.range = {i, i};
        break;
      }
      const bool small = lang.stopwords.contains(tokens[k].norm) || tokens[k].norm.size() == 1;
      if (!small || (k > i && gap_has_comma(k))) break;
    }
  }
  while (i < tokens.size() && in_greeting(i) && out.words.size() < 3) {
    const Token& t = tokens[i];
    // A couple: "Monsieur et Madame Leroy", "Mr and Mrs Patel".
    if (out.title && out.words.empty() && (t.norm == "et" || t.norm == "and") &&
        i + 1 < tokens.size() && lang.Word("titles", tokens[i + 1].norm)) {
      i += 2;
      out.range.end = i;
      continue;
    }
    // "Bonjour Monsieur, Nous…": a comma after the title or a name ends the name, and a
    // sentence's first word ("Bonjour, Nous avons…") is no name.
    if ((i > greeting.end || out.title) && gap_has_comma(i)) break;
    if (lang.stopwords.contains(t.norm)) break;
    // A lower-case particle inside a name: "Mr van Houten", "Madame de Villiers".
    if (t.Has(kTokenLetters) && !t.Has(kTokenCapitalized) && t.norm.size() <= 3 &&
        i + 1 < tokens.size() && tokens[i + 1].Has(kTokenCapitalized) && in_greeting(i + 1) &&
        (out.title || !out.words.empty())) {
      ++i;
      continue;
    }
    // A title in any case ("Bonjour madame", "à toute la famille Martin").
    if (out.words.empty() && !out.title && lang.Word("titles", t.norm)) {
      out.title = true;
      ++i;
      out.range.end = i;
      continue;
    }
    if (!t.Has(kTokenLetters) || !(t.Has(kTokenCapitalized) || t.Has(kTokenAllCaps))) break;
    if (out.words.empty() && lang.Word("titles", t.norm)) {
      out.title = true;
    } else if (!out.words.empty() && tokens[i - 1].end + 1 == t.begin &&
               text.input[tokens[i - 1].end] == '-') {
      out.words.back() += "-" + t.norm;
    } else {
      out.words.push_back(t.norm);
    }
    ++i;
    out.range.end = i;
  }
  return out;
}

// The display name shows `name` glued into a handle ("WanderlustJen", "PVLou", "lea75"): a part
// starts or ends with it, digits aside.
bool ShownInHandle(const DisplayName& author, std::string_view name) {
  if (name.size() < 3) return false;
  for (const NamePart& p : author.parts) {
    std::string letters;
    for (char c : p.norm) {
      if (c < '0' || c > '9') letters.push_back(c);
    }
    const std::string_view piece = letters;
    if (piece.size() > name.size() && (piece.substr(0, name.size()) == name ||
                                       piece.substr(piece.size() - name.size()) == name)) {
      return true;
    }
  }
  return false;
}

// A word of the review, as normalised.
bool InReview(const CheckInput& in, std::string_view norm) {
  if (in.review == nullptr) return false;
  for (const Token& t : in.review->text.tokens) {
    if (t.norm == norm) return true;
  }
  return false;
}

bool IsFirstName(const Language& lang, std::string_view norm) {
  const size_t dash = norm.find('-');
  return lang.first_names.contains(Sv(norm.substr(0, dash)));
}

}  // namespace

CheckResult CheckGreeting(const CheckInput& in) {
  CheckResult out;
  if (in.lang.Check("greeting") == nullptr) return out;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  std::optional<TokenRange> greeting;
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("greetings"))) {
    if (m.begin <= 1 && tokens[m.begin].sentence == 0) {
      if (!greeting || m.end > greeting->end) greeting = m;
    }
  }
  if (!greeting) return out;
  const DisplayName& author = in.author;
  if (author.empty()) {
    out.value = 2;
    return out;
  }
  const GreetedName said = ReadGreetedName(in.lang, in.reply.text, *greeting);
  if (said.words.empty()) {
    // A display name that is no person's ("Client", "Happy shopper") needs no name.
    out.value = author.IsPerson() ? 1 : 2;
    return out;
  }
  // The display name's own initials ("JP", "Monsieur G." under "Romain G.") are its name too.
  bool initials_match = false;
  for (const NamePart& p : author.parts) {
    initials_match =
        initials_match || (p.kind == NamePart::kInitials && p.norm == said.words.front());
  }
  const bool first_matches = initials_match || SameName(in.lang, author, said.words.front());
  bool is_name = said.title || IsFirstName(in.lang, said.words.front());
  // A rare first name no lexicon lists ("Bonjour Peggy," under "Faes"): one capitalised word of
  // letters, alone before the comma, that is no word a greeting addresses ("Hi Team,", "Dear
  // Customer"). Only for the names a pseudonym hides: a wrong name needs a known first name.
  if (!first_matches && !is_name && !author.IsPerson() && said.words.size() == 1) {
    const Token& t = in.reply.text.tokens[said.range.begin];
    is_name = t.Has(kTokenCapitalized) && t.Has(kTokenLetters) && t.norm.size() >= 3 &&
              !in.lang.Word("addressees", t.norm) && !in.lang.Word("team_words", t.norm) &&
              !in.lang.Word("business_words", t.norm) && !in.lang.stopwords.contains(Sv(t.norm));
  }
  if (!first_matches && !is_name) {
    out.value = 1;  // "Dear Valued Customer": a greeting, not by name
    return out;
  }
  const Span span = TokenSpan(in.reply.text, said.range);
  // Under a title and a surname ("Mme Cru.", "Mr Alvarez"), a first name is not a wrong name: it
  // is one the display name did not show (pii.hidden_name below). A title and another surname
  // ("Mr Martens" under "M. Dupuis") is.
  // Nor is a first name that an initial of the display name stands for ("Mister T" -> Thierry).
  bool author_title = false;
  bool initial_stands_for_it = false;
  for (const NamePart& p : author.parts) {
    author_title = author_title || p.kind == NamePart::kTitle;
    initial_stands_for_it =
        initial_stands_for_it ||
        (p.kind == NamePart::kInitials && !p.norm.empty() && p.norm[0] == said.words.front()[0]);
  }
  const bool first_name_behind_title =
      !said.title && !author.HasGiven() && (author_title || initial_stands_for_it);
  // A title and the surname that the display name's initial stands for ("Madame Lefèvre" under
  // "Bernadette L."): the right person, and the surname they kept out of public view.
  if (said.title && said.words.size() == 1 && !first_matches && initial_stands_for_it &&
      author.HasGiven() && !IsFirstName(in.lang, said.words.front())) {
    out.value = 2;
    AddCheckFinding(in.lang.Check("pii.full_name"), &span, &out.findings, author.FirstName());
    return out;
  }
  if (!first_matches && author.IsPerson() && !first_name_behind_title) {
    out.value = 1;
    AddCheckFinding(in.lang.Check("wrong_name"), &span, &out.findings, author.FirstName());
    return out;
  }
  out.value = 2;
  // A second word the display name does not show, and that is no first name, is a surname.
  // ("Sophie Martin" under "Sophie M.": the initial says it is her surname).
  bool surname = false;
  bool shown_surname = false;  // "Mrs Rekha Patel" under "R Patel": the surname shown, named too
  for (size_t w = 1; w < said.words.size(); ++w) {
    const std::string& word = said.words[w];
    if (SameName(in.lang, author, word)) {
      shown_surname = true;
      continue;
    }
    bool initial = false;
    for (const NamePart& p : author.parts) {
      if (p.kind == NamePart::kInitials && p.norm.find(word[0]) != std::string::npos) {
        initial = true;
      }
    }
    if (initial || !IsFirstName(in.lang, word)) surname = true;
  }
  // A hidden first name next to the shown surname makes the full name public.
  const bool hidden_first = !first_matches && !ShownInHandle(author, said.words.front()) &&
                            !InReview(in, said.words.front());
  if (surname || (shown_surname && hidden_first)) {
    // Keep the first name only, when the display name shows one.
    AddCheckFinding(in.lang.Check("pii.full_name"), &span, &out.findings,
                    author.HasGiven() ? author.FirstName() : "");
  } else if (hidden_first) {
    // A real name behind a pseudonym, initials or a surname (one the review itself names, like
    // "merci à Jess de l'accueil", is public already).
    AddCheckFinding(in.lang.Check("pii.hidden_name"), &span, &out.findings);
  }
  return out;
}

}  // namespace tact::internal
