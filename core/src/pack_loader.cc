#include "pack_loader.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "boost/json.hpp"
#include "check_registry.h"
#include "string_util.h"

namespace tact::internal {
namespace json = boost::json;

namespace {

// --- Locating a JSON pointer in the source text, for line:col in diagnostics. ---

size_t SkipWs(std::string_view s, size_t p) {
  while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t')) ++p;
  return p;
}

// Skips a string starting at the opening quote; returns the position after the closing one and
// its content with \" and \\ unescaped (enough to compare object keys).
size_t SkipString(std::string_view s, size_t p, std::string* content) {
  ++p;
  while (p < s.size() && s[p] != '"') {
    if (s[p] == '\\' && p + 1 < s.size()) {
      if (content != nullptr) content->push_back(s[p + 1]);
      p += 2;
    } else {
      if (content != nullptr) content->push_back(s[p]);
      ++p;
    }
  }
  return p + 1;
}

size_t SkipValue(std::string_view s, size_t p) {
  p = SkipWs(s, p);
  if (p >= s.size()) return p;
  if (s[p] == '"') return SkipString(s, p, nullptr);
  if (s[p] == '{' || s[p] == '[') {
    int depth = 0;
    while (p < s.size()) {
      const char c = s[p];
      if (c == '"') {
        p = SkipString(s, p, nullptr);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
      ++p;
    }
    return p;
  }
  while (p < s.size() && s[p] != ',' && s[p] != '}' && s[p] != ']' && s[p] != ' ' && s[p] != '\n' &&
         s[p] != '\r' && s[p] != '\t') {
    ++p;
  }
  return p;
}

std::string PointerString(std::span<const std::string> path) {
  if (path.empty()) return "/";
  std::string out;
  for (const std::string& seg : path) {
    out.push_back('/');
    for (char c : seg) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out.push_back(c);
      }
    }
  }
  return out;
}

std::pair<int, int> LineCol(std::string_view s, size_t offset) {
  int line = 1;
  int col = 1;
  for (size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// Reads one parsed pack and reports errors at JSON pointers.
class PackReader {
 public:
  PackReader(std::string_view name, std::string_view src) : name_(name), src_(src) {}

  absl::Status Error(std::string_view what) const {
    const auto [line, col] = LineCol(src_, LocateJsonPointer(src_, path_));
    return absl::InvalidArgumentError(
        absl::StrCat(Sv(name_), ":", line, ":", col, ": ", PointerString(path_), ": ", Sv(what)));
  }

  // RAII step into a member or element of the current path.
  class Step {
   public:
    Step(PackReader* r, std::string seg) : r_(r) { r_->path_.push_back(std::move(seg)); }
    ~Step() { r_->path_.pop_back(); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    PackReader* r_;
  };

  std::string_view name() const { return name_; }

 private:
  std::string_view name_;
  std::string_view src_;
  std::vector<std::string> path_;
};

#define TACT_RETURN_IF_ERROR(expr)     \
  do {                                 \
    absl::Status _status = (expr);     \
    if (!_status.ok()) return _status; \
  } while (0)

absl::Status CheckKeys(PackReader& r, const json::object& obj,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& member : obj) {
    const std::string_view key(member.key().data(), member.key().size());
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      PackReader::Step step(&r, std::string(key));
      return r.Error(absl::StrCat(
          "unknown field '", Sv(key), "' (expected one of ",
          absl::StrJoin(allowed, ", ",
                        [](std::string* out, auto v) { out->append(v.data(), v.size()); }),
          ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status GetString(PackReader& r, const json::object& obj, std::string_view key, bool required,
                       std::string* out) {
  const json::value* v = obj.if_contains(json::string_view(key.data(), key.size()));
  if (v == nullptr) {
    if (!required) return absl::OkStatus();
    return r.Error(absl::StrCat("missing required field '", Sv(key), "'"));
  }
  PackReader::Step step(&r, std::string(key));
  const json::string* s = v->if_string();
  if (s == nullptr) return r.Error("expected a string");
  if (s->empty()) return r.Error("empty string");
  out->assign(s->data(), s->size());
  return absl::OkStatus();
}

absl::Status GetBool(PackReader& r, const json::object& obj, std::string_view key, bool* out) {
  const json::value* v = obj.if_contains(json::string_view(key.data(), key.size()));
  if (v == nullptr) return absl::OkStatus();
  PackReader::Step step(&r, std::string(key));
  const bool* b = v->if_bool();
  if (b == nullptr) return r.Error("expected true or false");
  *out = *b;
  return absl::OkStatus();
}

absl::Status GetStringList(PackReader& r, const json::object& obj, std::string_view key,
                           bool required, std::vector<std::string>* out) {
  const json::value* v = obj.if_contains(json::string_view(key.data(), key.size()));
  if (v == nullptr) {
    if (!required) return absl::OkStatus();
    return r.Error(absl::StrCat("missing required field '", Sv(key), "'"));
  }
  PackReader::Step step(&r, std::string(key));
  const json::array* a = v->if_array();
  if (a == nullptr) return r.Error("expected a list of strings");
  if (a->empty()) return r.Error("empty list");
  for (size_t i = 0; i < a->size(); ++i) {
    PackReader::Step item(&r, absl::StrCat(i));
    const json::string* s = (*a)[i].if_string();
    if (s == nullptr) return r.Error("expected a string");
    std::string_view text(s->data(), s->size());
    if (text.find_first_not_of(" \t\n") == std::string_view::npos) {
      return r.Error("empty phrase");
    }
    out->emplace_back(text);
  }
  return absl::OkStatus();
}

// A parsed source file and what it defines.
struct ParsedPack {
  std::string name;
  std::string_view src;
  json::value root;
  std::string kind;      // "rubric", "criterion", "lexicon", "topics" or "hints"
  std::string identity;  // "rubric", "fr/criterion/apology", "fr/lexicon/negation", ...
  std::string lang;      // a language code ("fr"); empty for the rubric
};

// A language code: two or three lower-case ASCII letters ("fr", "en", "de", "ast").
bool ValidLangCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  for (char c : code) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

absl::Status ParseSeverity(PackReader& r, std::string_view name, Severity* out) {
  if (name == "hint") {
    *out = Severity::kHint;
  } else if (name == "warning") {
    *out = Severity::kWarning;
  } else if (name == "problem") {
    *out = Severity::kProblem;
  } else {
    return r.Error(
        absl::StrCat("unknown severity '", Sv(name), "' (expected hint, warning or problem)"));
  }
  return absl::OkStatus();
}

constexpr std::string_view kPackKinds[] = {"rubric", "criterion", "lexicon", "topics", "hints"};

absl::Status ParseOne(const PackSource& source, ParsedPack* out) {
  out->name = source.name;
  out->src = source.json;
  if (source.json.size() > kMaxPackBytes) {
    return absl::InvalidArgumentError(absl::StrCat(source.name, ": ", source.json.size(),
                                                   " bytes, more than the ", kMaxPackBytes,
                                                   " bytes (4 MiB) of a pack file"));
  }
  json::parse_options options;
  options.max_depth = 16;
  json::stream_parser parser(json::storage_ptr(), options);
  boost::system::error_code ec;
  const size_t used = parser.write_some(source.json.data(), source.json.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const auto [line, col] = LineCol(source.json, std::min(used, source.json.size()));
    return absl::InvalidArgumentError(
        absl::StrCat(source.name, ":", line, ":", col, ": invalid JSON: ", ec.message()));
  }
  out->root = parser.release();
  PackReader r(out->name, out->src);
  const json::object* obj = out->root.if_object();
  if (obj == nullptr) return r.Error("a pack is a JSON object");
  if (obj->contains("rubric")) {
    out->kind = "rubric";
    out->identity = "rubric";
    return absl::OkStatus();
  }
  std::string& lang = out->lang;
  TACT_RETURN_IF_ERROR(GetString(r, *obj, "lang", true, &lang));
  if (!ValidLangCode(lang)) {
    PackReader::Step step(&r, "lang");
    return r.Error(absl::StrCat("invalid language code '", lang,
                                "' (expected two or three lower-case letters, e.g. fr)"));
  }
  std::string what;
  for (std::string_view kind : {"criterion", "lexicon"}) {
    if (obj->contains(json::string_view(kind.data(), kind.size()))) {
      TACT_RETURN_IF_ERROR(GetString(r, *obj, kind, true, &what));
      out->kind = std::string(kind);
      out->identity = absl::StrCat(lang, "/", Sv(kind), "/", what);
      return absl::OkStatus();
    }
  }
  for (std::string_view kind : {"topics", "hints"}) {
    if (obj->contains(json::string_view(kind.data(), kind.size()))) {
      out->kind = std::string(kind);
      out->identity = absl::StrCat(lang, "/", out->kind);
      return absl::OkStatus();
    }
  }
  return r.Error(absl::StrCat(
      "a pack needs one of the fields ",
      absl::StrJoin(kPackKinds, ", ", [](std::string* o, std::string_view k) { o->append(k); })));
}

class Compiler {
 public:
  Compiler(PackSet* set, bool builtin_without_examples)
      : set_(set), builtin_without_examples_(builtin_without_examples) {}

  absl::Status Rubric(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(
        CheckKeys(r, obj,
                  {"rubric", "description", "criteria", "violations", "links", "caps", "bands",
                   "skip_when_positive", "positive_floor", "fallback_lang"}));
    internal::Rubric& rubric = set_->rubric;
    const auto list = [&](std::string_view key) -> absl::StatusOr<const json::array*> {
      const json::value* v = obj.if_contains(json::string_view(key.data(), key.size()));
      if (v == nullptr) return r.Error(absl::StrCat("missing required field '", Sv(key), "'"));
      PackReader::Step step(&r, std::string(key));
      const json::array* a = v->if_array();
      if (a == nullptr || a->empty()) return r.Error("expected a non-empty list");
      return a;
    };
    const auto index_of = [&](const json::object& o, std::string_view key, bool violation,
                              int* out) -> absl::Status {
      std::string id;
      TACT_RETURN_IF_ERROR(GetString(r, o, key, true, &id));
      PackReader::Step step(&r, std::string(key));
      *out = rubric.Index(id);
      if (*out < 0 || rubric.entries[*out].violation != violation) {
        return r.Error(
            absl::StrCat("unknown ", violation ? "violation" : "criterion", " '", id, "'"));
      }
      return absl::OkStatus();
    };
    int weights = 0;
    for (const bool violation : {false, true}) {
      const char* key = violation ? "violations" : "criteria";
      absl::StatusOr<const json::array*> a = list(key);
      if (!a.ok()) return a.status();
      PackReader::Step step(&r, key);
      for (size_t i = 0; i < (*a)->size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        const json::object* o = (**a)[i].if_object();
        if (o == nullptr) return r.Error("expected an object");
        TACT_RETURN_IF_ERROR(CheckKeys(
            r, *o,
            violation ? std::initializer_list<std::string_view>{"id", "severity", "penalty"}
                      : std::initializer_list<std::string_view>{"id", "weight"}));
        RubricEntry e;
        e.violation = violation;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "id", true, &e.id));
        if (rubric.Index(e.id) >= 0) {
          PackReader::Step s(&r, "id");
          return r.Error(absl::StrCat("duplicate id '", e.id, "'"));
        }
        const char* number = violation ? "penalty" : "weight";
        const json::value* n = o->if_contains(number);
        if (n == nullptr && !violation) return r.Error("missing required field 'weight'");
        if (n != nullptr) {
          PackReader::Step s(&r, number);
          const int64_t* v = n->if_int64();
          if (v == nullptr || *v < 0 || *v > 100) return r.Error("expected a whole number 0-100");
          (violation ? e.penalty : e.weight) = static_cast<int>(*v);
        }
        if (violation) {
          std::string severity;
          TACT_RETURN_IF_ERROR(GetString(r, *o, "severity", true, &severity));
          PackReader::Step s(&r, "severity");
          TACT_RETURN_IF_ERROR(ParseSeverity(r, severity, &e.severity));
        }
        weights += e.weight;
        rubric.entries.push_back(std::move(e));
      }
      if (!violation) {
        rubric.criterion_count = rubric.entries.size();
        if (weights != 100) {
          return r.Error(absl::StrCat("the criteria's weights sum to ", weights, ", not 100"));
        }
      }
    }
    if (obj.contains("links")) {
      absl::StatusOr<const json::array*> a = list("links");
      if (!a.ok()) return a.status();
      PackReader::Step step(&r, "links");
      for (size_t i = 0; i < (*a)->size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        const json::object* o = (**a)[i].if_object();
        if (o == nullptr)
          return r.Error("expected an object {violation, severity, criterion, status}");
        TACT_RETURN_IF_ERROR(
            CheckKeys(r, *o, {"violation", "severity", "criterion", "status", "unless_met_apart"}));
        RubricLink link;
        TACT_RETURN_IF_ERROR(GetBool(r, *o, "unless_met_apart", &link.unless_met_apart));
        TACT_RETURN_IF_ERROR(index_of(*o, "violation", true, &link.violation));
        TACT_RETURN_IF_ERROR(index_of(*o, "criterion", false, &link.criterion));
        std::string severity;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "severity", false, &severity));
        if (!severity.empty()) {
          PackReader::Step s(&r, "severity");
          Severity sev;
          TACT_RETURN_IF_ERROR(ParseSeverity(r, severity, &sev));
          link.severity = static_cast<int>(sev);
        }
        std::string status;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "status", true, &status));
        PackReader::Step s(&r, "status");
        if (status == "violated") {
          link.status = Status::kViolated;
        } else if (status == "partial") {
          link.status = Status::kPartial;
        } else {
          return r.Error(
              absl::StrCat("unknown status '", status, "' (expected violated or partial)"));
        }
        rubric.links.push_back(link);
      }
    }
    {
      absl::StatusOr<const json::array*> a = list("caps");
      if (!a.ok()) return a.status();
      PackReader::Step step(&r, "caps");
      for (size_t i = 0; i < (*a)->size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        const json::object* o = (**a)[i].if_object();
        if (o == nullptr) return r.Error("expected an object {violation, severity, max}");
        TACT_RETURN_IF_ERROR(CheckKeys(r, *o, {"violation", "severity", "max"}));
        RubricCap cap;
        if (o->contains("violation")) {
          TACT_RETURN_IF_ERROR(index_of(*o, "violation", true, &cap.violation));
        }
        std::string severity;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "severity", true, &severity));
        {
          PackReader::Step s(&r, "severity");
          TACT_RETURN_IF_ERROR(ParseSeverity(r, severity, &cap.severity));
        }
        const json::value* max = o->if_contains("max");
        if (max == nullptr) return r.Error("missing required field 'max'");
        PackReader::Step s(&r, "max");
        const int64_t* v = max->if_int64();
        if (v == nullptr || *v < 0 || *v > 100) return r.Error("expected a whole number 0-100");
        cap.max = static_cast<int>(*v);
        rubric.caps.push_back(cap);
      }
    }
    {
      absl::StatusOr<const json::array*> a = list("bands");
      if (!a.ok()) return a.status();
      PackReader::Step step(&r, "bands");
      for (size_t i = 0; i < (*a)->size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        const json::object* o = (**a)[i].if_object();
        if (o == nullptr) return r.Error("expected an object {id, min}");
        TACT_RETURN_IF_ERROR(CheckKeys(r, *o, {"id", "min"}));
        RubricBand band;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "id", true, &band.name));
        const json::value* min = o->if_contains("min");
        if (min == nullptr) return r.Error("missing required field 'min'");
        PackReader::Step s(&r, "min");
        const int64_t* v = min->if_int64();
        const int lowest = rubric.bands.empty() ? 0 : rubric.bands.back().min + 1;
        if (v == nullptr || *v < lowest || *v > 100 || (rubric.bands.empty() && *v != 0)) {
          return r.Error(rubric.bands.empty() ? std::string("the first band starts at 0")
                                              : absl::StrCat("expected a whole number from ",
                                                             lowest, " to 100 (bands go up)"));
        }
        band.min = static_cast<int>(*v);
        rubric.bands.push_back(std::move(band));
      }
    }
    if (obj.contains("skip_when_positive")) {
      std::vector<std::string> ids;
      TACT_RETURN_IF_ERROR(GetStringList(r, obj, "skip_when_positive", true, &ids));
      PackReader::Step step(&r, "skip_when_positive");
      for (size_t i = 0; i < ids.size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        const int c = rubric.Index(ids[i]);
        if (c < 0 || rubric.entries[c].violation) {
          return r.Error(absl::StrCat("unknown criterion '", ids[i], "'"));
        }
        rubric.skip_when_positive.push_back(c);
      }
    }
    if (const json::value* floor = obj.if_contains("positive_floor")) {
      PackReader::Step step(&r, "positive_floor");
      const json::object* f = floor->if_object();
      if (f == nullptr) return r.Error("expected an object {\"criterion\", \"min\"}");
      TACT_RETURN_IF_ERROR(CheckKeys(r, *f, {"criterion", "min"}));
      std::string id;
      TACT_RETURN_IF_ERROR(GetString(r, *f, "criterion", true, &id));
      const int c = rubric.Index(id);
      if (c < 0 || rubric.entries[c].violation) {
        PackReader::Step crit(&r, "criterion");
        return r.Error(absl::StrCat("unknown criterion '", id, "'"));
      }
      const json::value* min = f->if_contains("min");
      if (min == nullptr) return r.Error("missing required field 'min'");
      PackReader::Step s(&r, "min");
      const int64_t* v = min->if_int64();
      if (v == nullptr || *v < 0 || *v > 100)
        return r.Error("expected a whole number from 0 to 100");
      rubric.positive_floor_criterion = c;
      rubric.positive_floor_min = static_cast<int>(*v);
    }
    TACT_RETURN_IF_ERROR(GetString(r, obj, "fallback_lang", true, &rubric.fallback_lang));
    if (!ValidLangCode(rubric.fallback_lang)) {
      PackReader::Step s(&r, "fallback_lang");
      return r.Error("expected a language code");
    }
    return absl::OkStatus();
  }

  // After every pack: the fallback language is loaded, and every built-in language declares
  // every registered check (a custom language declares the checks it wants).
  absl::Status Finish(std::string_view rubric_name) {
    std::sort(set_->languages.begin(), set_->languages.end(),
              [](const Language& a, const Language& b) { return a.code < b.code; });
    for (const CheckSpec& c : RegisteredChecks()) {
      if (set_->rubric.Index(c.criterion) < 0) {
        return absl::InvalidArgumentError(absl::StrCat(Sv(rubric_name), ": the rubric has no '",
                                                       Sv(c.criterion), "', which check '",
                                                       Sv(c.name), "' reports"));
      }
    }
    if (set_->languages.empty()) return absl::OkStatus();
    if (set_->Find(set_->rubric.fallback_lang) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(Sv(rubric_name),
                                                     ": /fallback_lang: no pack is loaded for '",
                                                     set_->rubric.fallback_lang, "'"));
    }
    for (const Language& l : set_->languages) {
      if (!builtin_langs_.contains(l.code)) continue;
      for (const CheckSpec& c : RegisteredChecks()) {
        if (l.checks.contains(Sv(c.name))) continue;
        return absl::InvalidArgumentError(absl::StrCat(
            "check '", Sv(c.name), "' is registered but the '", l.code,
            "' packs do not declare it (add a rule {\"kind\": \"check\", \"check\": \"", Sv(c.name),
            "\", ...} to its ", Sv(c.criterion), " pack)"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status Lexicon(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "lexicon", "description", "entries"}));
    std::string name;
    TACT_RETURN_IF_ERROR(GetString(r, obj, "lexicon", true, &name));
    std::vector<std::string> entries;
    TACT_RETURN_IF_ERROR(GetStringList(r, obj, "entries", true, &entries));
    Language& lr = Lang(pack);
    const int group = lr.matcher.NewGroup();
    for (size_t i = 0; i < entries.size(); ++i) {
      PackReader::Step s1(&r, "entries");
      PackReader::Step s2(&r, absl::StrCat(i));
      if (entries[i].find('@') != std::string::npos) {
        return r.Error("a lexicon entry cannot reference a lexicon");
      }
      std::string error = lr.matcher.Add(entries[i], group, NoLexicons());
      if (!error.empty()) return r.Error(error);
    }
    if (name == "stopwords" || name == "first_names") {
      auto& set = name == "stopwords" ? lr.stopwords : lr.first_names;
      for (const std::string& e : entries) set.insert(NormalizeWord(e));
    }
    absl::flat_hash_set<std::string>& words = lr.lexicon_words[name];
    for (const std::string& e : entries) {
      if (e.find_first_of(" |*?#()") == std::string::npos) words.insert(NormalizeWord(e));
    }
    if (name == "nicknames") {
      for (const std::string& e : entries) {
        std::vector<std::string>& names = lr.nicknames.emplace_back();
        for (absl::string_view w : absl::StrSplit(e, ' ', absl::SkipEmpty())) {
          names.push_back(NormalizeWord(std::string_view(w.data(), w.size())));
        }
      }
    }
    lr.lexicon_groups[name] = group;
    lr.lexicons[name] = std::move(entries);
    return absl::OkStatus();
  }

  absl::Status Topics(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "description", "topics"}));
    PackReader::Step step(&r, "topics");
    const json::array* topics = obj.at("topics").if_array();
    if (topics == nullptr || topics->empty()) return r.Error("expected a non-empty list");
    Language& lr = Lang(pack);
    for (size_t i = 0; i < topics->size(); ++i) {
      PackReader::Step item(&r, absl::StrCat(i));
      const json::object* t = (*topics)[i].if_object();
      if (t == nullptr) return r.Error("expected an object {id, label, terms}");
      TACT_RETURN_IF_ERROR(CheckKeys(r, *t, {"id", "label", "terms", "reply_terms"}));
      Topic topic;
      TACT_RETURN_IF_ERROR(GetString(r, *t, "id", true, &topic.id));
      TACT_RETURN_IF_ERROR(GetString(r, *t, "label", true, &topic.label));
      for (const Topic& other : lr.topics) {
        if (other.id == topic.id) {
          PackReader::Step s(&r, "id");
          return r.Error(absl::StrCat("duplicate topic id '", topic.id, "'"));
        }
      }
      std::vector<std::string> terms;
      TACT_RETURN_IF_ERROR(GetStringList(r, *t, "terms", true, &terms));
      topic.group = lr.matcher.NewGroup();
      TACT_RETURN_IF_ERROR(AddPhrases(r, lr, "terms", terms, topic.group));
      // Words a reply names the topic with that would raise other topics in a review ("your
      // bond" names the deposit; "bond" in a review is no complaint about it).
      std::vector<std::string> reply_terms;
      TACT_RETURN_IF_ERROR(GetStringList(r, *t, "reply_terms", false, &reply_terms));
      if (!reply_terms.empty()) {
        topic.reply_group = lr.matcher.NewGroup();
        TACT_RETURN_IF_ERROR(AddPhrases(r, lr, "reply_terms", reply_terms, topic.reply_group));
      }
      lr.topics.push_back(std::move(topic));
    }
    return absl::OkStatus();
  }

  absl::Status Hints(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "description", "hints"}));
    Language& lr = Lang(pack);
    if (!obj.contains("hints")) return absl::OkStatus();
    PackReader::Step step(&r, "hints");
    const json::object* hints = obj.at("hints").if_object();
    if (hints == nullptr) return r.Error("expected an object keyed by criterion id");
    for (const auto& member : *hints) {
      const std::string key(member.key().data(), member.key().size());
      PackReader::Step item(&r, key);
      const int index = set_->rubric.Index(key);
      if (index < 0) return r.Error(absl::StrCat("unknown criterion '", key, "'"));
      const json::object* h = member.value().if_object();
      if (h == nullptr) {
        return r.Error("expected an object {missing, partial, example, example_topic, positive}");
      }
      TACT_RETURN_IF_ERROR(
          CheckKeys(r, *h, {"missing", "partial", "example", "example_topic", "positive"}));
      TACT_RETURN_IF_ERROR(HintFields(r, *h, &lr.hints[index].any));
      if (const json::value* positive = h->if_contains("positive")) {
        PackReader::Step p(&r, "positive");
        const json::object* po = positive->if_object();
        if (po == nullptr)
          return r.Error("expected an object {missing, partial, example, example_topic}");
        TACT_RETURN_IF_ERROR(CheckKeys(r, *po, {"missing", "partial", "example", "example_topic"}));
        TACT_RETURN_IF_ERROR(HintFields(r, *po, &lr.hints[index].positive));
      }
    }
    return absl::OkStatus();
  }

  static absl::Status HintFields(PackReader& r, const json::object& h, Hint* hint) {
    TACT_RETURN_IF_ERROR(GetString(r, h, "missing", false, &hint->missing));
    TACT_RETURN_IF_ERROR(GetString(r, h, "partial", false, &hint->partial));
    TACT_RETURN_IF_ERROR(GetString(r, h, "example", false, &hint->example));
    return GetString(r, h, "example_topic", false, &hint->example_topic);
  }

  absl::Status RulePack(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "criterion", "description", "rules"}));
    std::string criterion;
    TACT_RETURN_IF_ERROR(GetString(r, obj, "criterion", true, &criterion));
    const int index = set_->rubric.Index(criterion);
    if (index < 0) {
      PackReader::Step step(&r, "criterion");
      return r.Error(absl::StrCat("unknown criterion '", criterion, "'"));
    }
    Language& lr = Lang(pack);
    const json::value* rules = obj.if_contains("rules");
    if (rules == nullptr) return r.Error("missing required field 'rules'");
    PackReader::Step step(&r, "rules");
    const json::array* list = rules->if_array();
    if (list == nullptr) return r.Error("expected a list of rules");
    for (size_t i = 0; i < list->size(); ++i) {
      PackReader::Step item(&r, absl::StrCat(i));
      TACT_RETURN_IF_ERROR(OneRule(r, pack, lr, index, (*list)[i]));
    }
    return absl::OkStatus();
  }

 private:
  // The language of `pack`, created on first use.
  Language& Lang(const ParsedPack& pack) {
    if (Builtin(pack)) builtin_langs_.insert(pack.lang);
    for (Language& l : set_->languages) {
      if (l.code == pack.lang) return l;
    }
    Language& l = set_->languages.emplace_back();
    l.code = pack.lang;
    l.hints.resize(set_->rubric.size());
    return l;
  }

  bool Builtin(const ParsedPack& pack) const { return pack.name.rfind("builtin:", 0) == 0; }

  static Matcher::LexiconLookup NoLexicons() {
    return [](std::string_view) -> const std::vector<std::string>* { return nullptr; };
  }

  absl::Status AddPhrases(PackReader& r, Language& lr, std::string_view key,
                          const std::vector<std::string>& phrases, int group) {
    const auto lookup = [&lr](std::string_view name) -> const std::vector<std::string>* {
      auto it = lr.lexicons.find(std::string(name));
      return it == lr.lexicons.end() ? nullptr : &it->second;
    };
    PackReader::Step step(&r, std::string(key));
    for (size_t i = 0; i < phrases.size(); ++i) {
      PackReader::Step item(&r, absl::StrCat(i));
      // A phrase that is a whole lexicon adds its entries one by one, so the variant limit
      // applies to each entry, not to their sum.
      const std::vector<std::string>* whole =
          phrases[i].size() > 1 && phrases[i][0] == '@' && phrases[i].find(' ') == std::string::npos
              ? lookup(std::string_view(phrases[i]).substr(1))
              : nullptr;
      for (const std::string& phrase : whole != nullptr ? *whole : std::vector{phrases[i]}) {
        std::string error = lr.matcher.Add(phrase, group, lookup);
        if (!error.empty()) return r.Error(error);
      }
    }
    return absl::OkStatus();
  }

  absl::Status ParseExample(PackReader& r, const json::value& v, bool should_match, bool refusal,
                            Example* ex) {
    ex->should_match = should_match;
    const json::string* s = nullptr;
    if (refusal) {
      const json::object* o = v.if_object();
      if (o == nullptr) return r.Error("expected an object {review, reply}");
      TACT_RETURN_IF_ERROR(CheckKeys(r, *o, {"review", "reply"}));
      TACT_RETURN_IF_ERROR(GetString(r, *o, "review", true, &ex->review));
      const json::value* reply = o->if_contains("reply");
      if (reply == nullptr) return r.Error("missing required field 'reply'");
      s = reply->if_string();
    } else {
      s = v.if_string();
    }
    if (s == nullptr || s->empty()) return r.Error("expected a non-empty string");
    ex->original.assign(s->data(), s->size());
    ex->text = ex->original;
    if (!should_match) return absl::OkStatus();
    const size_t open = ex->text.find('[');
    const size_t close = open == std::string::npos ? open : ex->text.find(']', open);
    if (close == std::string::npos || close == open + 1) {
      return r.Error("a match example marks its span with [brackets]");
    }
    ex->text.erase(close, 1);
    ex->text.erase(open, 1);
    ex->begin = static_cast<uint32_t>(open);
    ex->end = static_cast<uint32_t>(close - 1);
    return absl::OkStatus();
  }

  absl::Status OneRule(PackReader& r, const ParsedPack& pack, Language& lr, int criterion,
                       const json::value& value) {
    const json::object* obj = value.if_object();
    if (obj == nullptr) return r.Error("expected a rule object");
    // clang-format off
    TACT_RETURN_IF_ERROR(CheckKeys(
        r, *obj,
        {"id", "kind", "phrases", "unless", "unless_sentence", "unless_next_sentence", "then",
         "within", "review", "reply", "effect", "severity", "negatable", "in_quotes", "question",
         "check", "params", "message", "suggestion", "examples", "description",
         "complaints_only", "excused_across_turns"}));
    // clang-format on
    Rule rule;
    rule.pack = pack.name;
    rule.criterion = criterion;
    const RubricEntry& entry = set_->rubric.entries[criterion];
    rule.severity = entry.violation ? entry.severity : Severity::kHint;
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "id", true, &rule.id));
    {
      PackReader::Step step(&r, "id");
      const std::string prefix = absl::StrCat(pack.lang, ".", entry.id, ".");
      if (rule.id.size() <= prefix.size() || rule.id.compare(0, prefix.size(), prefix) != 0) {
        return r.Error(absl::StrCat("rule id '", rule.id, "' must look like '", prefix, "<name>'"));
      }
      auto [it, inserted] = ids_.try_emplace(rule.id, pack.name);
      if (!inserted) {
        return r.Error(
            absl::StrCat("duplicate rule id '", rule.id, "' (first defined in ", it->second, ")"));
      }
    }
    std::string kind = "phrase";
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "kind", false, &kind));
    if (kind == "sequence") {
      rule.kind = RuleKind::kSequence;
    } else if (kind == "refusal") {
      rule.kind = RuleKind::kRefusal;
      if (entry.id != "ignores_refusal") {
        PackReader::Step step(&r, "kind");
        return r.Error("kind 'refusal' belongs in an ignores_refusal pack");
      }
    } else if (kind == "contrast") {
      rule.kind = RuleKind::kContrast;
      if (!entry.violation) {
        PackReader::Step step(&r, "kind");
        return r.Error("kind 'contrast' belongs in a violation pack");
      }
    } else if (kind == "check") {
      rule.kind = RuleKind::kCheck;
    } else if (kind != "phrase") {
      PackReader::Step step(&r, "kind");
      return r.Error(absl::StrCat("unknown kind '", kind,
                                  "' (expected phrase, sequence, refusal, contrast or check)"));
    }
    if (rule.kind == RuleKind::kCheck) return CheckRule(r, pack, lr, *obj, std::move(rule));
    for (std::string_view key : {"check", "params"}) {
      if (obj->contains(json::string_view(key.data(), key.size()))) {
        PackReader::Step step(&r, std::string(key));
        return r.Error(absl::StrCat("'", Sv(key), "' needs kind 'check'"));
      }
    }
    const auto group_of = [&](std::string_view key, bool required, int* group) -> absl::Status {
      std::vector<std::string> phrases;
      TACT_RETURN_IF_ERROR(GetStringList(r, *obj, key, required, &phrases));
      if (phrases.empty()) return absl::OkStatus();
      *group = lr.matcher.NewGroup();
      return AddPhrases(r, lr, key, phrases, *group);
    };
    if (rule.kind == RuleKind::kRefusal || rule.kind == RuleKind::kContrast) {
      TACT_RETURN_IF_ERROR(group_of("review", true, &rule.review));
      TACT_RETURN_IF_ERROR(group_of("reply", true, &rule.phrases));
    } else {
      TACT_RETURN_IF_ERROR(group_of("phrases", true, &rule.phrases));
      for (std::string_view key : {"review", "reply"}) {
        if (obj->contains(json::string_view(key.data(), key.size()))) {
          PackReader::Step step(&r, std::string(key));
          return r.Error("only refusal and contrast rules have review/reply phrases");
        }
      }
    }
    TACT_RETURN_IF_ERROR(group_of("unless", false, &rule.unless));
    TACT_RETURN_IF_ERROR(group_of("unless_sentence", false, &rule.unless_sentence));
    TACT_RETURN_IF_ERROR(group_of("unless_next_sentence", false, &rule.unless_next_sentence));
    if (rule.kind == RuleKind::kSequence) {
      TACT_RETURN_IF_ERROR(group_of("then", true, &rule.then));
    } else if (obj->contains("then")) {
      PackReader::Step step(&r, "then");
      return r.Error("'then' needs kind 'sequence'");
    }
    if (const json::value* within = obj->if_contains("within")) {
      PackReader::Step step(&r, "within");
      const int64_t* n = within->if_int64();
      if (n == nullptr || *n < 0 || *n > 30) return r.Error("expected a whole number 0-30");
      rule.within = static_cast<int>(*n);
    }
    std::string effect;
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "effect", false, &effect));
    if (!effect.empty()) {
      PackReader::Step step(&r, "effect");
      if (entry.violation) return r.Error("'effect' applies to criteria, not violations");
      if (effect != "met" && effect != "partial") {
        return r.Error(absl::StrCat("unknown effect '", effect, "' (expected met or partial)"));
      }
      rule.partial = effect == "partial";
    }
    std::string severity;
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "severity", false, &severity));
    if (!severity.empty()) {
      PackReader::Step step(&r, "severity");
      TACT_RETURN_IF_ERROR(ParseSeverity(r, severity, &rule.severity));
    }
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "negatable", &rule.negatable));
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "in_quotes", &rule.in_quotes));
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "complaints_only", &rule.complaints_only));
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "excused_across_turns", &rule.excused_across_turns));
    if (rule.complaints_only && !entry.violation) {
      PackReader::Step step(&r, "complaints_only");
      return r.Error("'complaints_only' belongs to violation rules");
    }
    if (rule.excused_across_turns && rule.unless_sentence < 0) {
      PackReader::Step step(&r, "excused_across_turns");
      return r.Error("'excused_across_turns' needs 'unless_sentence'");
    }
    std::string question;
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "question", false, &question));
    if (!question.empty()) {
      PackReader::Step step(&r, "question");
      if (question == "no") {
        rule.question = QuestionMode::kNo;
      } else if (question == "only") {
        rule.question = QuestionMode::kOnly;
      } else if (question != "any") {
        return r.Error(
            absl::StrCat("unknown question mode '", question, "' (expected any, no or only)"));
      }
    }
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "message", true, &rule.message));
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "suggestion", false, &rule.suggestion));

    TACT_RETURN_IF_ERROR(Examples(r, pack, *obj, &rule));
    lr.rules.push_back(std::move(rule));
    return absl::OkStatus();
  }

  // The rule's examples; `rule` must have its kind set.
  absl::Status Examples(PackReader& r, const ParsedPack& pack, const json::object& obj,
                        Rule* rule) {
    const json::value* examples = obj.if_contains("examples");
    if (examples == nullptr && builtin_without_examples_ && Builtin(pack)) {
      return absl::OkStatus();
    }
    if (examples == nullptr) return r.Error("missing required field 'examples'");
    PackReader::Step step(&r, "examples");
    const json::object* ex_obj = examples->if_object();
    if (ex_obj == nullptr) return r.Error("expected an object {match, nomatch}");
    TACT_RETURN_IF_ERROR(CheckKeys(r, *ex_obj, {"match", "nomatch"}));
    for (const bool should_match : {true, false}) {
      const char* key = should_match ? "match" : "nomatch";
      const json::value* list = ex_obj->if_contains(key);
      if (list == nullptr) {
        if (should_match) return r.Error("at least one 'match' example is required");
        continue;
      }
      PackReader::Step s(&r, key);
      const json::array* a = list->if_array();
      if (a == nullptr || (should_match && a->empty())) return r.Error("expected a non-empty list");
      for (size_t i = 0; i < a->size(); ++i) {
        PackReader::Step item(&r, absl::StrCat(i));
        Example ex;
        if (rule->kind == RuleKind::kCheck) {
          TACT_RETURN_IF_ERROR(ParseCheckExample(r, (*a)[i], should_match, *rule, &ex));
        } else {
          TACT_RETURN_IF_ERROR(ParseExample(
              r, (*a)[i], should_match,
              rule->kind == RuleKind::kRefusal || rule->kind == RuleKind::kContrast, &ex));
        }
        rule->examples.push_back(std::move(ex));
      }
    }
    return absl::OkStatus();
  }

  // A check example: the reply as a string, or {reply, review, author, rating, status}. The
  // reply of a match example of a check that reports findings may mark the span with
  // [brackets]; a check that only raises its criterion states the status it must give
  // ("met" when absent).
  absl::Status ParseCheckExample(PackReader& r, const json::value& v, bool should_match,
                                 const Rule& rule, Example* ex) {
    ex->should_match = should_match;
    const CheckSpec::Reports reports = FindCheck(rule.check)->reports;
    const bool emits = reports == CheckSpec::kFindings;
    const json::string* s = v.if_string();
    if (const json::object* o = v.if_object()) {
      TACT_RETURN_IF_ERROR(
          CheckKeys(r, *o, {"reply", "review", "author", "rating", "status", "polarity"}));
      if (o->contains("polarity")) {
        TACT_RETURN_IF_ERROR(GetString(r, *o, "polarity", true, &ex->polarity));
        PackReader::Step step(&r, "polarity");
        if (reports != CheckSpec::kPolarity)
          return r.Error("'polarity' belongs to polarity checks");
        if (ex->polarity != "negative" && ex->polarity != "mixed" && ex->polarity != "positive" &&
            ex->polarity != "neutral") {
          return r.Error("expected negative, mixed, positive or neutral");
        }
      } else if (reports == CheckSpec::kPolarity) {
        return r.Error("a polarity example states its 'polarity'");
      }
      TACT_RETURN_IF_ERROR(GetString(r, *o, "review", false, &ex->review));
      TACT_RETURN_IF_ERROR(GetString(r, *o, "author", false, &ex->author));
      if (const json::value* rating = o->if_contains("rating")) {
        PackReader::Step step(&r, "rating");
        const int64_t* n = rating->if_int64();
        if (n == nullptr || *n < 1 || *n > 5) return r.Error("expected a whole number 1-5");
        ex->rating = static_cast<int>(*n);
      }
      if (o->contains("status")) {
        std::string status;
        TACT_RETURN_IF_ERROR(GetString(r, *o, "status", true, &status));
        PackReader::Step step(&r, "status");
        if (emits || !should_match)
          return r.Error("'status' belongs to match examples of checks that raise a criterion");
        if (status == "met") {
          ex->status = Status::kMet;
        } else if (status == "partial") {
          ex->status = Status::kPartial;
        } else {
          return r.Error(absl::StrCat("unknown status '", status, "' (expected met or partial)"));
        }
      }
      const json::value* reply = o->if_contains("reply");
      if (reply == nullptr) return r.Error("missing required field 'reply'");
      PackReader::Step step(&r, "reply");
      s = reply->if_string();
    }
    if (s == nullptr || s->empty())
      return r.Error("expected a non-empty string or an object {reply, ...}");
    ex->original.assign(s->data(), s->size());
    ex->text = ex->original;
    const size_t open = ex->text.find('[');
    const size_t close = open == std::string::npos ? open : ex->text.find(']', open);
    if (open == std::string::npos || !emits || !should_match) return absl::OkStatus();
    if (close == std::string::npos || close == open + 1) {
      return r.Error("an example span is marked with [brackets] around at least one character");
    }
    ex->text.erase(close, 1);
    ex->text.erase(open, 1);
    ex->has_span = true;
    ex->begin = static_cast<uint32_t>(open);
    ex->end = static_cast<uint32_t>(close - 1);
    return absl::OkStatus();
  }

  // A rule of kind "check": binds a registered check to its id, message and parameters.
  absl::Status CheckRule(PackReader& r, const ParsedPack& pack, Language& lr,
                         const json::object& obj, Rule rule) {
    for (std::string_view key :
         {"phrases", "unless", "unless_sentence", "unless_next_sentence", "then", "within",
          "review", "reply", "effect", "negatable", "in_quotes", "question", "complaints_only",
          "excused_across_turns"}) {
      if (obj.contains(json::string_view(key.data(), key.size()))) {
        PackReader::Step step(&r, std::string(key));
        return r.Error(absl::StrCat("a check rule has no '", Sv(key), "'"));
      }
    }
    TACT_RETURN_IF_ERROR(GetString(r, obj, "check", true, &rule.check));
    const CheckSpec* spec = FindCheck(rule.check);
    {
      PackReader::Step step(&r, "check");
      if (spec == nullptr) {
        std::string known;
        for (const CheckSpec& c : RegisteredChecks()) {
          absl::StrAppend(&known, known.empty() ? "" : ", ", Sv(c.name));
        }
        return r.Error(absl::StrCat("unknown check '", rule.check, "' (registered: ", known, ")"));
      }
      const std::string& criterion = set_->rubric.entries[rule.criterion].id;
      if (spec->criterion != criterion) {
        return r.Error(absl::StrCat("check '", rule.check, "' belongs in a ", Sv(spec->criterion),
                                    " pack, not ", criterion));
      }
      if (lr.checks.contains(rule.check)) {
        return r.Error(
            absl::StrCat("check '", rule.check, "' is declared twice for '", lr.code, "'"));
      }
    }
    for (const CheckParamSpec& p : spec->params) {
      if (p.type == CheckParamSpec::kNumber)
        rule.params.numbers[std::string(p.name)] = p.default_number;
    }
    if (const json::value* params = obj.if_contains("params")) {
      PackReader::Step step(&r, "params");
      const json::object* po = params->if_object();
      if (po == nullptr) return r.Error("expected an object of parameters");
      for (const auto& member : *po) {
        const std::string key(member.key().data(), member.key().size());
        PackReader::Step item(&r, key);
        const CheckParamSpec* p = nullptr;
        for (const CheckParamSpec& candidate : spec->params) {
          if (candidate.name == key) p = &candidate;
        }
        if (p == nullptr) {
          std::string known;
          for (const CheckParamSpec& c : spec->params) {
            absl::StrAppend(&known, known.empty() ? "" : ", ", Sv(c.name));
          }
          return r.Error(absl::StrCat("unknown parameter '", key, "' of check '", rule.check,
                                      "' (expected ", known.empty() ? "none" : known, ")"));
        }
        if (p->type == CheckParamSpec::kNumber) {
          const json::value& n = member.value();
          boost::system::error_code ec;
          const double v = n.is_number() ? n.to_number<double>(ec) : -1;
          if (ec || !ValidCheckNumber(v))
            return r.Error("expected a whole number from 0 to 1000000");
          rule.params.numbers[key] = v;
        } else {
          std::vector<std::string>& list = rule.params.lists[key];
          const json::array* a = member.value().if_array();
          if (a == nullptr) return r.Error("expected a list of strings");
          for (size_t i = 0; i < a->size(); ++i) {
            PackReader::Step e(&r, absl::StrCat(i));
            const json::string* str = (*a)[i].if_string();
            if (str == nullptr || str->empty()) return r.Error("expected a non-empty string");
            list.emplace_back(str->data(), str->size());
          }
        }
      }
    }
    std::string severity;
    TACT_RETURN_IF_ERROR(GetString(r, obj, "severity", false, &severity));
    if (!severity.empty()) {
      PackReader::Step step(&r, "severity");
      TACT_RETURN_IF_ERROR(ParseSeverity(r, severity, &rule.severity));
    }
    TACT_RETURN_IF_ERROR(
        GetString(r, obj, "message", spec->reports == CheckSpec::kFindings, &rule.message));
    TACT_RETURN_IF_ERROR(GetString(r, obj, "suggestion", false, &rule.suggestion));
    TACT_RETURN_IF_ERROR(Examples(r, pack, obj, &rule));
    lr.checks[rule.check] = static_cast<int>(lr.rules.size());
    lr.rules.push_back(std::move(rule));
    return absl::OkStatus();
  }

  PackSet* set_;
  absl::flat_hash_set<std::string> builtin_langs_;  // languages with a built-in pack
  bool builtin_without_examples_;
  absl::flat_hash_map<std::string, std::string> ids_;  // rule id -> pack
};

}  // namespace

