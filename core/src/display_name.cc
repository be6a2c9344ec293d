#include "display_name.h"

namespace tact::internal {

// Longer display names are cut: a name is never this long.
constexpr uint32_t kMaxDisplayNameBytes = 256;

DisplayName AnalyzeDisplayName(std::string_view author) {
  DisplayName name;
  name.text = Analyze(author, kMaxDisplayNameBytes);
  for (const Token& t : name.text.tokens) {
    if (!t.Has(kTokenLetters)) continue;
    if (name.first_word.empty()) {
      name.first_word = SanitizeUtf8(name.text.input.substr(t.begin, t.end - t.begin));
    }
    if (t.norm.size() >= 2) name.words.push_back(t.norm);
  }
  return name;
}

}  // namespace tact::internal
