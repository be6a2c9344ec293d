#include "matcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "string_util.h"

namespace tact::internal {
namespace {

constexpr size_t kMaxVariants = 4096;
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
// letters closed by ")" right after a letter is kept as is (":(" stays an emoticon).
std::vector<std::string> ExpandShorthand(std::string_view s) {
  std::vector<std::string> out{""};
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '(' && i > 0) {
      const size_t close = s.find(')', i);
      if (close != std::string_view::npos && IsAsciiLetterRun(s.substr(i + 1, close - i - 1))) {
        const std::string_view opt = s.substr(i + 1, close - i - 1);
        const size_t n = out.size();
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
      std::vector<Variant> variants;
      std::string error = Expand(entry, lexicons, /*allow_refs=*/false, &variants);
      if (!error.empty()) return absl::StrCat("in lexicon '", Sv(slot.substr(1)), "': ", error);
      for (Variant& v : variants) alternatives->push_back(std::move(v));
    }
  } else {
    for (std::string_view alt : SplitOn(slot, '|', /*skip_empty=*/false)) {
      if (alt.empty()) return absl::StrCat("empty alternative in '", Sv(slot), "'");
      for (const std::string& form : ExpandShorthand(alt)) {
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
  for (size_t i = 0; i < slots.size(); ++i) {
    std::string error = ExpandSlot(slots[i], lexicons, allow_refs, &alternatives);
    if (!error.empty()) return error;
    const bool edge = i == 0 || i + 1 == slots.size();
    if (edge) {
      for (const Variant& alt : alternatives) {
        if (alt.empty() || alt.front().kind == Atom::kAny) {
          return absl::StrCat("a phrase may not start or end with '", Sv(slots[i]), "'");
        }
      }
    }
    if (variants->size() * alternatives.size() > kMaxVariants) {
      return absl::StrCat("phrase expands to more than ", kMaxVariants, " variants");
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
  std::vector<Variant> variants;
  std::string error = Expand(phrase, lexicons, /*allow_refs=*/true, &variants);
  if (!error.empty()) return error;
  for (const Variant& v : variants) Insert(v, group);
  return "";
}

Matches Matcher::Match(const Text& text) const {
  const std::vector<Token>& tokens = text.tokens;
  std::vector<uint32_t> ids(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto it = vocabulary_.find(tokens[i].norm);
    ids[i] = it == vocabulary_.end() ? 0 : it->second;
  }
  struct Hit {
    int group;
    TokenRange range;
  };
  std::vector<Hit> hits;
  std::vector<uint32_t> states;
  std::vector<uint32_t> next;
  const auto step = [&](uint32_t state, size_t j) {
    const Node& node = nodes_[state];
    if (ids[j] != 0) {
      auto it = node.words.find(ids[j]);
      if (it != node.words.end()) next.push_back(it->second);
    }
    for (const auto& [prefix, child] : node.prefixes) {
      if (tokens[j].norm.size() >= prefix.size() &&
          tokens[j].norm.compare(0, prefix.size(), prefix) == 0) {
        next.push_back(child);
      }
    }
    for (const auto& [suffix, child] : node.suffixes) {
      const std::string& norm = tokens[j].norm;
      if (norm.size() >= suffix.size() + 2 && tokens[j].Has(kTokenLetters) &&
          norm.compare(norm.size() - suffix.size(), suffix.size(), suffix) == 0) {
        next.push_back(child);
      }
    }
    if (node.any >= 0) next.push_back(static_cast<uint32_t>(node.any));
    if (node.number >= 0 && tokens[j].Has(kTokenNumber)) {
      next.push_back(static_cast<uint32_t>(node.number));
    }
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    states.assign(1, 0);
    for (size_t j = i; j < tokens.size() && !states.empty(); ++j) {
      if (tokens[j].sentence != tokens[i].sentence) break;
      next.clear();
      for (uint32_t s : states) step(s, j);
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      for (uint32_t s : next) {
        for (int g : nodes_[s].accepts) {
          hits.push_back({g, {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1)}});
        }
      }
      states.swap(next);
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.range.end < b.range.end;
  });
  Matches result;
  result.offsets_.assign(static_cast<size_t>(group_count_) + 1, 0);
  int last_group = -1;
  for (const Hit& h : hits) {
    if (h.group == last_group && result.ranges_.back().begin == h.range.begin &&
        result.ranges_.back().end == h.range.end) {
      continue;
    }
    last_group = h.group;
    result.ranges_.push_back(h.range);
    ++result.offsets_[h.group + 1];
  }
  for (size_t g = 1; g < result.offsets_.size(); ++g) result.offsets_[g] += result.offsets_[g - 1];
  return result;
}

}  // namespace tact::internal
