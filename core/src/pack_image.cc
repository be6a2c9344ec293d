#include "pack_image.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "check_registry.h"
#include "image_io.h"
#include "string_util.h"

namespace tact::internal {
namespace {

constexpr std::string_view kMagic = "TACTPACK";
constexpr size_t kHeaderSize = 8 + 4 + 8;

template <typename Map>
std::vector<typename Map::const_pointer> Sorted(const Map& map) {
  std::vector<typename Map::const_pointer> items;
  for (const auto& item : map) items.push_back(&item);
  std::sort(items.begin(), items.end(), [](auto a, auto b) { return a->first < b->first; });
  return items;
}

// A word list as ids of the language's matcher vocabulary where it can (every lexicon's words
// are phrases of the matcher: a word id is a byte or two, ascending, where the word was seven),
// and as strings for the rest.
using WordIds = absl::flat_hash_map<std::string_view, uint32_t>;

void WriteSet(ImageWriter* w, const WordIds& ids, const absl::flat_hash_set<std::string>& set) {
  std::vector<uint32_t> known;
  std::vector<const std::string*> others;
  for (const std::string& s : set) {
    auto it = ids.find(s);
    if (it != ids.end()) {
      known.push_back(it->second);
    } else {
      others.push_back(&s);
    }
  }
  std::sort(known.begin(), known.end());
  std::sort(others.begin(), others.end(), [](auto a, auto b) { return *a < *b; });
  w->U32(static_cast<uint32_t>(known.size()));
  uint32_t last = 0;
  for (uint32_t id : known) {
    w->U32(id - last);
    last = id;
  }
  w->U32(static_cast<uint32_t>(others.size()));
  for (const std::string* s : others) w->Str(*s);
}

void ReadSet(ImageReader* r, const Matcher& matcher, absl::flat_hash_set<std::string>* set) {
  const uint32_t known = r->Count();
  set->reserve(known);
  uint32_t id = 0;
  const uint32_t vocabulary = matcher.vocabulary_size();
  for (uint32_t i = 0; i < known && r->ok(); ++i) {
    const uint32_t step = r->U32();
    if (step == 0 || step > vocabulary - id) {
      r->Fail();
      break;
    }
    id += step;
    const std::string_view word = matcher.Word(id);
    if (!ValidUtf8(word)) r->Fail();  // it reaches reports; matching alone reads it as bytes
    set->emplace(word);
  }
  const uint32_t others = r->Count();
  for (uint32_t i = 0; i < others && r->ok(); ++i) set->emplace(r->Text());
}

void WriteRubric(ImageWriter* w, const Rubric& rubric) {
  w->U32(static_cast<uint32_t>(rubric.entries.size()));
  for (const RubricEntry& e : rubric.entries) {
    w->Str(e.id);
    w->U8(e.violation ? 1 : 0);
    w->U32(static_cast<uint32_t>(e.weight));
    w->U8(static_cast<uint8_t>(e.severity));
    w->U32(static_cast<uint32_t>(e.penalty));
  }
  w->U32(static_cast<uint32_t>(rubric.criterion_count));
  w->U32(static_cast<uint32_t>(rubric.links.size()));
  for (const RubricLink& l : rubric.links) {
    w->I32(l.violation);
    w->I32(l.severity);
    w->I32(l.criterion);
    w->U8(static_cast<uint8_t>(l.status));
    w->U8(l.unless_met_apart ? 1 : 0);
  }
  w->U32(static_cast<uint32_t>(rubric.caps.size()));
  for (const RubricCap& c : rubric.caps) {
    w->I32(c.violation);
    w->U8(static_cast<uint8_t>(c.severity));
    w->U32(static_cast<uint32_t>(c.max));
  }
  w->U32(static_cast<uint32_t>(rubric.bands.size()));
  for (const RubricBand& b : rubric.bands) {
    w->Str(b.name);
    w->U32(static_cast<uint32_t>(b.min));
  }
  w->U32(static_cast<uint32_t>(rubric.skip_when_positive.size()));
  for (int c : rubric.skip_when_positive) w->U32(static_cast<uint32_t>(c));
  w->U32(static_cast<uint32_t>(rubric.positive_floor_criterion + 1));  // 0: none
  w->U32(static_cast<uint32_t>(rubric.positive_floor_min));
  w->Str(rubric.fallback_lang);
}

bool ReadRubric(ImageReader* r, Rubric* rubric) {
  const uint32_t n = r->Count();
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    RubricEntry& e = rubric->entries.emplace_back();
    e.id = std::string(r->Text());
    e.violation = r->U8() != 0;
    // Whole numbers 0-100, as the JSON loader requires (the grade's arithmetic relies on it).
    const uint32_t weight = r->U32();
    const uint8_t severity = r->U8();
    if (severity > static_cast<uint8_t>(Severity::kProblem)) r->Fail();
    e.severity = static_cast<Severity>(severity);
    const uint32_t penalty = r->U32();
    if (weight > 100 || penalty > 100) r->Fail();
    e.weight = static_cast<int>(weight);
    e.penalty = static_cast<int>(penalty);
  }
  const int size = static_cast<int>(rubric->entries.size());
  rubric->criterion_count = r->U32();
  if (rubric->criterion_count > rubric->entries.size()) r->Fail();
  int weights = 0;
  for (size_t c = 0; c < rubric->criterion_count && c < rubric->entries.size(); ++c) {
    weights += rubric->entries[c].weight;
  }
  if (weights != 100) r->Fail();  // the criteria's weights sum to 100
  const auto index = [&](int i, bool allow_none) {
    if (i < (allow_none ? -1 : 0) || i >= size) r->Fail();
    return i;
  };
  const uint32_t links = r->Count();
  for (uint32_t i = 0; i < links && r->ok(); ++i) {
    RubricLink& l = rubric->links.emplace_back();
    l.violation = index(r->I32(), false);
    l.severity = r->I32();
    if (l.severity < -1 || l.severity > 2) r->Fail();
    l.criterion = index(r->I32(), false);
    const uint8_t status = r->U8();
    if (status > static_cast<uint8_t>(Status::kSkipped)) r->Fail();
    l.status = static_cast<Status>(status);
    l.unless_met_apart = r->U8() != 0;
  }
  const uint32_t caps = r->Count();
  for (uint32_t i = 0; i < caps && r->ok(); ++i) {
    RubricCap& c = rubric->caps.emplace_back();
    c.violation = index(r->I32(), true);
    const uint8_t severity = r->U8();
    if (severity > 2) r->Fail();
    c.severity = static_cast<Severity>(severity);
    const uint32_t max = r->U32();
    if (max > 100) r->Fail();
    c.max = static_cast<int>(max);
  }
  // As the JSON loader requires: named bands, ascending from 0 to at most 100, so that every
  // score has a band.
  const uint32_t bands = r->Count();
  rubric->bands.clear();
  for (uint32_t i = 0; i < bands && r->ok(); ++i) {
    const int previous = rubric->bands.empty() ? -1 : rubric->bands.back().min;
    RubricBand& b = rubric->bands.emplace_back();
    b.name = std::string(r->Text());
    const uint32_t min = r->U32();
    if (b.name.empty() || min > 100 || static_cast<int>(min) <= previous ||
        (previous < 0 && min != 0)) {
      r->Fail();
    }
    b.min = static_cast<int>(min);
  }
  if (rubric->bands.empty()) r->Fail();
  const uint32_t skip = r->Count();
  for (uint32_t i = 0; i < skip && r->ok(); ++i) {
    const int c = static_cast<int>(r->U32());
    if (c >= static_cast<int>(rubric->criterion_count)) r->Fail();
    rubric->skip_when_positive.push_back(c);
  }
  rubric->positive_floor_criterion = static_cast<int>(r->U32()) - 1;
  rubric->positive_floor_min = static_cast<int>(r->U32());
  if (rubric->positive_floor_criterion >= static_cast<int>(rubric->criterion_count) ||
      rubric->positive_floor_min > 100) {
    r->Fail();
  }
  rubric->fallback_lang = std::string(r->Text());
  return r->ok();
}

void WriteRule(ImageWriter* w, const Rule& rule, bool with_examples) {
  w->Str(rule.id);
  w->U32(static_cast<uint32_t>(rule.criterion));
  w->U8(static_cast<uint8_t>(rule.kind));
  for (int group : {rule.phrases, rule.unless, rule.then, rule.review, rule.unless_sentence}) {
    w->I32(group);
  }
  w->U32(static_cast<uint32_t>(rule.within));
  w->U8(static_cast<uint8_t>(
      (rule.partial ? 1 : 0) | (rule.negatable ? 2 : 0) | (rule.in_quotes ? 4 : 0) |
      (rule.question == QuestionMode::kNo ? 8 : 0) |
      (rule.question == QuestionMode::kOnly ? 16 : 0) | (rule.complaints_only ? 32 : 0)));
  w->U8(static_cast<uint8_t>(rule.severity));
  w->Str(rule.check);
  const auto numbers = Sorted(rule.params.numbers);
  w->U32(static_cast<uint32_t>(numbers.size()));
  for (const auto* p : numbers) {
    w->Str(p->first);
    w->F64(p->second);
  }
  const auto lists = Sorted(rule.params.lists);
  w->U32(static_cast<uint32_t>(lists.size()));
  for (const auto* p : lists) {
    w->Str(p->first);
    w->U32(static_cast<uint32_t>(p->second.size()));
    for (const std::string& s : p->second) w->Str(s);
  }
  w->Str(rule.message);
  w->Str(rule.suggestion);
  if (!with_examples) return;
  w->Str(rule.pack);  // only where examples fail: an image without them has no use for it
  w->U32(static_cast<uint32_t>(rule.examples.size()));
  for (const Example& ex : rule.examples) {
    w->U8(static_cast<uint8_t>((ex.should_match ? 1 : 0) | (ex.has_span ? 2 : 0)));
    w->Str(ex.review);
    w->Str(ex.author);
    w->U32(static_cast<uint32_t>(ex.rating));
    w->Str(ex.text);
    w->U32(ex.begin);
    w->U32(ex.end);
    w->U8(static_cast<uint8_t>(ex.status));
    w->Str(ex.polarity);
    w->Str(ex.original);
  }
}

bool ReadRule(ImageReader* r, const Rubric& rubric, int groups, bool with_examples, Rule* rule) {
  rule->id = std::string(r->Text());
  rule->criterion = static_cast<int>(r->U32());
  if (rule->criterion >= static_cast<int>(rubric.size())) r->Fail();
  const uint8_t kind = r->U8();
  if (kind > static_cast<uint8_t>(RuleKind::kContrast)) r->Fail();
  rule->kind = static_cast<RuleKind>(kind);
  for (int* group :
       {&rule->phrases, &rule->unless, &rule->then, &rule->review, &rule->unless_sentence}) {
    *group = r->I32();
    if (*group < -1 || *group >= groups) r->Fail();
  }
  rule->within = static_cast<int>(r->U32());
  const uint8_t flags = r->U8();
  rule->partial = (flags & 1) != 0;
  rule->negatable = (flags & 2) != 0;
  rule->in_quotes = (flags & 4) != 0;
  rule->complaints_only = (flags & 32) != 0;
  if ((flags & 24) == 24 || flags >= 64) r->Fail();
  rule->question = (flags & 8) != 0    ? QuestionMode::kNo
                   : (flags & 16) != 0 ? QuestionMode::kOnly
                                       : QuestionMode::kAny;
  const uint8_t severity = r->U8();
  if (severity > 2) r->Fail();
  rule->severity = static_cast<Severity>(severity);
  rule->check = std::string(r->Text());
  if (rule->kind == RuleKind::kCheck) {
    const CheckSpec* spec = FindCheck(rule->check);
    if (spec == nullptr || !r->ok() || rubric.entries[rule->criterion].id != spec->criterion) {
      r->Fail();
    }
  } else if (rule->phrases < 0) {
    r->Fail();  // phrase, sequence and refusal rules match something
  }
  const uint32_t numbers = r->Count();
  for (uint32_t i = 0; i < numbers && r->ok(); ++i) {
    std::string name(r->Text());
    const double v = r->F64();
    if (!ValidCheckNumber(v)) r->Fail();
    rule->params.numbers[name] = v;
  }
  const uint32_t lists = r->Count();
  for (uint32_t i = 0; i < lists && r->ok(); ++i) {
    std::vector<std::string>& list = rule->params.lists[std::string(r->Text())];
    const uint32_t n = r->Count();
    for (uint32_t k = 0; k < n && r->ok(); ++k) list.emplace_back(r->Text());
  }
  rule->message = std::string(r->Text());
  rule->suggestion = std::string(r->Text());
  if (!with_examples) return r->ok();
  rule->pack = std::string(r->Text());
  const uint32_t examples = r->Count();
  for (uint32_t i = 0; i < examples && r->ok(); ++i) {
    Example& ex = rule->examples.emplace_back();
    const uint8_t ex_flags = r->U8();
    ex.should_match = (ex_flags & 1) != 0;
    ex.has_span = (ex_flags & 2) != 0;
    ex.review = std::string(r->Text());
    ex.author = std::string(r->Text());
    ex.rating = static_cast<int>(r->U32());
    ex.text = std::string(r->Text());
    ex.begin = r->U32();
    ex.end = r->U32();
    if (ex.begin > ex.end || ex.end > ex.text.size()) r->Fail();
    const uint8_t status = r->U8();
    if (status > static_cast<uint8_t>(Status::kSkipped)) r->Fail();
    ex.status = static_cast<Status>(status);
    ex.polarity = std::string(r->Text());
    ex.original = std::string(r->Text());
  }
  return r->ok();
}

void WriteLanguage(ImageWriter* w, const Language& lang, bool with_examples) {
  w->Str(lang.code);
  // The minimal DAG: ten times fewer nodes than the compiled trie, the same matches.
  Matcher minimal = lang.matcher;
  minimal.Minimize();
  minimal.Save(w);
  const std::vector<std::string_view> words = minimal.ImageWords();
  WordIds ids;
  for (uint32_t id = 1; id < words.size(); ++id) ids.emplace(words[id], id);
  w->U32(static_cast<uint32_t>(lang.rules.size()));
  for (const Rule& rule : lang.rules) WriteRule(w, rule, with_examples);
  w->U32(static_cast<uint32_t>(lang.topics.size()));
  for (const Topic& t : lang.topics) {
    w->Str(t.id);
    w->Str(t.label);
    w->I32(t.group);
  }
  const auto groups = Sorted(lang.lexicon_groups);
  w->U32(static_cast<uint32_t>(groups.size()));
  for (const auto* g : groups) {
    w->Str(g->first);
    w->U32(static_cast<uint32_t>(g->second));
  }
  w->U32(static_cast<uint32_t>(lang.hints.size()));
  for (const Hints& h : lang.hints) {
    for (const Hint* hint : {&h.any, &h.positive}) {
      w->Str(hint->missing);
      w->Str(hint->partial);
      w->Str(hint->example);
      w->Str(hint->example_topic);
    }
  }
  const auto lexicons = Sorted(lang.lexicon_words);
  w->U32(static_cast<uint32_t>(lexicons.size()));
  for (const auto* lexicon : lexicons) {
    w->Str(lexicon->first);
    WriteSet(w, ids, lexicon->second);
  }
  // The stopwords and first names are usually their lexicon's word list again: a byte says so.
  for (const auto& [name, set] :
       {std::pair<std::string_view, const absl::flat_hash_set<std::string>*>{"stopwords",
                                                                             &lang.stopwords},
        {"first_names", &lang.first_names}}) {
    auto it = lang.lexicon_words.find(Sv(name));
    const bool same = it != lang.lexicon_words.end() && it->second == *set;
    w->U8(same ? 1 : 0);
    if (!same) WriteSet(w, ids, *set);
  }
  w->U32(static_cast<uint32_t>(lang.nicknames.size()));
  for (const std::vector<std::string>& names : lang.nicknames) {
    w->U32(static_cast<uint32_t>(names.size()));
    for (const std::string& name : names) w->Str(name);
  }
}

bool ReadLanguage(ImageReader* r, const Rubric& rubric, bool with_examples, Language* lang) {
  lang->code = std::string(r->Text());
  if (!r->ok() || !lang->matcher.Load(r)) return false;
  const int groups = lang->matcher.group_count();
  const uint32_t rules = r->Count();
  lang->rules.resize(rules);
  for (uint32_t i = 0; i < rules && r->ok(); ++i) {
    Rule& rule = lang->rules[i];
    if (!ReadRule(r, rubric, groups, with_examples, &rule)) return false;
    if (rule.kind == RuleKind::kCheck &&
        !lang->checks.emplace(rule.check, static_cast<int>(i)).second) {
      return false;  // a check declared twice
    }
  }
  const uint32_t topics = r->Count();
  for (uint32_t i = 0; i < topics && r->ok(); ++i) {
    Topic& t = lang->topics.emplace_back();
    t.id = std::string(r->Text());
    t.label = std::string(r->Text());
    t.group = r->I32();
    if (t.group < 0 || t.group >= groups) r->Fail();
  }
  const uint32_t lexicons = r->Count();
  for (uint32_t i = 0; i < lexicons && r->ok(); ++i) {
    std::string name(r->Text());
    const uint32_t group = r->U32();
    if (group >= static_cast<uint32_t>(groups)) r->Fail();
    lang->lexicon_groups[name] = static_cast<int>(group);
  }
  const uint32_t hints = r->Count();
  if (hints != rubric.size()) r->Fail();
  lang->hints.resize(r->ok() ? hints : 0);
  for (Hints& h : lang->hints) {
    for (Hint* hint : {&h.any, &h.positive}) {
      hint->missing = std::string(r->Text());
      hint->partial = std::string(r->Text());
      hint->example = std::string(r->Text());
      hint->example_topic = std::string(r->Text());
    }
  }
  const uint32_t word_sets = r->Count();
  for (uint32_t i = 0; i < word_sets && r->ok(); ++i) {
    ReadSet(r, lang->matcher, &lang->lexicon_words[std::string(r->Text())]);
  }
  for (const auto& [name, set] : {std::pair<std::string_view, absl::flat_hash_set<std::string>*>{
                                      "stopwords", &lang->stopwords},
                                  {"first_names", &lang->first_names}}) {
    const uint8_t same = r->U8();
    if (same > 1) r->Fail();
    if (same == 0) {
      ReadSet(r, lang->matcher, set);
      continue;
    }
    auto it = lang->lexicon_words.find(Sv(name));
    if (it == lang->lexicon_words.end()) {
      r->Fail();
    } else {
      *set = it->second;
    }
  }
  const uint32_t nicknames = r->Count();
  for (uint32_t i = 0; i < nicknames && r->ok(); ++i) {
    std::vector<std::string>& names = lang->nicknames.emplace_back();
    const uint32_t n = r->Count();
    for (uint32_t k = 0; k < n && r->ok(); ++k) names.emplace_back(r->Text());
  }
  return r->ok();
}

}  // namespace

