// Request parsing: one JSON request line -> a report line (ScoreJson), for the CLI and wasm.
#include "absl/strings/str_cat.h"
#include "boost/json.hpp"
#include "tact/tact.h"
#include "text.h"

namespace tact {

namespace json = boost::json;

std::string ScoreJson(const Scorer& scorer, std::string_view request_json, bool* ok,
                      std::string* error, std::string_view default_lang) {
  const auto fail = [&](std::string_view id_json, std::string message) {
    if (ok != nullptr) *ok = false;
    // The message may quote the request (an unknown "lang"), whose bytes need not be UTF-8.
    message = internal::SanitizeUtf8(message);
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
  if (!lang.empty()) score_options.lang = lang;
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
  absl::StatusOr<Report> report = scorer.Score(review, reply, score_options);
  if (!report.ok()) return fail(id_json, std::string(report.status().message()));
  if (ok != nullptr) *ok = true;
  return ToJson(*report, id_json);
}

}  // namespace tact
