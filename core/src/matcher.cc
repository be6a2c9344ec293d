#include "matcher.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "string_util.h"

namespace tact::internal {
namespace {

// One phrase's variants, and their words all together; every phrase of one language together
// (the trie grows with each variant's words): about 4 and 3 times the French built-in packs.
constexpr size_t kMaxVariants = 4096;
constexpr size_t kMaxPhraseWords = size_t{1} << 18;
constexpr size_t kMaxLanguageVariants = size_t{1} << 20;
constexpr size_t kMaxLanguageWords = size_t{1} << 22;

std::string TooManyVariants() {
  return absl::StrCat("phrase expands to more than ", kMaxVariants, " variants");
}
constexpr int kMaxGap = 3;

std::vector<std::string_view> SplitOn(std::string_view s, char sep, bool skip_empty) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    if (!skip_empty || end > start) parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool IsAsciiLetterRun(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!(u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

// "désolé(e)(s)" -> désolé, désolée, désolés, désolées. A "(" that does not open a run of
// letters closed by ")" right after a letter is kept as is (":(" stays an emoticon). Stops
// with more than kMaxVariants forms (each "(x)" doubles them).
std::vector<std::string> ExpandShorthand(std::string_view s) {
  std::vector<std::string> out{""};
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '(' && i > 0) {
      const size_t close = s.find(')', i);
      if (close != std::string_view::npos && IsAsciiLetterRun(s.substr(i + 1, close - i - 1))) {
        const std::string_view opt = s.substr(i + 1, close - i - 1);
        const size_t n = out.size();
        if (n > kMaxVariants) return out;
        for (size_t k = 0; k < n; ++k) out.push_back(absl::StrCat(out[k], Sv(opt)));
        i = close + 1;
        continue;
      }
    }
    for (std::string& o : out) o.push_back(s[i]);
    ++i;
  }
  return out;
}

}  // namespace

std::span<const TokenRange> Matches::Of(int group) const {
  if (group < 0 || static_cast<size_t>(group) + 1 >= offsets_.size()) return {};
  return std::span<const TokenRange>(ranges_.data() + offsets_[group],
                                     offsets_[group + 1] - offsets_[group]);
}

void Matches::DropInside(std::span<const int> groups, int outer) {
  const std::span<const TokenRange> idioms = Of(outer);
  if (idioms.empty()) return;
  std::vector<bool> drop_group(offsets_.empty() ? 0 : offsets_.size() - 1, false);
  for (int g : groups) {
    if (g >= 0 && static_cast<size_t>(g) < drop_group.size()) drop_group[g] = true;
  }
  const std::vector<TokenRange> outer_ranges(idioms.begin(), idioms.end());
  size_t out = 0;
  uint32_t begin = 0;
  for (size_t g = 0; g < drop_group.size(); ++g) {
    const uint32_t end = offsets_[g + 1];
    offsets_[g] = static_cast<uint32_t>(out);
    for (uint32_t i = begin; i < end; ++i) {
      const TokenRange m = ranges_[i];
      const bool inside =
          drop_group[g] && std::any_of(outer_ranges.begin(), outer_ranges.end(), [&](TokenRange o) {
            return o.begin <= m.begin && m.end <= o.end;
          });
      if (!inside) ranges_[out++] = m;
    }
    begin = end;
  }
  offsets_.back() = static_cast<uint32_t>(out);
  ranges_.resize(out);
}

uint32_t Matcher::Intern(const std::string& word) {
  auto [it, inserted] = vocabulary_.try_emplace(word, vocabulary_.size() + 1);
  return it->second;
}

std::string Matcher::ExpandSlot(std::string_view slot, const LexiconLookup& lexicons,
                                bool allow_refs, std::vector<Variant>* alternatives) {
  alternatives->clear();
  if (slot == "...") {
    for (int n = 0; n <= kMaxGap; ++n) alternatives->push_back(Variant(n, Atom(Atom::kAny)));
    return "";
  }
  if (slot == "*") {
    alternatives->push_back({Atom(Atom::kAny)});
    return "";
  }
  if (slot == "#") {
    alternatives->push_back({Atom(Atom::kNumber)});
    return "";
  }
  bool optional = false;
  if (slot.size() > 1 && slot.back() == '?') {
    optional = true;
    slot.remove_suffix(1);
  }
  if (slot[0] == '@') {
    if (!allow_refs) return absl::StrCat("lexicon reference '", Sv(slot), "' inside a lexicon");
    const std::vector<std::string>* entries = lexicons(slot.substr(1));
    if (entries == nullptr) return absl::StrCat("unknown lexicon '", Sv(slot.substr(1)), "'");
    for (const std::string& entry : *entries) {
      if (alternatives->size() > kMaxVariants) return TooManyVariants();
      std::vector<Variant> variants;
      std::string error = Expand(entry, lexicons, /*allow_refs=*/false, &variants);
      if (!error.empty()) return absl::StrCat("in lexicon '", Sv(slot.substr(1)), "': ", error);
      for (Variant& v : variants) alternatives->push_back(std::move(v));
    }
  } else {
    for (std::string_view alt : SplitOn(slot, '|', /*skip_empty=*/false)) {
      if (alt.empty()) return absl::StrCat("empty alternative in '", Sv(slot), "'");
      const std::vector<std::string> forms = ExpandShorthand(alt);
      if (forms.size() > kMaxVariants || alternatives->size() > kMaxVariants) {
        return TooManyVariants();
      }
      for (const std::string& form : forms) {
        if (form.size() > 1 && form.front() == '*') {
          // "*er": a word of two letters or more, then this ending (an infinitive in French).
          std::string suffix = NormalizeWord(std::string_view(form).substr(1));
          if (suffix.size() < 2) {
            return absl::StrCat("suffix '", form, "' needs at least 2 letters after '*'");
          }
          Atom atom{Atom::kSuffix};
          atom.prefix = std::move(suffix);
          alternatives->push_back({std::move(atom)});
          continue;
        }
        if (form.size() > 1 && form.back() == '*') {
          std::string prefix = NormalizeWord(std::string_view(form).substr(0, form.size() - 1));
          if (prefix.size() < 3) {
            return absl::StrCat("prefix '", form, "' needs at least 3 letters before '*'");
          }
          Atom atom{Atom::kPrefix};
          atom.prefix = std::move(prefix);
          alternatives->push_back({std::move(atom)});
          continue;
        }
        const Text text = Analyze(form, static_cast<uint32_t>(form.size()));
        if (text.tokens.empty()) return absl::StrCat("'", form, "' has no word");
        Variant v;
        for (const Token& t : text.tokens) {
          Atom atom{Atom::kWord};
          atom.word = Intern(t.norm);
          v.push_back(std::move(atom));
        }
        alternatives->push_back(std::move(v));
      }
    }
  }
  if (optional) alternatives->push_back({});
  return "";
}

std::string Matcher::Expand(std::string_view phrase, const LexiconLookup& lexicons, bool allow_refs,
                            std::vector<Variant>* variants) {
  const std::vector<std::string_view> slots = SplitOn(phrase, ' ', /*skip_empty=*/true);
  if (slots.empty()) return "empty phrase";
  variants->assign(1, Variant{});
  std::vector<Variant> alternatives;
  // The word of the previous slot when it is one plain word ("you" in "you are|you're").
  std::optional<uint32_t> previous_word;
  size_t words = 0;  // in all the variants
  for (size_t i = 0; i < slots.size(); ++i) {
    std::string error = ExpandSlot(slots[i], lexicons, allow_refs, &alternatives);
    if (!error.empty()) return error;
    // "you are|you're|you-were" reads as "you" then "are", "you re" or "you were": the
    // contractions would need "you you're". Such an alternative belongs in one slot with the
    // word before it ("you-are|you're|you-were").
    if (previous_word) {
      for (const Variant& alt : alternatives) {
        if (alt.size() >= 2 && alt.front().kind == Atom::kWord &&
            alt.front().word == *previous_word) {
          return absl::StrCat(
              "slot '", Sv(slots[i]), "' has an alternative that starts with '", Sv(slots[i - 1]),
              "', the slot before it: the phrase would need '", Sv(slots[i - 1]),
              "' twice; write the whole alternatives in one slot ('", Sv(slots[i - 1]), "-…|…')");
        }
      }
    }
    previous_word.reset();
    if (alternatives.size() == 1 && alternatives[0].size() == 1 &&
        alternatives[0][0].kind == Atom::kWord) {
      previous_word = alternatives[0][0].word;
    }
    const bool edge = i == 0 || i + 1 == slots.size();
    if (edge) {
      for (const Variant& alt : alternatives) {
        if (alt.empty() || alt.front().kind == Atom::kAny) {
          return absl::StrCat("a phrase may not start or end with '", Sv(slots[i]), "'");
        }
      }
    }
    if (variants->size() * alternatives.size() > kMaxVariants) return TooManyVariants();
    size_t tails = 0;
    for (const Variant& alt : alternatives) tails += alt.size();
    words = words * alternatives.size() + variants->size() * tails;
    if (words > kMaxPhraseWords) {
      return absl::StrCat("phrase expands to more than ", kMaxPhraseWords, " words");
    }
    if (alternatives.size() == 1) {  // in place: a long phrase is not copied once per word
      const Variant& tail = alternatives[0];
      for (Variant& v : *variants) v.insert(v.end(), tail.begin(), tail.end());
      continue;
    }
    std::vector<Variant> product;
    product.reserve(variants->size() * alternatives.size());
    for (const Variant& head : *variants) {
      for (const Variant& tail : alternatives) {
        Variant v = head;
        v.insert(v.end(), tail.begin(), tail.end());
        product.push_back(std::move(v));
      }
    }
    *variants = std::move(product);
  }
  return "";
}

uint32_t Matcher::Child(uint32_t node, const Atom& atom) {
  const auto make = [this]() {
    nodes_.emplace_back();
    return static_cast<uint32_t>(nodes_.size() - 1);
  };
  switch (atom.kind) {
    case Atom::kWord: {
      auto it = nodes_[node].words.find(atom.word);
      if (it != nodes_[node].words.end()) return it->second;
      const uint32_t child = make();
      nodes_[node].words.emplace(atom.word, child);
      return child;
    }
    case Atom::kPrefix: {
      for (const auto& [prefix, child] : nodes_[node].prefixes) {
        if (prefix == atom.prefix) return child;
      }
      const uint32_t child = make();
      nodes_[node].prefixes.emplace_back(atom.prefix, child);
      return child;
    }
    case Atom::kSuffix: {
      for (const auto& [suffix, child] : nodes_[node].suffixes) {
        if (suffix == atom.prefix) return child;
      }
      const uint32_t child = make();
      nodes_[node].suffixes.emplace_back(atom.prefix, child);
      return child;
    }
    case Atom::kAny:
      if (nodes_[node].any < 0) nodes_[node].any = static_cast<int32_t>(make());
      return static_cast<uint32_t>(nodes_[node].any);
    case Atom::kNumber:
      if (nodes_[node].number < 0) nodes_[node].number = static_cast<int32_t>(make());
      return static_cast<uint32_t>(nodes_[node].number);
  }
  return 0;
}

void Matcher::Insert(const Variant& variant, int group) {
  uint32_t node = 0;
  for (const Atom& atom : variant) node = Child(node, atom);
  std::vector<int>& accepts = nodes_[node].accepts;
  if (std::find(accepts.begin(), accepts.end(), group) == accepts.end()) accepts.push_back(group);
}

std::string Matcher::Add(std::string_view phrase, int group, const LexiconLookup& lexicons) {
  if (loaded_) return "a matcher loaded from an image takes no more phrases";
  // Built again by Minimize; until then edges are compared one by one.
  steps_.clear();
  affixes_.clear();
  vocab_slots_.clear();
  std::vector<Variant> variants;
  std::string error = Expand(phrase, lexicons, /*allow_refs=*/true, &variants);
  if (!error.empty()) return error;
  size_t words = 0;
  for (const Variant& v : variants) words += v.size();
  if (variants.size() > kMaxLanguageVariants - variants_ ||
      words > kMaxLanguageWords - variant_words_) {
    return absl::StrCat("the phrases of this language (all its packs) expand to more than ",
                        kMaxLanguageVariants, " variants or ", kMaxLanguageWords, " words in all");
  }
  variants_ += variants.size();
  variant_words_ += words;
  for (const Variant& v : variants) Insert(v, group);
  return "";
}

namespace {

// Spreads word ids over a node's edge table (Knuth's multiplicative hash).
uint32_t EdgeSlot(uint32_t word) { return (word * 2654435761u) >> 8; }

// The bit of an affix's two outer bytes in its index's pair filter (1,024 bits).
uint32_t PairBit(char outer, char inner) {
  const uint32_t pair = static_cast<uint32_t>(static_cast<unsigned char>(outer)) << 8 |
                        static_cast<unsigned char>(inner);
  return (pair * 2654435761u) >> 22;
}
// The bit of a word in an edge filter: another hash than EdgeSlot's, so that words that share a
// slot seldom share a bit.
uint32_t FilterBit(uint32_t word) { return (word * 0x85EBCA77u) >> 7; }

}  // namespace

uint32_t Matcher::LookUp(std::string_view word) const {
  if (vocab_slots_.empty()) {
    auto it = vocabulary_.find(Sv(word));
    return it == vocabulary_.end() ? 0 : it->second;
  }
  const uint64_t h = Fnv1a(word);
  const size_t mask = vocab_slots_.size() - 1;
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const VocabSlot& slot = vocab_slots_[i];
    if (slot.id == 0) return 0;
    if (slot.tag != tag) continue;
    const uint32_t begin = vocab_offsets_[slot.id];
    if (vocab_offsets_[slot.id + 1] - begin != word.size()) continue;
    // Words are short: compared here rather than by a call to memcmp.
    const char* w = vocab_chars_.data() + begin;
    size_t k = 0;
    while (k < word.size() && w[k] == word[k]) ++k;
    if (k == word.size()) return slot.id;
  }
}