uint64_t ImageChecksum(std::string_view bytes) {
  constexpr uint64_t kPrime = 0x100000001b3;
  uint64_t h = 0xcbf29ce484222325 ^ bytes.size();
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word = 0;  // little-endian on every host (compilers make it one load)
    for (int k = 0; k < 8; ++k) {
      word |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i + k])) << (8 * k);
    }
    h = (h ^ word) * kPrime;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  return h;
}

std::string WritePackImage(const PackSet& packs, bool with_examples) {
  ImageWriter w;
  w.U8(with_examples ? 1 : 0);
  WriteRubric(&w, packs.rubric);
  w.U32(static_cast<uint32_t>(packs.languages.size()));
  for (const Language& lang : packs.languages) WriteLanguage(&w, lang, with_examples);
  const std::string& payload = w.bytes();
  std::string image(kMagic);
  for (int i = 0; i < 4; ++i) image.push_back(static_cast<char>(kPackImageFormat >> (8 * i)));
  const uint64_t hash = ImageChecksum(payload);
  for (int i = 0; i < 8; ++i) image.push_back(static_cast<char>(hash >> (8 * i)));
  image.append(payload);
  return image;
}

absl::StatusOr<std::shared_ptr<const PackSet>> ReadPackImage(std::string_view image) {
  if (image.size() < kHeaderSize || image.substr(0, kMagic.size()) != kMagic) {
    return absl::InvalidArgumentError(
        "not a Tact pack image (compile packs with `tact packs compile DIR -o FILE`)");
  }
  uint32_t format = 0;
  for (int i = 0; i < 4; ++i) {
    format |= static_cast<uint32_t>(static_cast<unsigned char>(image[8 + i])) << (8 * i);
  }
  if (format != kPackImageFormat) {
    return absl::InvalidArgumentError(
        absl::StrCat("pack image format ", format, ", this engine reads format ", kPackImageFormat,
                     ": compile the packs again with this version of tact"));
  }
  uint64_t hash = 0;
  for (int i = 0; i < 8; ++i) {
    hash |= static_cast<uint64_t>(static_cast<unsigned char>(image[12 + i])) << (8 * i);
  }
  const std::string_view payload = image.substr(kHeaderSize);
  if (ImageChecksum(payload) != hash) {
    return absl::InvalidArgumentError("pack image is damaged (checksum mismatch)");
  }
  auto packs = std::make_shared<PackSet>();
  ImageReader r(payload);
  const bool with_examples = r.U8() != 0;
  const auto damaged = [] {
    return absl::InvalidArgumentError("pack image is damaged (a value is out of range)");
  };
  if (!ReadRubric(&r, &packs->rubric)) return damaged();
  const uint32_t languages = r.Count();
  packs->languages.resize(languages);
  for (Language& lang : packs->languages) {
    if (!ReadLanguage(&r, packs->rubric, with_examples, &lang)) return damaged();
  }
  if (!r.done() || packs->languages.empty() ||
      packs->Find(packs->rubric.fallback_lang) == nullptr) {
    return damaged();
  }
  for (const CheckSpec& c : RegisteredChecks()) {
    if (packs->rubric.Index(c.criterion) < 0) return damaged();
  }
  return std::shared_ptr<const PackSet>(std::move(packs));
}

}  // namespace tact::internal