std::span<const std::string_view> PackKinds() { return kPackKinds; }

size_t LocateJsonPointer(std::string_view s, std::span<const std::string> path) {
  size_t p = SkipWs(s, 0);
  for (const std::string& seg : path) {
    p = SkipWs(s, p);
    if (p >= s.size()) return s.size();
    if (s[p] == '{') {
      p = SkipWs(s, p + 1);
      bool found = false;
      while (p < s.size() && s[p] == '"') {
        std::string key;
        p = SkipWs(s, SkipString(s, p, &key));
        if (p < s.size() && s[p] == ':') p = SkipWs(s, p + 1);
        if (key == seg) {
          found = true;
          break;
        }
        p = SkipWs(s, SkipValue(s, p));
        if (p < s.size() && s[p] == ',') p = SkipWs(s, p + 1);
      }
      if (!found) return p;
    } else if (s[p] == '[') {
      size_t index = 0;
      for (char c : seg) index = index * 10 + static_cast<size_t>(c - '0');
      p = SkipWs(s, p + 1);
      for (size_t i = 0; i < index && p < s.size(); ++i) {
        p = SkipWs(s, SkipValue(s, p));
        if (p < s.size() && s[p] == ',') p = SkipWs(s, p + 1);
      }
    } else {
      return p;
    }
  }
  return SkipWs(s, p);
}