Matches Matcher::Match(const Text& text) const {
  const std::vector<Token>& tokens = text.tokens;
  // Scratch kept by each thread from one text to the next, so that matching allocates nothing
  // but its result (it keeps the capacity of the longest text the thread matched).
  struct Hit {
    int group;
    TokenRange range;
  };
  struct Scratch {
    std::vector<uint32_t> ids;
    std::vector<Hit> hits;
    std::vector<uint32_t> states;
    std::vector<uint32_t> next;
  };
  thread_local Scratch scratch;
  std::vector<uint32_t>& ids = scratch.ids;
  std::vector<Hit>& hits = scratch.hits;
  std::vector<uint32_t>& states = scratch.states;
  std::vector<uint32_t>& next = scratch.next;
  ids.resize(tokens.size());
  hits.clear();
  for (size_t i = 0; i < tokens.size(); ++i) ids[i] = LookUp(tokens[i].norm);
  const bool packed = this->packed();
  // Prefix and suffix edges: through the node's index when it has one, else one by one.
  const auto affix_step = [&](const std::vector<std::pair<std::string, uint32_t>>& prefixes,
                              const AffixIndex* prefix_index,
                              const std::vector<std::pair<std::string, uint32_t>>& suffixes,
                              const AffixIndex* suffix_index, size_t j) {
    const std::string& norm = tokens[j].norm;
    if (prefix_index != nullptr && !prefix_index->lengths.empty()) {
      if (prefix_index->MayMatch(norm, /*suffix=*/false)) {
        for (uint32_t len : prefix_index->lengths) {
          if (len > norm.size()) break;
          auto it = prefix_index->children.find(Sv(std::string_view(norm).substr(0, len)));
          if (it != prefix_index->children.end()) {
            next.insert(next.end(), it->second.begin(), it->second.end());
          }
        }
      }
    } else {
      for (const auto& [prefix, child] : prefixes) {
        if (norm.size() >= prefix.size() && norm.compare(0, prefix.size(), prefix) == 0) {
          next.push_back(child);
        }
      }
    }
    // A suffix matches a word of letters at least two letters longer than it.
    if (!tokens[j].Has(kTokenLetters)) return;
    if (suffix_index != nullptr && !suffix_index->lengths.empty()) {
      if (suffix_index->MayMatch(norm, /*suffix=*/true)) {
        for (uint32_t len : suffix_index->lengths) {
          if (len + 2 > norm.size()) break;
          auto it =
              suffix_index->children.find(Sv(std::string_view(norm).substr(norm.size() - len)));
          if (it != suffix_index->children.end()) {
            next.insert(next.end(), it->second.begin(), it->second.end());
          }
        }
      }
    } else {
      for (const auto& [suffix, child] : suffixes) {
        if (norm.size() >= suffix.size() + 2 &&
            norm.compare(norm.size() - suffix.size(), suffix.size(), suffix) == 0) {
          next.push_back(child);
        }
      }
    }
  };
  const auto step = [&](uint32_t state, size_t j) {
    const uint32_t id = ids[j];
    if (packed) {
      const Step& s = steps_[state];
      if (state == 0) {
        if (root_words_[id] != 0) next.push_back(root_words_[id]);
      } else if (id != 0 && s.edge_count > kScannedEdges) {
        // An open-addressing table of edge_count (a power of two) slots, word 0 = empty.
        const uint32_t bit = FilterBit(id) & (4 * s.edge_count - 1);
        if ((filters_[s.filter + bit / 32] >> (bit % 32) & 1) != 0) {
          const auto* e = edges_.data() + s.edges;
          const uint32_t mask = s.edge_count - 1;
          for (uint32_t k = EdgeSlot(id) & mask;; k = (k + 1) & mask) {
            if (e[k].first == id) {
              next.push_back(e[k].second);
              break;
            }
            if (e[k].first == 0) break;
          }
        }
      } else if (id != 0 && s.edge_count != 0 && (s.filter >> (FilterBit(id) % 32) & 1) != 0) {
        const auto* e = edges_.data() + s.edges;
        for (const auto* end = e + s.edge_count; e != end; ++e) {
          if (e->first == id) {
            next.push_back(e->second);
            break;
          }
        }
      }
      if (s.any >= 0) next.push_back(static_cast<uint32_t>(s.any));
      if (s.number >= 0 && tokens[j].Has(kTokenNumber)) {
        next.push_back(static_cast<uint32_t>(s.number));
      }
      if (s.affixes == 0) return;
      const Affixes& a = affixes_[s.affixes - 1];
      affix_step(a.prefixes, &a.prefix_index, a.suffixes, &a.suffix_index, j);
      return;
    }
    const Node& node = nodes_[state];
    if (id != 0) {
      auto it = node.words.find(id);
      if (it != node.words.end()) next.push_back(it->second);
    }
    if (node.any >= 0) next.push_back(static_cast<uint32_t>(node.any));
    if (node.number >= 0 && tokens[j].Has(kTokenNumber)) {
      next.push_back(static_cast<uint32_t>(node.number));
    }
    affix_step(node.prefixes, nullptr, node.suffixes, nullptr, j);
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    states.assign(1, 0);
    for (size_t j = i; j < tokens.size() && !states.empty(); ++j) {
      if (tokens[j].sentence != tokens[i].sentence) break;
      next.clear();
      for (uint32_t s : states) step(s, j);
      if (next.size() > 1) {
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
      }
      const TokenRange range{static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1)};
      // Two states accepting one group over this range make one hit (a step has few hits).
      const size_t first = hits.size();
      const auto add = [&](int group) {
        for (size_t h = first; h < hits.size(); ++h) {
          if (hits[h].group == group) return;
        }
        hits.push_back({group, range});
      };
      for (uint32_t s : next) {
        if (packed) {
          for (uint32_t a = steps_[s].accepts; a < steps_[s].accepts_end; ++a) add(accepts_[a]);
        } else {
          for (int g : nodes_[s].accepts) add(g);
        }
      }
      states.swap(next);
    }
  }
  // Hits come by begin, then end (the loops above), without duplicates: placed by group in that
  // order (a counting sort), each group's are sorted. offsets[g] counts up to group g's end,
  // then back down to its start as its hits are placed from the last.
  Matches result;
  std::vector<uint32_t>& offsets = result.offsets_;
  offsets.assign(static_cast<size_t>(group_count_) + 1, 0);
  for (const Hit& h : hits) ++offsets[static_cast<size_t>(h.group)];
  for (size_t g = 1; g < offsets.size(); ++g) offsets[g] += offsets[g - 1];
  result.ranges_.resize(hits.size());
  for (auto h = hits.rbegin(); h != hits.rend(); ++h) {
    result.ranges_[--offsets[static_cast<size_t>(h->group)]] = h->range;
  }
  return result;
}

