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

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_LANGUAGE_DETECTION_H_
