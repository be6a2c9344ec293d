// greeting: the reply opens with a greeting, by the reviewer's name when it is known;
// wrong_name: the greeting names somebody else.
#include <algorithm>
#include <optional>

#include "checks.h"

namespace tact::internal {

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
  if (in.author.empty()) {
    out.value = 2;
    return out;
  }
  // The name is the first capitalised word after the greeting, in the same sentence.
  std::optional<uint32_t> name;
  for (uint32_t i = greeting->end; i < tokens.size() && i < greeting->end + 2; ++i) {
    if (tokens[i].sentence != tokens[greeting->begin].sentence) break;
    if (tokens[i].Has(kTokenCapitalized) && tokens[i].Has(kTokenLetters)) {
      name = i;
      break;
    }
  }
  if (!name) {
    out.value = 1;
    return out;
  }
  const std::string& said = tokens[*name].norm;
  const std::vector<std::string>& words = in.author.words;
  if (std::find(words.begin(), words.end(), said) != words.end()) {
    out.value = 2;
    return out;
  }
  out.value = 1;
  if (in.lang.first_names.contains(said)) {
    const Span span = TokenSpan(in.reply.text, {*name, *name + 1});
    // The fix is the reviewer's own first name, as they wrote it.
    AddCheckFinding(in.lang.Check("wrong_name"), &span, &out.findings, in.author.first_word);
  }
  return out;
}

}  // namespace tact::internal