void Matcher::Affixes::Index() {
  constexpr size_t kMinAffixes = 6;  // fewer are compared one by one
  const auto build = [](const std::vector<std::pair<std::string, uint32_t>>& affixes, bool suffix,
                        AffixIndex* index) {
    if (affixes.size() < kMinAffixes) return;
    index->filter.assign(20, 0);
    for (const auto& [affix, child] : affixes) {
      index->children[affix].push_back(child);
      index->lengths.push_back(static_cast<uint32_t>(affix.size()));
      const size_t n = affix.size();
      if (n == 0) {
        index->empty_affix = true;
      } else if (n == 1) {
        const unsigned char a = static_cast<unsigned char>(affix[0]);
        index->filter[a / 64] |= uint64_t{1} << (a % 64);
      } else {
        const uint32_t bit =
            suffix ? PairBit(affix[n - 1], affix[n - 2]) : PairBit(affix[0], affix[1]);
        index->filter[4 + bit / 64] |= uint64_t{1} << (bit % 64);
      }
    }
    std::sort(index->lengths.begin(), index->lengths.end());
    index->lengths.erase(std::unique(index->lengths.begin(), index->lengths.end()),
                         index->lengths.end());
  };
  build(prefixes, /*suffix=*/false, &prefix_index);
  build(suffixes, /*suffix=*/true, &suffix_index);
}

