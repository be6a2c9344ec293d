// The one output schema (spec §6), shared by the CLI and the wasm build.
#include "absl/strings/str_cat.h"
#include "boost/json.hpp"
#include "tact/tact.h"
#include "text.h"

namespace tact {
namespace {

namespace json = boost::json;

void AppendKey(std::string_view key, std::string* out) {
  AppendJsonString(key, out);
  out->push_back(':');
}

std::string ErrorJson(std::string_view id_json, std::string_view error) {
  std::string out = "{";
  if (!id_json.empty())
    absl::StrAppend(&out, "\"id\":", absl::string_view(id_json.data(), id_json.size()), ",");
  AppendKey("error", &out);
  AppendJsonString(error, &out);
  out.push_back('}');
  return out;
}

}  // namespace

// By hand: boost::json::serialize would link Boost.JSON's serializer into the wasm for this.
void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 0xf]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

std::string_view LangName(Lang lang) {
  switch (lang) {
    case Lang::kFr:
      return "fr";
    case Lang::kEn:
      return "en";
    case Lang::kAuto:
      return "auto";
  }
  return "auto";
}

std::string_view StatusName(Status status) {
  switch (status) {
    case Status::kMet:
      return "met";
    case Status::kPartial:
      return "partial";
    case Status::kMissing:
      return "missing";
    case Status::kViolated:
      return "violated";
    case Status::kSkipped:
      return "skipped";
  }
  return "missing";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kHint:
      return "hint";
    case Severity::kWarning:
      return "warning";
    case Severity::kProblem:
      return "problem";
  }
  return "hint";
}

std::string_view Version() { return "0.1.0"; }

std::string ToJson(const Report& report, std::string_view id_json) {
  std::string out;
  out.reserve(512 + report.findings.size() * 256);
  out.push_back('{');
  if (!id_json.empty()) {
    AppendKey("id", &out);
    out.append(id_json);
    out.push_back(',');
  }
  absl::StrAppend(&out, "\"score\":", report.score, ",\"band\":");
  AppendJsonString(report.band, &out);
  out.append(",\"lang\":");
  AppendJsonString(LangName(report.lang), &out);
  out.append(",\"criteria\":[");
  for (size_t i = 0; i < report.criteria.size(); ++i) {
    const CriterionResult& c = report.criteria[i];
    if (i > 0) out.push_back(',');
    out.append("{\"id\":");
    AppendJsonString(c.id, &out);
    absl::StrAppend(&out, ",\"weight\":", c.weight, ",\"status\":");
    AppendJsonString(StatusName(c.status), &out);
    out.push_back('}');
  }
  out.append("],\"findings\":[");
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    if (i > 0) out.push_back(',');
    out.append("{\"rule\":");
    AppendJsonString(f.rule, &out);
    out.append(",\"criterion\":");
    AppendJsonString(f.criterion, &out);
    out.append(",\"severity\":");
    AppendJsonString(SeverityName(f.severity), &out);
    out.append(",\"field\":");
    AppendJsonString(f.field == Field::kReview ? "review" : "reply", &out);
    if (f.has_span) {
      absl::StrAppend(&out, ",\"begin\":", f.span.begin, ",\"end\":", f.span.end,
                      ",\"begin16\":", f.span.begin16, ",\"end16\":", f.span.end16);
    }
    out.append(",\"message\":");
    AppendJsonString(f.message, &out);
    if (!f.suggestion.empty()) {
      out.append(",\"suggestion\":");
      AppendJsonString(f.suggestion, &out);
    }
    out.push_back('}');
  }
  out.append("],\"review\":{\"topics\":[");
  for (size_t i = 0; i < report.review_topics.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(report.review_topics[i], &out);
  }
  absl::StrAppend(&out, "],\"refusal\":", report.review_refusal ? "true" : "false",
                  "},\"flags\":[");
  bool first = true;
  for (const auto& [bit, name] :
       {std::pair{kFlagTruncated, "truncated"}, std::pair{kFlagInvalidUtf8, "invalid_utf8"},
        std::pair{kFlagLangGuessed, "lang_guessed"}}) {
    if ((report.flags & bit) == 0) continue;
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(name, &out);
  }
  out.append("]}");
  return out;
}

