// Token matcher: every phrase of every rule and lexicon of one language, compiled into one token
// trie. A text is matched in one pass over its tokens; results are grouped by "group" (a rule's
// phrase list, a lexicon, a topic).
#ifndef TACT_CORE_SRC_MATCHER_H_
#define TACT_CORE_SRC_MATCHER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "image_io.h"
#include "text.h"

namespace tact::internal {

// A match over tokens [begin, end) of a text.
struct TokenRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

class Matches {
 public:
  // Matches of `group`, sorted by begin then end, without duplicates.
  std::span<const TokenRange> Of(int group) const;
  bool Any(int group) const { return !Of(group).empty(); }
  // Drops the matches of `groups` that lie inside a match of `outer`: a topic's word in a fixed
  // expression ("a pain", "fix it") raises no topic.
  void DropInside(std::span<const int> groups, int outer);

 private:
  friend class Matcher;
  std::vector<TokenRange> ranges_;
  std::vector<uint32_t> offsets_;  // group g's ranges are [offsets_[g], offsets_[g + 1])
};

class Matcher {
 public:
  // Resolves "@name" slots: the phrases of a lexicon, or nullptr if there is none.
  using LexiconLookup = std::function<const std::vector<std::string>*(std::string_view)>;

  int NewGroup() { return group_count_++; }
  int group_count() const { return group_count_; }

  // Compiles `phrase` (syntax in core/packs/schema.md) into the trie under `group`. Returns an
  // empty string, or what is wrong with the phrase.
  std::string Add(std::string_view phrase, int group, const LexiconLookup& lexicons);

  Matches Match(const Text& text) const;

  // Merges identical subtrees, so the trie becomes a minimal DAG (phrases that share their
  // endings share nodes): 10x smaller for the built-in packs, same matches. For the pack image;
  // no Add() after it.
  void Minimize();

  // The compiled trie in the pack image (pack_image.cc); Load validates every index.
  void Save(ImageWriter* w) const;
  bool Load(ImageReader* r);

  // The vocabulary as the image numbers it (Save: sorted, ids from 1; element 0 is empty), so
  // that the image codes other word lists as word ids. Views into this matcher.
  std::vector<std::string_view> ImageWords() const;
  // A loaded matcher's word `id` (1 to vocabulary_size()).
  std::string_view Word(uint32_t id) const {
    return std::string_view(vocab_chars_)
        .substr(vocab_offsets_[id], vocab_offsets_[id + 1] - vocab_offsets_[id]);
  }
  uint32_t vocabulary_size() const {
    return vocab_offsets_.size() < 2 ? 0 : static_cast<uint32_t>(vocab_offsets_.size() - 2);
  }

 private:
  struct Atom {
    enum Kind : uint8_t { kWord, kPrefix, kSuffix, kAny, kNumber };
    explicit Atom(Kind k) : kind(k) {}
    Kind kind;
    uint32_t word = 0;
    std::string prefix;  ///< kPrefix: the start; kSuffix: the end
  };
  using Variant = std::vector<Atom>;
  struct Node {
    absl::flat_hash_map<uint32_t, uint32_t> words;
    std::vector<std::pair<std::string, uint32_t>> prefixes;
    std::vector<std::pair<std::string, uint32_t>> suffixes;
    int32_t any = -1;
    int32_t number = -1;
    std::vector<int> accepts;
  };

  std::string Expand(std::string_view phrase, const LexiconLookup& lexicons, bool allow_refs,
                     std::vector<Variant>* variants);
  std::string ExpandSlot(std::string_view slot, const LexiconLookup& lexicons, bool allow_refs,
                         std::vector<Variant>* alternatives);
  uint32_t Intern(const std::string& word);
  void Insert(const Variant& variant, int group);
  uint32_t Child(uint32_t node, const Atom& atom);

