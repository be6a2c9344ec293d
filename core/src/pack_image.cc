#include "pack_image.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "check_registry.h"
#include "image_io.h"
#include "lzma_decode.h"
#include "string_util.h"

namespace tact::internal {
namespace {

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
  for (int group : {rule.phrases, rule.unless, rule.then, rule.review, rule.unless_sentence,
                    rule.unless_next_sentence}) {
    w->I32(group);
  }
  w->U32(static_cast<uint32_t>(rule.within));
  w->U8(
      static_cast<uint8_t>((rule.partial ? 1 : 0) | (rule.negatable ? 2 : 0) |
                           (rule.in_quotes ? 4 : 0) | (rule.question == QuestionMode::kNo ? 8 : 0) |
                           (rule.question == QuestionMode::kOnly ? 16 : 0) |
                           (rule.complaints_only ? 32 : 0) | (rule.excused_across_turns ? 64 : 0)));
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
  for (int* group : {&rule->phrases, &rule->unless, &rule->then, &rule->review,
                     &rule->unless_sentence, &rule->unless_next_sentence}) {
    *group = r->I32();
    if (*group < -1 || *group >= groups) r->Fail();
  }
  rule->within = static_cast<int>(r->U32());
  const uint8_t flags = r->U8();
  rule->partial = (flags & 1) != 0;
  rule->negatable = (flags & 2) != 0;
  rule->in_quotes = (flags & 4) != 0;
  rule->complaints_only = (flags & 32) != 0;
  rule->excused_across_turns = (flags & 64) != 0;
  if ((flags & 24) == 24 || flags >= 128) r->Fail();
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

// A language's part, after its code and the common part's checksum: everything but the
// stopwords (in the common part, for language detection).
void WriteLanguage(ImageWriter* w, const Language& lang, bool with_examples) {
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
    w->I32(t.reply_group);
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
  // The first names are usually their lexicon's word list again: a byte says so.
  auto it = lang.lexicon_words.find("first_names");
  const bool same = it != lang.lexicon_words.end() && it->second == lang.first_names;
  w->U8(same ? 1 : 0);
  if (!same) WriteSet(w, ids, lang.first_names);
  w->U32(static_cast<uint32_t>(lang.nicknames.size()));
  for (const std::vector<std::string>& names : lang.nicknames) {
    w->U32(static_cast<uint32_t>(names.size()));
    for (const std::string& name : names) w->Str(name);
  }
}

// Fills everything of `*lang` but its code and stopwords, which language detection may be
// reading on another thread (they come from the common part).
bool ReadLanguage(ImageReader* r, const Rubric& rubric, bool with_examples, Language* lang) {
  if (!lang->matcher.Load(r)) return false;
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
    t.reply_group = r->I32();
    if (t.group < 0 || t.group >= groups || t.reply_group < -1 || t.reply_group >= groups) {
      r->Fail();
    }
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
  const uint8_t same = r->U8();
  if (same > 1) r->Fail();
  if (same == 0) {
    ReadSet(r, lang->matcher, &lang->first_names);
  } else if (auto it = lang->lexicon_words.find("first_names"); it != lang->lexicon_words.end()) {
    lang->first_names = it->second;
  } else {
    r->Fail();
  }
  const uint32_t nicknames = r->Count();
  for (uint32_t i = 0; i < nicknames && r->ok(); ++i) {
    std::vector<std::string>& names = lang->nicknames.emplace_back();
    const uint32_t n = r->Count();
    for (uint32_t k = 0; k < n && r->ok(); ++k) names.emplace_back(r->Text());
  }
  return r->ok();
}

// A part decodes to at most this many bytes, and to at most kMaxLzmaRatio times its stored size:
// a damaged size cannot make the loader allocate gigabytes.
constexpr uint32_t kMaxPartBytes = 64 << 20;
constexpr uint64_t kMaxLzmaRatio = 64;

constexpr std::string_view kMagic = "TACTPACK";
constexpr size_t kHeaderSize = 8 + 4 + 8;

// A part as the image stores it.
struct StoredPart {
  std::string_view name;  // "" for the common part, else the language's code
  std::string_view bytes;
  bool lzma = false;
  uint32_t decoded_size = 0;
};

absl::Status Damaged(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("pack image is damaged (", Sv(what), ")"));
}

std::string PartName(std::string_view name) {
  return name.empty() ? std::string("the common part") : absl::StrCat("the '", Sv(name), "' part");
}

// The header's checks (magic, format, checksum), then the directory of parts.
absl::StatusOr<std::vector<StoredPart>> ReadParts(std::string_view image) {
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
  ImageReader header(image.substr(12, 8));
  const std::string_view payload = image.substr(kHeaderSize);
  if (ImageChecksum(payload) != header.U64()) return Damaged("checksum mismatch");
  ImageReader r(payload);
  std::vector<StoredPart> parts(r.Count());
  std::vector<uint32_t> sizes;
  uint64_t stored = 0;
  for (StoredPart& p : parts) {
    p.name = r.Text();
    const uint8_t encoding = r.U8();
    const uint32_t size = r.U32();
    p.lzma = encoding == 1;
    p.decoded_size = p.lzma ? r.U32() : size;
    if (encoding > 1 || p.decoded_size > kMaxPartBytes ||
        (p.lzma && p.decoded_size > kMaxLzmaRatio * size + 4096)) {
      r.Fail();
    }
    sizes.push_back(size);
    stored += size;
  }
  if (!r.ok() || stored != payload.size() - r.pos()) return Damaged("its parts do not add up");
  size_t at = r.pos();
  for (size_t i = 0; i < parts.size(); ++i) {
    parts[i].bytes = payload.substr(at, sizes[i]);
    at += sizes[i];
  }
  if (parts.empty() || !parts[0].name.empty()) return Damaged("no common part first");
  return parts;
}

// The part's bytes as written: `part.bytes`, or decoded into `*buffer`.
absl::Status Decode(const StoredPart& part, std::string* buffer, std::string_view* bytes) {
  if (!part.lzma) {
    *bytes = part.bytes;
    return absl::OkStatus();
  }
  if (!LzmaDecode(part.bytes, part.decoded_size, buffer)) {
    return Damaged(absl::StrCat(PartName(part.name), " does not decompress"));
  }
  *bytes = *buffer;
  return absl::OkStatus();
}

// The common part: what every text needs before its language is known.
void WriteCommon(ImageWriter* w, const PackSet& packs, bool with_examples) {
  w->U8(with_examples ? 1 : 0);
  WriteRubric(w, packs.rubric);
  w->U32(static_cast<uint32_t>(packs.languages.size()));
  for (const Language& lang : packs.languages) {
    w->Str(lang.code);
    std::vector<std::string_view> stopwords(lang.stopwords.begin(), lang.stopwords.end());
    std::sort(stopwords.begin(), stopwords.end());
    w->U32(static_cast<uint32_t>(stopwords.size()));
    for (std::string_view word : stopwords) w->Str(word);
  }
}

bool ReadCommon(ImageReader* r, PackSet* packs, bool* with_examples) {
  const uint8_t examples = r->U8();
  if (examples > 1) r->Fail();
  *with_examples = examples != 0;
  if (!ReadRubric(r, &packs->rubric)) return false;
  packs->languages.resize(r->Count());
  for (size_t l = 0; l < packs->languages.size() && r->ok(); ++l) {
    Language& lang = packs->languages[l];
    lang.code = std::string(r->Text());
    if (lang.code.empty() || (l > 0 && lang.code <= packs->languages[l - 1].code)) r->Fail();
    const uint32_t n = r->Count();
    lang.stopwords.reserve(n);
    for (uint32_t i = 0; i < n && r->ok(); ++i) lang.stopwords.emplace(r->Text());
  }
  return r->ok() && r->done();
}

// A language's part: its code, the checksum of the common part it was compiled with (its rules
// name criteria by their index in that rubric), then the language.
absl::Status ReadLanguagePart(std::string_view bytes, const Rubric& rubric, bool with_examples,
                              uint64_t common, Language* lang) {
  ImageReader r(bytes);
  const std::string_view code = r.Text();
  const uint64_t compiled_with = r.U64();
  if (!r.ok() || code != lang->code) {
    return Damaged(absl::StrCat(PartName(lang->code), " holds another language"));
  }
  if (compiled_with != common) {
    return absl::InvalidArgumentError(
        absl::StrCat("pack image part '", Sv(code),
                     "' belongs to another image: compile the packs again with this version of "
                     "tact"));
  }
  if (!ReadLanguage(&r, rubric, with_examples, lang) || !r.done()) {
    return Damaged(absl::StrCat("a value is out of range in ", PartName(code)));
  }
  return absl::OkStatus();
}

}  // namespace

