#include "language_detection.h"

#include <vector>

namespace tact::internal {
namespace {

// A text decides when it has this many stop words, and the leading language has at least
// twice the votes of the next.
constexpr int kMinVotes = 3;

const Language* Vote(const PackSet& packs, const Text& text) {
  std::vector<int> votes(packs.languages.size(), 0);
  int total = 0;
  for (const Token& t : text.tokens) {
    for (size_t l = 0; l < packs.languages.size(); ++l) {
      if (packs.languages[l].stopwords.contains(t.norm)) {
        ++votes[l];
        ++total;
      }
    }
  }
  if (total < kMinVotes) return nullptr;
  size_t best = 0;
  for (size_t l = 1; l < votes.size(); ++l) {
    if (votes[l] > votes[best]) best = l;
  }
  for (size_t l = 0; l < votes.size(); ++l) {
    if (l != best && votes[best] < 2 * votes[l]) return nullptr;
  }
  return &packs.languages[best];
}

}  // namespace

const Language& DetectLanguage(const PackSet& packs, const Text& reply, const Text* review,
                               bool* guessed) {
  *guessed = false;
  if (const Language* l = Vote(packs, reply)) return *l;
  *guessed = true;
  if (review != nullptr) {
    if (const Language* l = Vote(packs, *review)) return *l;
  }
  return *packs.Find(packs.rubric.fallback_lang);
}

}  // namespace tact::internal