bool Matcher::AffixIndex::MayMatch(std::string_view token, bool suffix) const {
  const size_t n = token.size();
  if (empty_affix) return true;
  if (n == 0) return false;
  const unsigned char a = static_cast<unsigned char>(suffix ? token[n - 1] : token[0]);
  if ((filter[a / 64] >> (a % 64) & 1) != 0) return true;
  if (n < 2) return false;
  const uint32_t bit = suffix ? PairBit(token[n - 1], token[n - 2]) : PairBit(token[0], token[1]);
  return (filter[4 + bit / 64] >> (bit % 64) & 1) != 0;
}

void Matcher::BuildVocabularyTable() {
  const size_t words = vocab_offsets_.empty() ? 0 : vocab_offsets_.size() - 1;  // with id 0
  size_t slots = 16;
  while (slots < 2 * words) slots *= 2;  // at most half full
  vocab_slots_.assign(slots, VocabSlot{});
  for (size_t id = 1; id < words; ++id) {
    const std::string_view word =
        std::string_view(vocab_chars_)
            .substr(vocab_offsets_[id], vocab_offsets_[id + 1] - vocab_offsets_[id]);
    const uint64_t h = Fnv1a(word);
    size_t i = h & (slots - 1);
    while (vocab_slots_[i].id != 0) i = (i + 1) & (slots - 1);
    vocab_slots_[i] = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(id)};
  }
}

bool Matcher::PutEdges(const std::vector<std::pair<uint32_t, uint32_t>>& words, Step* s) {
  s->edges = static_cast<uint32_t>(edges_.size());
  if (words.size() <= kScannedEdges) {
    s->edge_count = static_cast<uint32_t>(words.size());
    s->filter = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      for (size_t k = 0; k < i; ++k) {
        if (words[k].first == words[i].first) return false;
      }
      s->filter |= uint32_t{1} << (FilterBit(words[i].first) % 32);
    }
    edges_.insert(edges_.end(), words.begin(), words.end());
    return true;
  }
  const auto size = static_cast<uint32_t>(EdgeSlots(words.size()));
  s->edge_count = size;
  s->filter = static_cast<uint32_t>(filters_.size());
  filters_.resize(filters_.size() + size / 8, 0);  // 4 bits a slot
  uint32_t* filter = filters_.data() + s->filter;
  for (const auto& [word, child] : words) {
    const uint32_t bit = FilterBit(word) & (4 * size - 1);
    filter[bit / 32] |= uint32_t{1} << (bit % 32);
  }
  edges_.resize(edges_.size() + size, {0, 0});
  auto* table = edges_.data() + s->edges;
  for (const auto& [word, child] : words) {
    uint32_t k = EdgeSlot(word) & (size - 1);
    while (table[k].first != 0) {
      if (table[k].first == word) return false;
      k = (k + 1) & (size - 1);
    }
    table[k] = {word, child};
  }
  return true;
}

