// Request parsing: one JSON request line -> a request (ParseRequest) or a report line
// (ScoreJson), for the CLI, the insights and wasm.
#include "absl/strings/str_cat.h"
#include "boost/json.hpp"
#include "tact/tact.h"
#include "text.h"

namespace tact {

namespace json = boost::json;

namespace {

// A request's fields as views into the parsed JSON value.
struct RequestView {
  std::string id_json;
  std::string_view review;
  std::string_view reply;
  std::string_view author;
  std::string_view lang;
  std::string_view date;
  int rating = 0;
  std::vector<std::string_view> business;
};

// Parses `request_json` into *value and *out (views into *value). On error, returns the message
// (which may quote the request, so it is made valid UTF-8 by the caller); out->id_json is set
// as soon as the id is read.
std::string Parse(std::string_view request_json, json::value* value, RequestView* out) {
  json::parse_options options;
  options.allow_invalid_utf8 = true;  // repaired and flagged by the scorer, not rejected
  options.max_depth = 16;
  boost::system::error_code ec;
  *value = json::parse(json::string_view(request_json.data(), request_json.size()), ec,
                       json::storage_ptr(), options);
  if (ec) return absl::StrCat("not valid JSON (", ec.message(), ")");
  const json::object* obj = value->if_object();
  if (obj == nullptr) return "expected a JSON object";

  if (const json::value* id = obj->if_contains("id")) {
    if (const json::string* s = id->if_string()) {
      AppendJsonString(internal::SanitizeUtf8(std::string_view(s->data(), s->size())),
                       &out->id_json);
    } else if (const int64_t* i = id->if_int64()) {
      out->id_json = absl::StrCat(*i);
    } else if (const uint64_t* u = id->if_uint64()) {
      out->id_json = absl::StrCat(*u);
    } else if (!id->is_null()) {
      return "\"id\" must be a string or an integer";
    }
  }
  const auto text_field = [&](const char* key, std::string_view* field) -> bool {
    const json::value* v = obj->if_contains(key);
    if (v == nullptr || v->is_null()) return true;
    const json::string* s = v->if_string();
    if (s == nullptr) return false;
    *field = std::string_view(s->data(), s->size());
    return true;
  };
  if (!obj->contains("reply") || obj->at("reply").is_null()) return "missing \"reply\"";
  if (!text_field("reply", &out->reply)) return "\"reply\" must be a string";
  if (!text_field("review", &out->review)) return "\"review\" must be a string";
  if (!text_field("author", &out->author)) return "\"author\" must be a string";
  if (!text_field("lang", &out->lang)) return "\"lang\" must be a string";
  if (!text_field("date", &out->date)) out->date = {};  // only the insights read it
  if (const json::value* rating = obj->if_contains("rating"); rating && !rating->is_null()) {
    const int64_t* r = rating->if_int64();
    const double* d = rating->if_double();
    const double v = r != nullptr ? static_cast<double>(*r) : d != nullptr ? *d : -1;
    if (v < 1 || v > 5) return "\"rating\" must be a number from 1 to 5";
    out->rating = static_cast<int>(v);
  }
  if (const json::value* business = obj->if_contains("business");
      business && !business->is_null()) {
    if (const json::string* s = business->if_string()) {
      out->business.emplace_back(s->data(), s->size());
    } else if (const json::array* a = business->if_array()) {
      for (const json::value& item : *a) {
        const json::string* name = item.if_string();
        if (name == nullptr) return "\"business\" must be a string or a list of strings";
        out->business.emplace_back(name->data(), name->size());
      }
    } else {
      return "\"business\" must be a string or a list of strings";
    }
  }
  return "";
}

}  // namespace

absl::Status ParseRequest(std::string_view json, Request* request) {
  json::value value;
  RequestView view;
  std::string error = Parse(json, &value, &view);
  request->id_json = std::move(view.id_json);
  if (!error.empty()) return absl::InvalidArgumentError(internal::SanitizeUtf8(error));
  request->review.assign(view.review);
  request->reply.assign(view.reply);
  request->author.assign(view.author);
  request->lang.assign(view.lang);
  request->date.assign(view.date);
  request->rating = view.rating;
  request->business.assign(view.business.begin(), view.business.end());
  return absl::OkStatus();
}

absl::StatusOr<Report> ScoreRequest(const Scorer& scorer, const Request& request,
                                    std::string_view default_lang) {
  ScoreOptions options;
  options.lang = request.lang.empty() ? default_lang : std::string_view(request.lang);
  options.author = request.author;
  options.rating = request.rating;
  options.business.assign(request.business.begin(), request.business.end());
  return scorer.Score(request.review, request.reply, options);
}

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
  json::value value;
  RequestView request;
  if (std::string problem = Parse(request_json, &value, &request); !problem.empty()) {
    return fail(request.id_json, std::move(problem));
  }
  ScoreOptions options;
  options.lang = request.lang.empty() ? default_lang : request.lang;
  options.author = request.author;
  options.rating = request.rating;
  options.business = std::move(request.business);
  absl::StatusOr<Report> report = scorer.Score(request.review, request.reply, options);
  if (!report.ok()) return fail(request.id_json, std::string(report.status().message()));
  if (ok != nullptr) *ok = true;
  return ToJson(*report, request.id_json);
}

}  // namespace tact
