// Language detection: every loaded language's stop words vote, on the reply first, then on
// the review; the rubric's fallback language when neither decides.
#ifndef TACT_CORE_SRC_LANGUAGE_DETECTION_H_
#define TACT_CORE_SRC_LANGUAGE_DETECTION_H_

#include "packs.h"
#include "text.h"

namespace tact::internal {

// The detected language; `*guessed` is set when the reply alone did not decide.
const Language& DetectLanguage(const PackSet& packs, const Text& reply, const Text* review,
                               bool* guessed);

// The text is in a language no loaded pack reads ("Hallo Peter, es tut uns leid…", a reply in
// Japanese): most of its words in a non-Latin script, or 8 words or more (user handles aside)
// of which fewer than 1 in 12 is a stop word of any loaded language. Short texts, names and
// lists are left alone.
bool ForeignText(const PackSet& packs, const Text& text);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_LANGUAGE_DETECTION_H_