void Matcher::BuildIndex() {
  std::vector<const std::string*> words(vocabulary_.size() + 1, nullptr);
  for (const auto& [word, id] : vocabulary_) words[id] = &word;
  vocab_chars_.clear();
  vocab_offsets_.assign(words.size() + 1, 0);
  for (size_t id = 1; id < words.size(); ++id) {
    if (words[id] != nullptr) vocab_chars_.append(*words[id]);
    vocab_offsets_[id + 1] = static_cast<uint32_t>(vocab_chars_.size());
  }
  BuildVocabularyTable();
  steps_.assign(nodes_.size(), Step{});
  root_words_.assign(vocabulary_.size() + 1, 0);  // ids start at 1; 0 = unknown, no child
  for (const auto& [word, child] : nodes_[0].words) {
    if (word < root_words_.size()) root_words_[word] = child;
  }
  edges_.clear();
  filters_.clear();
  accepts_.clear();
  affixes_.clear();
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    const Node& node = nodes_[n];
    Step& s = steps_[n];
    if (n != 0) {  // the root's are root_words_
      edges.assign(node.words.begin(), node.words.end());
      PutEdges(edges, &s);  // a hash map's keys are distinct
    }
    s.accepts = static_cast<uint32_t>(accepts_.size());
    accepts_.insert(accepts_.end(), node.accepts.begin(), node.accepts.end());
    s.accepts_end = static_cast<uint32_t>(accepts_.size());
    s.any = node.any;
    s.number = node.number;
    if (!node.prefixes.empty() || !node.suffixes.empty()) {
      Affixes& a = affixes_.emplace_back();
      a.prefixes = node.prefixes;
      a.suffixes = node.suffixes;
      a.Index();
      s.affixes = static_cast<uint32_t>(affixes_.size());
    }
  }
}

void Matcher::Minimize() {
  if (loaded_) return;  // the image holds the minimal DAG
  // Canonical ids, children first: a node's key is its accepts and its edges to canonical ids.
  std::vector<uint32_t> canonical(nodes_.size(), 0);
  std::vector<uint8_t> done(nodes_.size(), 0);
  absl::flat_hash_map<std::string, uint32_t> by_key;
  std::vector<Node> merged;
  // Children in a fixed order (words by their text, not by id or hash order), so the same
  // packs always give the same numbering and the same image bytes, however they were loaded.
  std::vector<const std::string*> text(vocabulary_.size() + 1, nullptr);
  for (const auto& [word, id] : vocabulary_) text[id] = &word;
  const auto children = [this, &text](uint32_t n) {
    std::vector<std::pair<uint32_t, uint32_t>> words(nodes_[n].words.begin(),
                                                     nodes_[n].words.end());
    std::sort(words.begin(), words.end(),
              [&text](const auto& a, const auto& b) { return *text[a.first] < *text[b.first]; });
    std::vector<uint32_t> out;
    for (const auto& [word, child] : words) out.push_back(child);
    for (const auto* affixes : {&nodes_[n].prefixes, &nodes_[n].suffixes}) {
      std::vector<std::pair<std::string, uint32_t>> sorted(affixes->begin(), affixes->end());
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [affix, child] : sorted) out.push_back(child);
    }
    if (nodes_[n].any >= 0) out.push_back(static_cast<uint32_t>(nodes_[n].any));
    if (nodes_[n].number >= 0) out.push_back(static_cast<uint32_t>(nodes_[n].number));
    return out;
  };
  // Each node's children are listed once, when it is pushed (listing them at every step made
  // this quadratic in a node's fan-out: seconds for the built-in packs' root).
  struct Frame {
    uint32_t n;
    size_t next;
    std::vector<uint32_t> kids;
  };
  std::vector<Frame> stack;
  stack.push_back({0, 0, children(0)});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const uint32_t n = frame.n;
    if (frame.next < frame.kids.size()) {
      const uint32_t kid = frame.kids[frame.next++];
      if (!done[kid]) stack.push_back({kid, 0, children(kid)});
      continue;
    }
    // All children are canonical: build this node's key and its merged copy.
    const Node& node = nodes_[n];
    Node copy;
    std::vector<std::pair<uint32_t, uint32_t>> words;
    for (const auto& [word, child] : node.words) words.emplace_back(word, canonical[child]);
    std::sort(words.begin(), words.end());
    for (const auto& [word, child] : words) copy.words.emplace(word, child);
    for (const auto& [affix, child] : node.prefixes)
      copy.prefixes.emplace_back(affix, canonical[child]);
    for (const auto& [affix, child] : node.suffixes)
      copy.suffixes.emplace_back(affix, canonical[child]);
    std::sort(copy.prefixes.begin(), copy.prefixes.end());
    std::sort(copy.suffixes.begin(), copy.suffixes.end());
    copy.any = node.any >= 0 ? static_cast<int32_t>(canonical[node.any]) : -1;
    copy.number = node.number >= 0 ? static_cast<int32_t>(canonical[node.number]) : -1;
    copy.accepts = node.accepts;
    std::sort(copy.accepts.begin(), copy.accepts.end());
    std::string key;
    const auto put = [&key](uint32_t v) {
      key.append(reinterpret_cast<const char*>(&v), sizeof v);
    };
    put(static_cast<uint32_t>(copy.accepts.size()));
    for (int g : copy.accepts) put(static_cast<uint32_t>(g));
    put(static_cast<uint32_t>(words.size()));
    for (const auto& [word, child] : words) {
      put(word);
      put(child);
    }
    for (const auto* affixes : {&copy.prefixes, &copy.suffixes}) {
      put(static_cast<uint32_t>(affixes->size()));
      for (const auto& [affix, child] : *affixes) {
        put(static_cast<uint32_t>(affix.size()));
        key.append(affix);
        put(child);
      }
    }
    put(static_cast<uint32_t>(copy.any));
    put(static_cast<uint32_t>(copy.number));
    // The root keeps id 0: it is never merged (nothing points to it).
    auto [it, inserted] = by_key.try_emplace(key, static_cast<uint32_t>(merged.size()));
    if (inserted || n == 0) {
      if (!inserted) it->second = static_cast<uint32_t>(merged.size());
      merged.push_back(std::move(copy));
    }
    canonical[n] = n == 0 ? static_cast<uint32_t>(merged.size() - 1) : it->second;
    done[n] = 1;
    stack.pop_back();
  }
  // The root was finished last: move it to the front, shifting every other id by one.
  const uint32_t root = canonical[0];
  std::vector<Node> nodes;
  nodes.reserve(merged.size());
  const auto remap = [root](uint32_t id) { return id == root ? 0 : id < root ? id + 1 : id; };
  nodes.push_back(std::move(merged[root]));
  for (uint32_t i = 0; i < merged.size(); ++i) {
    if (i != root) nodes.push_back(std::move(merged[i]));
  }
  for (Node& node : nodes) {
    absl::flat_hash_map<uint32_t, uint32_t> words;
    for (const auto& [word, child] : node.words) words.emplace(word, remap(child));
    node.words = std::move(words);
    for (auto* affixes : {&node.prefixes, &node.suffixes}) {
      for (auto& [affix, child] : *affixes) child = remap(child);
    }
    if (node.any >= 0) node.any = static_cast<int32_t>(remap(static_cast<uint32_t>(node.any)));
    if (node.number >= 0) {
      node.number = static_cast<int32_t>(remap(static_cast<uint32_t>(node.number)));
    }
  }
  nodes_ = std::move(nodes);
  BuildIndex();
}