// The parts of the languages a lazily loaded PackSet has not loaded yet (PackSet::Load).
struct LazyLanguages {
  struct Part {
    std::once_flag once;
    absl::Status status;
    StoredPart stored;
  };
  explicit LazyLanguages(size_t languages) : parts(languages) {}
  std::string owned;        // a copy of the image, unless the image outlives the packs
  std::vector<Part> parts;  // by index in PackSet::languages
  bool with_examples = false;
  uint64_t common = 0;  // checksum of the common part
};

absl::Status PackSet::Load(const Language& lang) const {
  if (lazy == nullptr) return absl::OkStatus();
  LazyLanguages::Part& part = lazy->parts[static_cast<size_t>(&lang - languages.data())];
  std::call_once(part.once, [&] {
    std::string buffer;
    std::string_view bytes;
    part.status = Decode(part.stored, &buffer, &bytes);
    if (!part.status.ok()) return;
    // The language was built non-const (ReadPackImage): filled in place, once, while other
    // threads may read its code and stopwords, which this leaves alone.
    part.status = ReadLanguagePart(bytes, rubric, lazy->with_examples, lazy->common,
                                   const_cast<Language*>(&lang));
  });
  return part.status;
}

absl::Status PackSet::LoadAll() const {
  for (const Language& lang : languages) {
    if (absl::Status s = Load(lang); !s.ok()) return s;
  }
  return absl::OkStatus();
}

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