absl::StatusOr<std::shared_ptr<const PackSet>> LoadPacks(std::span<const PackSource> packs,
                                                         bool builtin_without_examples) {
  std::vector<ParsedPack> parsed(packs.size());
  for (size_t i = 0; i < packs.size(); ++i) {
    TACT_RETURN_IF_ERROR(ParseOne(packs[i], &parsed[i]));
  }
  // A later pack with the same identity replaces an earlier one.
  absl::flat_hash_map<std::string, size_t> last;
  for (size_t i = 0; i < parsed.size(); ++i) last[parsed[i].identity] = i;
  std::vector<const ParsedPack*> kept;
  for (size_t i = 0; i < parsed.size(); ++i) {
    if (last[parsed[i].identity] == i) kept.push_back(&parsed[i]);
  }
  auto set = std::make_shared<PackSet>();
  Compiler compiler(set.get(), builtin_without_examples);
  // The rubric first (every pack names its ids), then lexicons (rules refer to them).
  const ParsedPack* rubric = nullptr;
  for (const ParsedPack* p : kept) {
    if (p->kind == "rubric") rubric = p;
  }
  if (rubric == nullptr) return absl::InvalidArgumentError("no rubric pack (rubric.json) loaded");
  TACT_RETURN_IF_ERROR(compiler.Rubric(*rubric));
  for (const ParsedPack* p : kept) {
    if (p->kind == "lexicon") TACT_RETURN_IF_ERROR(compiler.Lexicon(*p));
  }
  for (const ParsedPack* p : kept) {
    const std::string& kind = p->kind;
    if (kind == "topics") {
      TACT_RETURN_IF_ERROR(compiler.Topics(*p));
    } else if (kind == "hints") {
      TACT_RETURN_IF_ERROR(compiler.Hints(*p));
    } else if (kind == "criterion") {
      TACT_RETURN_IF_ERROR(compiler.RulePack(*p));
    }
  }
  TACT_RETURN_IF_ERROR(compiler.Finish(rubric->name));
  return std::shared_ptr<const PackSet>(std::move(set));
}

}  // namespace tact::internal