std::vector<std::string_view> Matcher::ImageWords() const {
  std::vector<std::string_view> words(1);
  if (loaded_) {
    for (uint32_t id = 1; id <= vocabulary_size(); ++id) words.push_back(Word(id));
    return words;
  }
  for (const auto& [word, id] : vocabulary_) words.push_back(word);
  std::sort(words.begin() + 1, words.end());
  return words;
}

// Compact on purpose (the wasm embeds this): the vocabulary sorted and front-coded; a node's
// word edges grouped by child, a group of two words or more written once in a table of word
// sets that every node shares (a 50-verb alternative reached from ten places is stored once);
// nodes in depth-first order, an edge to a node not reached before (a tree edge) without its
// child's id (see below). Load expands the groups back into word edges, so matching is a hash
// lookup per word.
void Matcher::Save(ImageWriter* w) const {
  if (loaded_) {
    w->bytes().append(image_);
    return;
  }
  w->U32(static_cast<uint32_t>(group_count_));
  std::vector<const std::string*> words(vocabulary_.size());
  for (const auto& [word, id] : vocabulary_) words[id - 1] = &word;
  std::vector<uint32_t> order(words.size());  // new position -> old id - 1
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&words](uint32_t a, uint32_t b) { return *words[a] < *words[b]; });
  std::vector<uint32_t> new_id(words.size() + 1, 0);
  w->U32(static_cast<uint32_t>(order.size()));
  // Front-coded, in three streams: the bytes each word shares with the one before, the length
  // of the rest, and the rests one after the other.
  ImageWriter shared_out;
  ImageWriter lengths_out;
  std::string rests;
  const std::string* previous = nullptr;
  for (uint32_t i = 0; i < order.size(); ++i) {
    const std::string& word = *words[order[i]];
    new_id[order[i] + 1] = i + 1;
    size_t shared = 0;
    if (previous != nullptr) {
      while (shared < previous->size() && shared < word.size() &&
             (*previous)[shared] == word[shared]) {
        ++shared;
      }
    }
    shared_out.U32(static_cast<uint32_t>(shared));
    lengths_out.U32(static_cast<uint32_t>(word.size() - shared));
    rests.append(word, shared);
    previous = &word;
  }
  w->Str(shared_out.bytes());
  w->Str(lengths_out.bytes());
  w->Str(rests);
  // Each node's word edges by child; groups of two words or more go to the shared table.
  std::vector<std::vector<uint32_t>> table;
  absl::flat_hash_map<std::string, uint32_t> table_index;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> set_edges(nodes_.size());  // (set, child)
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> word_edges(
      nodes_.size());  // (word, child)
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    // By child in index order, so the table (and the image) never depends on hash order.
    std::vector<std::pair<uint32_t, uint32_t>> edges;  // (child, new word id)
    for (const auto& [word, c] : nodes_[n].words) edges.emplace_back(c, new_id[word]);
    std::sort(edges.begin(), edges.end());
    std::vector<std::pair<uint32_t, std::vector<uint32_t>>> by_child;
    for (const auto& [c, id] : edges) {
      if (by_child.empty() || by_child.back().first != c) by_child.push_back({c, {}});
      by_child.back().second.push_back(id);
    }
    for (auto& [c, ids] : by_child) {
      std::sort(ids.begin(), ids.end());
      if (ids.size() == 1) {
        word_edges[n].emplace_back(ids[0], c);
        continue;
      }
      const std::string key(reinterpret_cast<const char*>(ids.data()),
                            ids.size() * sizeof(uint32_t));
      auto [it, inserted] = table_index.try_emplace(key, static_cast<uint32_t>(table.size()));
      if (inserted) table.push_back(ids);
      set_edges[n].emplace_back(it->second, c);
    }
    std::sort(word_edges[n].begin(), word_edges[n].end());
    std::sort(set_edges[n].begin(), set_edges[n].end());
  }
  // The table in two streams: the sets' sizes, then their ids as steps.
  w->U32(static_cast<uint32_t>(table.size()));
  ImageWriter sizes_out;
  ImageWriter ids_out;
  for (const std::vector<uint32_t>& ids : table) {
    sizes_out.U32(static_cast<uint32_t>(ids.size()));
    uint32_t last = 0;
    for (uint32_t id : ids) {
      ids_out.U32(id - last);
      last = id;
    }
  }
  w->Str(sizes_out.bytes());
  w->Str(ids_out.bytes());
  // The nodes in depth-first order (the root first, each node before its children), their
  // edges in the order they are written: an edge that first reaches a node (a tree edge) leads
  // to the next node written, and says only that (0); any other edge names its child (id + 1).
  // Two thirds of the edges of the built-in packs' DAG share a child, the rest are free.
  const auto kids = [&](uint32_t n) {
    std::vector<uint32_t> out;
    for (const auto& [word, c] : word_edges[n]) out.push_back(c);
    for (const auto& [set, c] : set_edges[n]) out.push_back(c);
    for (const auto* list : {&nodes_[n].prefixes, &nodes_[n].suffixes}) {
      for (const auto& [affix, c] : *list) out.push_back(c);
    }
    if (nodes_[n].any >= 0) out.push_back(static_cast<uint32_t>(nodes_[n].any));
    if (nodes_[n].number >= 0) out.push_back(static_cast<uint32_t>(nodes_[n].number));
    return out;
  };
  constexpr uint32_t kNone = ~uint32_t{0};
  std::vector<uint32_t> new_node(nodes_.size(), kNone);
  std::vector<uint32_t> old_node;                         // new id -> old
  std::vector<std::vector<uint8_t>> tree(nodes_.size());  // per old node, per edge
  struct Frame {
    uint32_t n;
    size_t next;
    std::vector<uint32_t> kids;
  };
  std::vector<Frame> stack;
  new_node[0] = 0;
  old_node.push_back(0);
  stack.push_back({0, 0, kids(0)});
  tree[0].assign(stack.back().kids.size(), 0);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.kids.size()) {
      stack.pop_back();
      continue;
    }
    const size_t i = frame.next++;
    const uint32_t c = frame.kids[i];
    if (new_node[c] != kNone) continue;
    tree[frame.n][i] = 1;
    new_node[c] = static_cast<uint32_t>(old_node.size());
    old_node.push_back(c);
    stack.push_back({c, 0, kids(c)});  // invalidates `frame`
    tree[c].assign(stack.back().kids.size(), 0);
  }
  w->U32(static_cast<uint32_t>(old_node.size()));
  // The nodes in five streams, each value with its kind (gzip finds more in a run of children
  // than in children between word ids): what each node has, the word ids, the children, the
  // word sets, the accepts.
  ImageWriter head;
  ImageWriter word_ids;
  ImageWriter children;
  ImageWriter sets;
  ImageWriter groups_out;
  for (const uint32_t n : old_node) {
    const Node& node = nodes_[n];
    size_t edge = 0;
    const auto child = [&](uint32_t c) {
      children.U32(tree[n][edge++] != 0 ? 0 : new_node[c] + 1);
    };
    // One byte says what the node has (most have one word edge, or a word set, and nothing
    // else): the word edges (0-2, 3 = 3 or more, the rest counted after it), word sets, affix
    // edges, an any edge, a number edge, and the accepts (0-2, 3 = 3 or more).
    const size_t word_count = word_edges[n].size();
    const size_t accepts = node.accepts.size();
    const bool affixes = !node.prefixes.empty() || !node.suffixes.empty();
    head.U8(static_cast<uint8_t>(std::min<size_t>(word_count, 3) | (set_edges[n].empty() ? 0 : 4) |
                                 (affixes ? 8 : 0) | (node.any >= 0 ? 16 : 0) |
                                 (node.number >= 0 ? 32 : 0) |
                                 (std::min<size_t>(accepts, 3) << 6)));
    if (word_count >= 3) head.U32(static_cast<uint32_t>(word_count - 3));
    uint32_t last = 0;
    for (const auto& [word, c] : word_edges[n]) {
      word_ids.U32(word - last);
      last = word;
      child(c);
    }
    if (!set_edges[n].empty()) head.U32(static_cast<uint32_t>(set_edges[n].size() - 1));
    for (const auto& [set, c] : set_edges[n]) {
      sets.U32(set);
      child(c);
    }
    if (affixes) {
      for (const auto* list : {&node.prefixes, &node.suffixes}) {
        head.U32(static_cast<uint32_t>(list->size()));
        for (const auto& [affix, c] : *list) {
          head.Str(affix);
          child(c);
        }
      }
    }
    if (node.any >= 0) child(static_cast<uint32_t>(node.any));
    if (node.number >= 0) child(static_cast<uint32_t>(node.number));
    if (accepts >= 3) head.U32(static_cast<uint32_t>(accepts - 3));
    // Ascending, the first as it is and each next as the step from the one before.
    std::vector<int> groups = node.accepts;
    std::sort(groups.begin(), groups.end());
    int previous_group = 0;
    for (int group : groups) {
      groups_out.U32(static_cast<uint32_t>(group - previous_group));
      previous_group = group;
    }
  }
  for (ImageWriter* stream : {&head, &word_ids, &children, &sets, &groups_out}) {
    w->Str(stream->bytes());
  }
}