std::string JoinPackImage(std::span<const ImagePart> parts) {
  ImageWriter w;
  w.U32(static_cast<uint32_t>(parts.size()));
  for (const ImagePart& p : parts) {
    w.Str(p.name);
    w.U8(p.lzma ? 1 : 0);
    w.U32(static_cast<uint32_t>(p.bytes.size()));
    if (p.lzma) w.U32(p.decoded_size);
  }
  for (const ImagePart& p : parts) w.bytes().append(p.bytes);
  ImageWriter image;
  image.bytes() = std::string(kMagic);
  for (int i = 0; i < 4; ++i) image.U8(static_cast<uint8_t>(kPackImageFormat >> (8 * i)));
  image.U64(ImageChecksum(w.bytes()));
  image.bytes().append(w.bytes());
  return std::move(image.bytes());
}

std::string WritePackImage(const PackSet& packs, bool with_examples) {
  std::vector<ImagePart> parts(1);
  ImageWriter common;
  WriteCommon(&common, packs, with_examples);
  const uint64_t checksum = ImageChecksum(common.bytes());
  parts[0].bytes = std::move(common.bytes());
  for (const Language& lang : packs.languages) {
    ImageWriter w;
    w.Str(lang.code);
    w.U64(checksum);
    WriteLanguage(&w, lang, with_examples);
    parts.push_back({lang.code, std::move(w.bytes())});
  }
  return JoinPackImage(parts);
}

absl::StatusOr<std::vector<ImagePart>> SplitPackImage(std::string_view image) {
  absl::StatusOr<std::vector<StoredPart>> stored = ReadParts(image);
  if (!stored.ok()) return stored.status();
  std::vector<ImagePart> parts;
  for (const StoredPart& s : *stored) {
    std::string buffer;
    std::string_view bytes;
    if (absl::Status status = Decode(s, &buffer, &bytes); !status.ok()) return status;
    parts.push_back({std::string(s.name), std::string(bytes)});
  }
  return parts;
}

absl::StatusOr<std::shared_ptr<const PackSet>> ReadPackImage(std::string_view image, bool lazy,
                                                             bool image_outlives) {
  absl::StatusOr<std::vector<StoredPart>> parts = ReadParts(image);
  if (!parts.ok()) return parts.status();
  std::string buffer;
  std::string_view common;
  if (absl::Status s = Decode((*parts)[0], &buffer, &common); !s.ok()) return s;
  auto packs = std::make_shared<PackSet>();
  ImageReader r(common);
  bool with_examples = false;
  if (!ReadCommon(&r, packs.get(), &with_examples) || packs->languages.empty() ||
      packs->Find(packs->rubric.fallback_lang) == nullptr) {
    return Damaged("a value is out of range");
  }
  for (const CheckSpec& c : RegisteredChecks()) {
    if (packs->rubric.Index(c.criterion) < 0) return Damaged("a value is out of range");
  }
  // One part per language, in the same order.
  const size_t languages = packs->languages.size();
  for (size_t l = 0; l < languages; ++l) {
    const std::string& code = packs->languages[l].code;
    if (l + 1 >= parts->size() || (*parts)[l + 1].name != code) {
      return Damaged(absl::StrCat("no part for language '", code, "'"));
    }
  }
  if (parts->size() != languages + 1) {
    return Damaged(
        absl::StrCat("a part for no language: '", Sv((*parts)[languages + 1].name), "'"));
  }
  auto pending = std::make_shared<LazyLanguages>(languages);
  // Read at once, the image need not outlive this call.
  if (lazy && !image_outlives) pending->owned = std::string(image);
  const char* base = pending->owned.empty() ? image.data() : pending->owned.data();
  for (size_t l = 0; l < languages; ++l) {
    StoredPart part = (*parts)[l + 1];
    part.bytes = std::string_view(base + (part.bytes.data() - image.data()), part.bytes.size());
    part.name = packs->languages[l].code;  // not the caller's bytes
    pending->parts[l].stored = part;
  }
  pending->with_examples = with_examples;
  pending->common = ImageChecksum(common);
  packs->lazy = std::move(pending);
  // Eager: the same path as a lazy load (one copy of the reading code in the wasm module).
  if (!lazy) {
    if (absl::Status s = packs->LoadAll(); !s.ok()) return s;
    packs->lazy = nullptr;
  }
  return std::shared_ptr<const PackSet>(std::move(packs));
}

}  // namespace tact::internal
