// Display-name analysis, through Score: the input is the reviewer's display name ("Sophie M.",
// "JM GARCIA", anything). Each input is scored against replies that greet someone and sign, and
// against replies that greet the author back as written, in French and English: a one-word
// ASCII name greeted as written is never a wrong name.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  const std::string_view author(reinterpret_cast<const char*>(data), size);
  static const char* const kReplies[][2] = {
      {"fr", "Bonjour Sophie, merci pour votre retour. Nous sommes désolés. Cordialement, Marc"},
      {"fr", "Chère Madame Dupuis, toutes nos excuses. Jean-Michel, service client"},
      {"en", "Hi Bob, thanks for your review, we are sorry. Best, Kelly & the team"},
  };
  for (const auto& [lang, reply] : kReplies) {
    ScoreOptions options;
    options.lang = lang;
    options.author = author;
    const absl::StatusOr<Report> r =
        fuzz::Builtin().Score("Colis abîmé, service nul.", reply, options);
    TACT_FUZZ_CHECK(r.ok(), r.status().ToString());
    fuzz::CheckReport(*r, reply, options.max_input_bytes);
  }
  // The author's own name, greeted back as written.
  bool one_word = size >= 2 && size <= 20;
  for (char c : author) one_word = one_word && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  for (const char* lang : {"fr", "en"}) {
    const std::string reply = std::string(lang[0] == 'f' ? "Bonjour " : "Hello ") +
                              std::string(author) + ", merci / thank you.";
    ScoreOptions options;
    options.lang = lang;
    options.author = author;
    const absl::StatusOr<Report> r = fuzz::Builtin().Score("", reply, options);
    TACT_FUZZ_CHECK(r.ok(), r.status().ToString());
    fuzz::CheckReport(*r, reply, options.max_input_bytes);
    if (one_word) {
      for (const Finding& f : r->findings) TACT_FUZZ_CHECK(f.criterion != "wrong_name", reply);
    }
  }
  return 0;
}
