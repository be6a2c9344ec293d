#include "pack_loader.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "boost/json.hpp"
#include "string_util.h"

namespace tact::internal {
namespace json = boost::json;

int RubricIndex(std::string_view id) {
  for (size_t i = 0; i < kRubricSize; ++i) {
    if (kRubric[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

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
  std::string kind;      // "criterion", "lexicon", "topics" or "hints"
  std::string identity;  // "fr/criterion/apology", "fr/lexicon/negation", ...
  Lang lang = Lang::kFr;
};

absl::Status ParseOne(const PackSource& source, ParsedPack* out) {
  out->name = source.name;
  out->src = source.json;
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
  std::string lang;
  TACT_RETURN_IF_ERROR(GetString(r, *obj, "lang", true, &lang));
  if (lang != "fr" && lang != "en") {
    PackReader::Step step(&r, "lang");
    return r.Error(absl::StrCat("unknown language '", lang, "' (expected fr or en)"));
  }
  out->lang = lang == "en" ? Lang::kEn : Lang::kFr;
  std::string what;
  for (std::string_view kind : {"criterion", "lexicon"}) {
    if (obj->contains(json::string_view(kind.data(), kind.size()))) {
      TACT_RETURN_IF_ERROR(GetString(r, *obj, kind, true, &what));
      out->kind = std::string(kind);
      out->identity = absl::StrCat(lang, "/", Sv(kind), "/", what);
      return absl::OkStatus();
    }
  }
  for (std::string_view kind : {"topics", "hints", "messages"}) {
    if (obj->contains(json::string_view(kind.data(), kind.size()))) {
      out->kind = kind == "topics" ? "topics" : "hints";
      out->identity = absl::StrCat(lang, "/", out->kind);
      return absl::OkStatus();
    }
  }
  return r.Error("a pack needs one of the fields criterion, lexicon, topics, hints or messages");
}

class Compiler {
 public:
  Compiler(RuleSet* set, bool builtin_without_examples)
      : set_(set), builtin_without_examples_(builtin_without_examples) {}

  absl::Status Lexicon(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "lexicon", "description", "entries"}));
    std::string name;
    TACT_RETURN_IF_ERROR(GetString(r, obj, "lexicon", true, &name));
    std::vector<std::string> entries;
    TACT_RETURN_IF_ERROR(GetStringList(r, obj, "entries", true, &entries));
    LangRules& lr = Lang(pack);
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
    LangRules& lr = Lang(pack);
    for (size_t i = 0; i < topics->size(); ++i) {
      PackReader::Step item(&r, absl::StrCat(i));
      const json::object* t = (*topics)[i].if_object();
      if (t == nullptr) return r.Error("expected an object {id, label, terms}");
      TACT_RETURN_IF_ERROR(CheckKeys(r, *t, {"id", "label", "terms"}));
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
      lr.topics.push_back(std::move(topic));
    }
    return absl::OkStatus();
  }

  absl::Status Hints(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "description", "hints", "messages"}));
    LangRules& lr = Lang(pack);
    if (const json::value* messages = obj.if_contains("messages")) {
      PackReader::Step step(&r, "messages");
      const json::object* m = messages->if_object();
      if (m == nullptr) return r.Error("expected an object keyed by rule id");
      for (const auto& member : *m) {
        const std::string key(member.key().data(), member.key().size());
        PackReader::Step item(&r, key);
        const json::object* msg = member.value().if_object();
        if (msg == nullptr) return r.Error("expected an object {message, suggestion}");
        TACT_RETURN_IF_ERROR(CheckKeys(r, *msg, {"message", "suggestion"}));
        auto& [message, suggestion] = lr.messages[key];
        TACT_RETURN_IF_ERROR(GetString(r, *msg, "message", true, &message));
        TACT_RETURN_IF_ERROR(GetString(r, *msg, "suggestion", false, &suggestion));
      }
    }
    if (!obj.contains("hints")) return absl::OkStatus();
    PackReader::Step step(&r, "hints");
    const json::object* hints = obj.at("hints").if_object();
    if (hints == nullptr) return r.Error("expected an object keyed by criterion id");
    for (const auto& member : *hints) {
      const std::string key(member.key().data(), member.key().size());
      PackReader::Step item(&r, key);
      const int index = RubricIndex(key);
      if (index < 0) return r.Error(absl::StrCat("unknown criterion '", key, "'"));
      const json::object* h = member.value().if_object();
      if (h == nullptr)
        return r.Error("expected an object {missing, partial, example, example_topic}");
      TACT_RETURN_IF_ERROR(CheckKeys(r, *h, {"missing", "partial", "example", "example_topic"}));
      Hint& hint = lr.hints[index];
      TACT_RETURN_IF_ERROR(GetString(r, *h, "missing", false, &hint.missing));
      TACT_RETURN_IF_ERROR(GetString(r, *h, "partial", false, &hint.partial));
      TACT_RETURN_IF_ERROR(GetString(r, *h, "example", false, &hint.example));
      TACT_RETURN_IF_ERROR(GetString(r, *h, "example_topic", false, &hint.example_topic));
    }
    return absl::OkStatus();
  }

  absl::Status RulePack(const ParsedPack& pack) {
    PackReader r(pack.name, pack.src);
    const json::object& obj = pack.root.get_object();
    TACT_RETURN_IF_ERROR(CheckKeys(r, obj, {"lang", "criterion", "description", "rules"}));
    std::string criterion;
    TACT_RETURN_IF_ERROR(GetString(r, obj, "criterion", true, &criterion));
    const int index = RubricIndex(criterion);
    if (index < 0) {
      PackReader::Step step(&r, "criterion");
      return r.Error(absl::StrCat("unknown criterion '", criterion, "'"));
    }
    LangRules& lr = Lang(pack);
    lr.has_pack[index] = true;
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
  LangRules& Lang(const ParsedPack& pack) { return pack.lang == Lang::kEn ? set_->en : set_->fr; }

  static Matcher::LexiconLookup NoLexicons() {
    return [](std::string_view) -> const std::vector<std::string>* { return nullptr; };
  }

  absl::Status AddPhrases(PackReader& r, LangRules& lr, std::string_view key,
                          const std::vector<std::string>& phrases, int group) {
    const auto lookup = [&lr](std::string_view name) -> const std::vector<std::string>* {
      auto it = lr.lexicons.find(std::string(name));
      return it == lr.lexicons.end() ? nullptr : &it->second;
    };
    PackReader::Step step(&r, std::string(key));
    for (size_t i = 0; i < phrases.size(); ++i) {
      PackReader::Step item(&r, absl::StrCat(i));
      std::string error = lr.matcher.Add(phrases[i], group, lookup);
      if (!error.empty()) return r.Error(error);
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

  absl::Status OneRule(PackReader& r, const ParsedPack& pack, LangRules& lr, int criterion,
                       const json::value& value) {
    const json::object* obj = value.if_object();
    if (obj == nullptr) return r.Error("expected a rule object");
    TACT_RETURN_IF_ERROR(CheckKeys(r, *obj,
                                   {"id", "kind", "phrases", "unless", "then", "within", "review",
                                    "reply", "effect", "severity", "negatable", "in_quotes",
                                    "message", "suggestion", "examples", "description"}));
    Rule rule;
    rule.pack = pack.name;
    rule.criterion = criterion;
    const RubricEntry& entry = kRubric[criterion];
    rule.severity = entry.violation ? entry.severity : Severity::kHint;
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "id", true, &rule.id));
    {
      PackReader::Step step(&r, "id");
      const std::string prefix =
          absl::StrCat(pack.lang == Lang::kEn ? "en" : "fr", ".", Sv(entry.id), ".");
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
    } else if (kind != "phrase") {
      PackReader::Step step(&r, "kind");
      return r.Error(
          absl::StrCat("unknown kind '", kind, "' (expected phrase, sequence or refusal)"));
    }
    const auto group_of = [&](std::string_view key, bool required, int* group) -> absl::Status {
      std::vector<std::string> phrases;
      TACT_RETURN_IF_ERROR(GetStringList(r, *obj, key, required, &phrases));
      if (phrases.empty()) return absl::OkStatus();
      *group = lr.matcher.NewGroup();
      return AddPhrases(r, lr, key, phrases, *group);
    };
    if (rule.kind == RuleKind::kRefusal) {
      TACT_RETURN_IF_ERROR(group_of("review", true, &rule.review));
      TACT_RETURN_IF_ERROR(group_of("reply", true, &rule.phrases));
    } else {
      TACT_RETURN_IF_ERROR(group_of("phrases", true, &rule.phrases));
      for (std::string_view key : {"review", "reply"}) {
        if (obj->contains(json::string_view(key.data(), key.size()))) {
          PackReader::Step step(&r, std::string(key));
          return r.Error("only refusal rules have review/reply phrases");
        }
      }
    }
    TACT_RETURN_IF_ERROR(group_of("unless", false, &rule.unless));
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
      if (severity == "hint") {
        rule.severity = Severity::kHint;
      } else if (severity == "warning") {
        rule.severity = Severity::kWarning;
      } else if (severity == "problem") {
        rule.severity = Severity::kProblem;
      } else {
        return r.Error(
            absl::StrCat("unknown severity '", severity, "' (expected hint, warning or problem)"));
      }
    }
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "negatable", &rule.negatable));
    TACT_RETURN_IF_ERROR(GetBool(r, *obj, "in_quotes", &rule.in_quotes));
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "message", true, &rule.message));
    TACT_RETURN_IF_ERROR(GetString(r, *obj, "suggestion", false, &rule.suggestion));

    const json::value* examples = obj->if_contains("examples");
    if (examples == nullptr && builtin_without_examples_ && pack.name.rfind("builtin:", 0) == 0) {
      lr.rules.push_back(std::move(rule));
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
        TACT_RETURN_IF_ERROR(
            ParseExample(r, (*a)[i], should_match, rule.kind == RuleKind::kRefusal, &ex));
        rule.examples.push_back(std::move(ex));
      }
    }
    lr.rules.push_back(std::move(rule));
    return absl::OkStatus();
  }

  RuleSet* set_;
  bool builtin_without_examples_;
  absl::flat_hash_map<std::string, std::string> ids_;  // rule id -> pack
};

}  // namespace

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

absl::StatusOr<std::shared_ptr<const RuleSet>> LoadRuleSet(std::span<const PackSource> packs,
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
  auto set = std::make_shared<RuleSet>();
  Compiler compiler(set.get(), builtin_without_examples);
  // Lexicons first: rules refer to them.
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
  return std::shared_ptr<const RuleSet>(std::move(set));
}

}  // namespace tact::internal