  // A node's many prefix or suffix edges, looked up by the token's own starts and ends instead
  // of comparing each (the root has hundreds: comparing them all was a third of the CLI's time).
  struct AffixIndex {
    absl::flat_hash_map<std::string, std::vector<uint32_t>> children;  // affix -> children
    std::vector<uint32_t> lengths;  // the affixes' lengths, ascending
    // Most tokens match none: a token is looked up only if its outer byte (the first for a
    // prefix, the last for a suffix) is a one-byte affix's, or its two outer bytes hash to a set
    // bit of a 1,024-bit filter (the root's 72 prefixes would cost every token ten lookups).
    bool empty_affix = false;
    // With the index only (160 bytes): bits [0, 256) the one-byte affixes' outer bytes, bits
    // [256, 1280) the pair filter (PairBit in matcher.cc).
    std::vector<uint64_t> filter;
    bool MayMatch(std::string_view token, bool suffix) const;
  };
  // The prefix and suffix edges of a node that has some (few nodes do), with their indexes.
  struct Affixes {
    std::vector<std::pair<std::string, uint32_t>> prefixes;
    std::vector<std::pair<std::string, uint32_t>> suffixes;
    AffixIndex prefix_index;  // empty when there are few prefixes (compared one by one)
    AffixIndex suffix_index;
    void Index();
  };
  // What one matching step reads of a node, packed: Match is bound by cache misses, and a Node
  // is 120 bytes with a hash map of its own.
  struct Step {
    // Word edges: edges_[edges, edges + edge_count), scanned; above kScannedEdges, a hash
    // table of edge_count slots.
    uint32_t edges = 0;
    uint32_t edge_count = 0;
    uint32_t accepts = 0;  // accepts_[accepts, accepts_end)
    uint32_t accepts_end = 0;
    int32_t any = -1;
    int32_t number = -1;
    uint32_t affixes = 0;  // 0: no prefix or suffix edge, else affixes_[affixes - 1]
    // A one-hash Bloom filter of the word edges' words, read before them: most steps find no
    // edge, and the filters are a twentieth of the edges' memory. Up to kScannedEdges edges:
    // the filter's 32 bits; above: filters_[filter, filter + edge_count / 8), 4 bits a slot.
    uint32_t filter = 0;
  };
  // A node's word edges are scanned up to this many, else looked up in a hash table.
  static constexpr uint32_t kScannedEdges = 16;
  // The slots of a node's `words` word edges: the list itself up to kScannedEdges, else a hash
  // table at most half full (a power of two), with a filter of size / 8 words.
  static uint64_t EdgeSlots(uint64_t words) {
    if (words <= kScannedEdges) return words;
    uint64_t size = 2 * kScannedEdges;
    while (size < 2 * words) size *= 2;
    return size;
  }

  // Builds the packed tables (steps_, edges_, accepts_, affixes_, the vocabulary table) from
  // nodes_ and vocabulary_, after Minimize. Load builds them straight from the image instead,
  // without nodes_ or vocabulary_, which only Add, Minimize and Save of a built matcher read.
  void BuildIndex();
  // Puts a node's word edges (word, child) in edges_: scanned, or a hash table above
  // kScannedEdges. False if a word leads to two children.
  bool PutEdges(const std::vector<std::pair<uint32_t, uint32_t>>& words, Step* s);
  // vocab_slots_ from vocab_chars_ and vocab_offsets_.
  void BuildVocabularyTable();
  bool packed() const { return !steps_.empty(); }

  std::vector<Node> nodes_{1};  // a built matcher's trie; empty when loaded from an image
  std::vector<Step> steps_;     // per node when packed (BuildIndex or Load), else empty
  std::vector<std::pair<uint32_t, uint32_t>> edges_;  // (word, child), but the root's
  std::vector<uint32_t> filters_;                     // the large nodes' filters (Step::filter)
  std::vector<int> accepts_;
  std::vector<Affixes> affixes_;
  // A loaded matcher's part of the image, which Save writes back as it is (the image holds the
  // minimal DAG already: Minimize leaves a loaded matcher as it is).
  std::string image_;
  bool loaded_ = false;
  // The vocabulary as Match looks it up, once per token: open addressing, 8 bytes a slot (a
  // slot of vocabulary_ is 40, and the table is a cache miss per token), words in one buffer.
  struct VocabSlot {
    uint32_t tag = 0;  // the hash's upper half
    uint32_t id = 0;   // 0: empty
  };
  uint32_t LookUp(std::string_view word) const;
  std::vector<VocabSlot> vocab_slots_;
  std::vector<uint32_t>
      vocab_offsets_;  // word id's text: vocab_chars_[offsets[id], offsets[id + 1])
  std::string vocab_chars_;
  // The root's child by word id (0: none): every match starts there.
  std::vector<uint32_t> root_words_;
  size_t variants_ = 0;       // variants added, for the per-language limits (matcher.cc)
  size_t variant_words_ = 0;  // their words
  absl::flat_hash_map<std::string, uint32_t> vocabulary_;  // ids start at 1; 0 = unknown
  int group_count_ = 0;
};

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_MATCHER_H_
