// signature: the reply is signed by a person (partial: by a team only).
#include "checks.h"

namespace tact::internal {

CheckResult CheckSignature(const CheckInput& in) {
  CheckResult out;
  if (in.lang.Check("signature") == nullptr) return out;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  if (tokens.empty()) return out;
  // The signature is at the end: the last line, or the last sentence of a one-line reply.
  const Token& last = tokens.back();
  size_t first = tokens.size();
  while (first > 0 && tokens[first - 1].sentence == last.sentence && tokens.size() - first < 8) {
    --first;
  }
  const std::string_view input = in.reply.text.input;
  for (size_t i = tokens.size(); i-- > first;) {
    const Token& t = tokens[i];
    if (i + 4 < tokens.size()) break;
    // "^HSB": agent initials, Twitter style.
    if (t.Has(kTokenAllCaps) && t.begin > 0 && input[t.begin - 1] == '^') {
      out.value = 2;
      return out;
    }
    if (t.Has(kTokenCapitalized) && t.Has(kTokenLetters) && in.lang.first_names.contains(t.norm)) {
      out.value = 2;
      return out;
    }
  }
  // A sign-off followed by a capitalised word that is not a team word: a person.
  const int team = in.lang.Lexicon("team_words");
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("signoffs"))) {
    if (m.end < tokens.size() && m.end >= first && tokens[m.end].Has(kTokenCapitalized)) {
      bool team_word = false;
      for (TokenRange t : in.reply.matches.Of(team)) {
        if (t.begin == m.end) team_word = true;
      }
      if (!team_word) {
        out.value = 2;
        return out;
      }
    }
  }
  for (TokenRange t : in.reply.matches.Of(team)) {
    if (t.end + 3 >= tokens.size() && tokens[t.begin].sentence >= tokens[first].sentence) {
      out.value = 1;
      return out;
    }
  }
  return out;
}

}  // namespace tact::internal