// Straight into the packed tables: no per-node hash map, no vocabulary map (the widget's
// start-up is the target).
bool Matcher::Load(ImageReader* r) {
  const size_t start = r->pos();
  loaded_ = true;
  nodes_.clear();
  vocabulary_.clear();
  group_count_ = static_cast<int>(r->U32());
  const uint32_t vocabulary = r->Count();
  vocab_chars_.clear();
  vocab_offsets_.assign(2, 0);  // id 0 is no word
  vocab_offsets_.reserve(vocabulary + 2);
  ImageReader shared_in(r->Str());
  ImageReader lengths_in(r->Str());
  const std::string_view rests = r->Str();
  const ImageReader shared_start = shared_in;
  // The words' offsets first, then their characters written in place: one allocation, no
  // string built per word.
  uint64_t chars = 0;
  uint32_t previous = 0;  // the previous word's length
  size_t at = 0;          // in rests
  for (uint32_t id = 1; id <= vocabulary && r->ok(); ++id) {
    const uint32_t shared = shared_in.U32();
    const uint32_t length = lengths_in.U32();
    if (!shared_in.ok() || !lengths_in.ok() || shared > previous || length > rests.size() - at) {
      r->Fail();
      break;
    }
    at += length;
    previous = shared + length;
    chars += previous;
    if (chars > UINT32_MAX) r->Fail();
    vocab_offsets_.push_back(static_cast<uint32_t>(chars));
  }
  if (!r->ok() || !shared_in.done() || !lengths_in.done() || at != rests.size()) return false;
  vocab_chars_.resize(chars);
  {
    ImageReader shared_again = shared_start;
    char* const out = vocab_chars_.data();
    at = 0;
    for (uint32_t id = 1; id <= vocabulary; ++id) {
      const uint32_t begin = vocab_offsets_[id];
      const uint32_t end = vocab_offsets_[id + 1];
      const uint32_t shared = shared_again.U32();
      const uint32_t length = end - begin - shared;
      for (uint32_t k = 0; k < shared; ++k) out[begin + k] = out[vocab_offsets_[id - 1] + k];
      for (uint32_t k = 0; k < length; ++k) out[begin + shared + k] = rests[at + k];
      at += length;
      // Sorted and distinct, as Save writes them.
      if (id > 1 &&
          std::string_view(out + vocab_offsets_[id - 1], begin - vocab_offsets_[id - 1]) >=
              std::string_view(out + begin, end - begin)) {
        return false;
      }
    }
  }
  BuildVocabularyTable();
  // The shared word sets, in one array.
  const uint32_t table_size = r->Count();
  std::vector<uint32_t> set_words;
  std::vector<uint32_t> set_offsets(1, 0);
  set_offsets.reserve(r->ok() ? table_size + 1 : 1);
  ImageReader sizes_in(r->Str());
  ImageReader ids_in(r->Str());
  set_words.reserve(ids_in.size());  // at least a byte a word
  for (uint32_t t = 0; t < table_size && r->ok(); ++t) {
    const uint32_t size = sizes_in.U32();
    uint32_t id = 0;
    for (uint32_t k = 0; k < size && ids_in.ok(); ++k) {
      const uint32_t delta = ids_in.U32();
      // Ascending, within the vocabulary.
      if (delta == 0 || delta > vocabulary - id) ids_in.Fail();
      id += delta;
      set_words.push_back(id);
    }
    if (!sizes_in.ok() || !ids_in.ok()) r->Fail();
    set_offsets.push_back(static_cast<uint32_t>(set_words.size()));
  }
  if (!sizes_in.done() || !ids_in.done()) r->Fail();
  const uint32_t count = r->Count();
  ImageReader head(r->Str());
  ImageReader word_ids(r->Str());
  ImageReader children(r->Str());
  ImageReader sets_in(r->Str());
  ImageReader groups_in(r->Str());
  if (!r->ok() || count == 0) return false;
  // Each edge's child, in the order the edges are written. A tree edge (0) leads to the next
  // node written that no edge has taken yet: a stack of them, in depth-first order.
  std::vector<uint32_t> resolved;
  resolved.reserve(children.size());  // at least a byte an edge
  // The edge tables' and filters' sizes, so that they are allocated once (growing them copied
  // megabytes at load in the wasm build).
  size_t table_slots = 0;
  size_t filter_words = 0;
  {
    ImageReader h = head;
    ImageReader sets_h = sets_in;
    std::vector<uint32_t> pending;  // indexes in resolved, the next one to take on top
    std::vector<uint32_t> mine;
    for (uint32_t n = 0; n < count && h.ok() && children.ok(); ++n) {
      if (n > 0) {
        if (pending.empty()) return false;  // a node no edge leads to
        resolved[pending.back()] = n;
        pending.pop_back();
      }
      const uint8_t has = h.U8();
      uint64_t edges = (has & 3) == 3 ? uint64_t{h.U32()} + 3 : has & 3;
      uint64_t words = edges;
      if ((has & 4) != 0) {
        const uint64_t sets = uint64_t{h.U32()} + 1;
        edges += sets;
        for (uint64_t k = 0; k < sets && sets_h.ok(); ++k) {
          const uint32_t set = sets_h.U32();
          if (set < table_size) words += set_offsets[set + 1] - set_offsets[set];
        }
      }
      if (n > 0) {  // the root's words go to root_words_, the others through PutEdges
        const uint64_t slots = EdgeSlots(words);
        table_slots += slots;
        if (words > kScannedEdges) filter_words += slots / 8;
      }
      if ((has & 8) != 0) {
        for (int list = 0; list < 2; ++list) {
          const uint32_t k = h.Count();
          for (uint32_t i = 0; i < k && h.ok(); ++i) h.Str();
          edges += k;
        }
      }
      edges += ((has & 16) != 0 ? 1 : 0) + ((has & 32) != 0 ? 1 : 0);
      if ((has >> 6) == 3) h.U32();
      mine.clear();
      for (uint64_t e = 0; e < edges && children.ok(); ++e) {
        const uint32_t v = children.U32();
        if (v == 0) {
          mine.push_back(static_cast<uint32_t>(resolved.size()));
        } else if (v < 2 || v > count) {
          children.Fail();  // no edge leads back to the root
        }
        resolved.push_back(v == 0 ? 0 : v - 1);
      }
      pending.insert(pending.end(), mine.rbegin(), mine.rend());
    }
    if (!h.ok() || !children.ok() || !children.done() || !pending.empty()) return false;
  }
  size_t edge = 0;  // in resolved
  const auto ok = [&] {
    return head.ok() && word_ids.ok() && children.ok() && sets_in.ok() && groups_in.ok();
  };
  steps_.assign(count, Step{});
  root_words_.assign(static_cast<size_t>(vocabulary) + 1, 0);
  edges_.clear();
  filters_.clear();
  accepts_.clear();
  affixes_.clear();
  edges_.reserve(table_slots);
  filters_.reserve(filter_words);
  accepts_.reserve(groups_in.size());                // at least a byte an accept
  std::vector<std::pair<uint32_t, uint32_t>> words;  // one node's (word, child)
  for (uint32_t n = 0; n < count && ok(); ++n) {
    Step& s = steps_[n];
    const auto child = [&]() -> uint32_t {
      if (edge == resolved.size()) {
        head.Fail();
        return 0;
      }
      return resolved[edge++];
    };
    const uint8_t has = head.U8();
    words.clear();
    const uint32_t edges = (has & 3) == 3 ? head.U32() + 3 : has & 3;
    uint32_t word_id = 0;
    for (uint32_t e = 0; e < edges && ok(); ++e) {
      word_id += word_ids.U32();
      if (word_id == 0 || word_id > vocabulary) word_ids.Fail();
      words.emplace_back(word_id, child());
    }
    const uint32_t sets = (has & 4) != 0 ? head.U32() + 1 : 0;
    for (uint32_t k = 0; k < sets && ok(); ++k) {
      const uint32_t set = sets_in.U32();
      if (set >= table_size) {
        sets_in.Fail();
        break;
      }
      const uint32_t c = child();
      for (uint32_t i = set_offsets[set]; i < set_offsets[set + 1]; ++i) {
        words.emplace_back(set_words[i], c);
      }
    }
    if (!ok()) return false;
    if (n == 0) {
      for (const auto& [w, c] : words) {
        if (root_words_[w] != 0) return false;  // a word leads to one child
        root_words_[w] = c;
      }
    } else if (!PutEdges(words, &s)) {
      return false;
    }
    if ((has & 8) != 0) {
      Affixes affixes;
      for (auto* list : {&affixes.prefixes, &affixes.suffixes}) {
        const uint32_t k = head.Count();
        for (uint32_t i = 0; i < k && ok(); ++i) {
          std::string affix(head.Str());
          list->emplace_back(std::move(affix), child());
        }
      }
      if (affixes.prefixes.empty() && affixes.suffixes.empty()) head.Fail();
      affixes.Index();
      affixes_.push_back(std::move(affixes));
      s.affixes = static_cast<uint32_t>(affixes_.size());
    }
    s.any = (has & 16) != 0 ? static_cast<int32_t>(child()) : -1;
    s.number = (has & 32) != 0 ? static_cast<int32_t>(child()) : -1;
    const uint32_t accepts = (has >> 6) == 3 ? head.U32() + 3 : has >> 6;
    s.accepts = static_cast<uint32_t>(accepts_.size());
    uint32_t group = 0;
    for (uint32_t i = 0; i < accepts && ok(); ++i) {
      const uint32_t step = groups_in.U32();
      if ((i > 0 && step == 0) || step >= static_cast<uint32_t>(group_count_) - group) {
        groups_in.Fail();
      }
      group += step;
      accepts_.push_back(static_cast<int>(group));
    }
    s.accepts_end = static_cast<uint32_t>(accepts_.size());
  }
  if (!ok() || edge != resolved.size() || !head.done() || !word_ids.done() || !sets_in.done() ||
      !groups_in.done()) {
    return false;
  }
  if (!r->ok()) return false;
  image_ = std::string(r->Since(start));
  return true;
}

}  // namespace tact::internal
