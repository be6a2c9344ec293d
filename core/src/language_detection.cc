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

constexpr int kForeignMinWords = 8;
constexpr int kForeignStopwordShare = 12;  // fewer than 1 word in this many
constexpr int kForeignMinScriptWords = 3;

}  // namespace

bool ForeignText(const PackSet& packs, const Text& text) {
  int words = 0;
  int other_script = 0;
  std::vector<int> stopwords(packs.languages.size(), 0);
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    const Token& t = text.tokens[i];
    if (!t.Has(kTokenLetters) || text.Mention(i)) continue;
    ++words;
    // Greek, Cyrillic, Arabic, CJK…: a first byte from 0xCD on is U+0340 or above, past the
    // Latin letters (accents are folded out of `norm`).
    if (static_cast<unsigned char>(t.norm[0]) >= 0xCD) ++other_script;
    for (size_t l = 0; l < packs.languages.size(); ++l) {
      if (packs.languages[l].stopwords.contains(t.norm)) ++stopwords[l];
    }
  }
  if (other_script >= kForeignMinScriptWords && 2 * other_script > words) return true;
  if (words < kForeignMinWords) return false;
  for (int hits : stopwords) {
    if (hits * kForeignStopwordShare >= words) return false;
  }
  return true;
}

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