std::string ScoreJson(const Scorer& scorer, std::string_view request_json, bool* ok,
                      std::string* error, Lang default_lang) {
  const auto fail = [&](std::string_view id_json, std::string message) {
    if (ok != nullptr) *ok = false;
    std::string out = ErrorJson(id_json, message);
    if (error != nullptr) *error = std::move(message);
    return out;
  };
  json::parse_options options;
  options.allow_invalid_utf8 = true;  // repaired and flagged by the scorer, not rejected
  options.max_depth = 16;
  boost::system::error_code ec;
  json::value value = json::parse(json::string_view(request_json.data(), request_json.size()), ec,
                                  json::storage_ptr(), options);
  if (ec) return fail("", absl::StrCat("not valid JSON (", ec.message(), ")"));
  const json::object* obj = value.if_object();
  if (obj == nullptr) return fail("", "expected a JSON object");

  std::string id_json;
  if (const json::value* id = obj->if_contains("id")) {
    if (const json::string* s = id->if_string()) {
      AppendJsonString(internal::SanitizeUtf8(std::string_view(s->data(), s->size())), &id_json);
    } else if (const int64_t* i = id->if_int64()) {
      id_json = absl::StrCat(*i);
    } else if (const uint64_t* u = id->if_uint64()) {
      id_json = absl::StrCat(*u);
    } else if (!id->is_null()) {
      return fail("", "\"id\" must be a string or an integer");
    }
  }
  const auto text_field = [&](const char* key, bool required, std::string_view* out) -> bool {
    const json::value* v = obj->if_contains(key);
    if (v == nullptr || v->is_null()) return !required;
    const json::string* s = v->if_string();
    if (s == nullptr) return false;
    *out = std::string_view(s->data(), s->size());
    return true;
  };
  std::string_view reply;
  std::string_view review;
  ScoreOptions score_options;
  score_options.lang = default_lang;
  if (!obj->contains("reply") || obj->at("reply").is_null()) {
    return fail(id_json, "missing \"reply\"");
  }
  if (!text_field("reply", true, &reply)) return fail(id_json, "\"reply\" must be a string");
  if (!text_field("review", false, &review)) return fail(id_json, "\"review\" must be a string");
  if (!text_field("author", false, &score_options.author)) {
    return fail(id_json, "\"author\" must be a string");
  }
  std::string_view lang;
  if (!text_field("lang", false, &lang)) return fail(id_json, "\"lang\" must be a string");
  if (lang == "fr") {
    score_options.lang = Lang::kFr;
  } else if (lang == "en") {
    score_options.lang = Lang::kEn;
  } else if (lang == "auto") {
    score_options.lang = Lang::kAuto;
  } else if (!lang.empty()) {
    return fail(id_json, "\"lang\" must be \"fr\", \"en\" or \"auto\"");
  }
  if (const json::value* rating = obj->if_contains("rating"); rating && !rating->is_null()) {
    const int64_t* r = rating->if_int64();
    const double* d = rating->if_double();
    const double v = r != nullptr ? static_cast<double>(*r) : d != nullptr ? *d : -1;
    if (v < 1 || v > 5) return fail(id_json, "\"rating\" must be a number from 1 to 5");
    score_options.rating = static_cast<int>(v);
  }
  if (const json::value* business = obj->if_contains("business");
      business && !business->is_null()) {
    if (const json::string* s = business->if_string()) {
      score_options.business.emplace_back(s->data(), s->size());
    } else if (const json::array* a = business->if_array()) {
      for (const json::value& item : *a) {
        const json::string* name = item.if_string();
        if (name == nullptr) {
          return fail(id_json, "\"business\" must be a string or a list of strings");
        }
        score_options.business.emplace_back(name->data(), name->size());
      }
    } else {
      return fail(id_json, "\"business\" must be a string or a list of strings");
    }
  }
  if (ok != nullptr) *ok = true;
  return ToJson(scorer.Score(review, reply, score_options), id_json);
}

}  // namespace tact
