#include "tact_report_wasm.h"

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "boost/json.hpp"
#include "tact/tact.h"

namespace {

namespace json = boost::json;

std::string& LastError() {
  static std::string* error = new std::string();
  return *error;
}

// The built-in packs, loaded once for every report of the page.
const tact::Scorer* BuiltinScorer() {
  static const tact::Scorer* scorer = []() -> const tact::Scorer* {
    absl::StatusOr<tact::Scorer> s = tact::Scorer::Builtin();
    if (!s.ok()) {
      LastError() = std::string(s.status().message());
      return nullptr;
    }
    return new tact::Scorer(std::move(*s));
  }();
  return scorer;
}

struct Report {
  const tact::Scorer* scorer;
  tact::RecordReader reader;
  tact::Insights insights;
  std::string lang;
  std::vector<tact::Record> records;
  std::string result;
  bool failed = false;

  void Take() {
    for (tact::Record& r : records) {
      if (!r.error.empty()) {
        insights.AddError(r.line, r.error);
        continue;
      }
      tact::Request request;
      if (r.is_json) {
        if (absl::Status s = tact::ParseRequest(r.json, &request); !s.ok()) {
          insights.AddError(r.line, std::string(s.message()));
          continue;
        }
      } else {
        request = std::move(r.request);
      }
      absl::StatusOr<tact::Report> report = tact::ScoreRequest(*scorer, request, lang);
      if (report.ok()) {
        insights.Add(r.line, request, *report);
      } else {
        insights.AddError(r.line, std::string(report.status().message()));
      }
    }
    records.clear();
  }
};

Report* FromHandle(uint32_t handle) {
  return reinterpret_cast<Report*>(static_cast<uintptr_t>(handle));
}

// Reads the options object into *options and *lang; false with LastError() set on a bad one.
bool ReadOptions(std::string_view text, tact::RecordOptions* options, std::string* lang) {
  *lang = "auto";
  if (text.empty()) return true;
  boost::system::error_code ec;
  json::value value = json::parse(json::string_view(text.data(), text.size()), ec);
  const json::object* obj = ec ? nullptr : value.if_object();
  if (obj == nullptr) {
    LastError() = "the report options are not a JSON object";
    return false;
  }
  const auto string_of = [&](const char* key, std::string* out) {
    const json::value* v = obj->if_contains(key);
    if (v == nullptr || v->is_null()) return true;
    const json::string* s = v->if_string();
    if (s == nullptr) {
      LastError() = std::string("report option \"") + key + "\" must be a string";
      return false;
    }
    out->assign(s->data(), s->size());
    return true;
  };
  std::string sep;
  if (!string_of("format", &options->format) || !string_of("sep", &sep) ||
      !string_of("lang", lang)) {
    return false;
  }
  if (sep == ";" || sep == "," || sep == "\t") {
    options->separator = sep[0];
  } else if (!sep.empty() && sep != "auto") {
    LastError() = "report option \"sep\" must be auto, ';', ',' or a tab";
    return false;
  }
  if (const json::value* map = obj->if_contains("map"); map != nullptr && !map->is_null()) {
    const json::object* m = map->if_object();
    if (m == nullptr) {
      LastError() = "report option \"map\" must be an object";
      return false;
    }
    for (const auto& [field, column] : *m) {
      const json::string* c = column.if_string();
      if (c == nullptr) {
        LastError() = "report option \"map\" must map fields to column names";
        return false;
      }
      if (c->empty()) continue;  // a field the user left blank
      options->columns.emplace_back(std::string(field.data(), field.size()),
                                    std::string(c->data(), c->size()));
    }
  }
  if (lang->empty()) *lang = "auto";
  return true;
}

}  // namespace

extern "C" {

void* tact_malloc(size_t n) { return std::malloc(n == 0 ? 1 : n); }

void tact_free(void* p) { std::free(p); }

uint32_t tact_report_new(const char* options_json, uint32_t len) {
  const tact::Scorer* scorer = BuiltinScorer();
  if (scorer == nullptr) return 0;
  tact::RecordOptions options;
  std::string lang;
  if (!ReadOptions(std::string_view(options_json == nullptr ? "" : options_json,
                                    options_json == nullptr ? 0 : len),
                   &options, &lang)) {
    return 0;
  }
  if (lang != "auto") {
    bool known = false;
    for (const std::string& l : scorer->Languages()) known = known || l == lang;
    if (!known) {
      LastError() = "unknown language '" + lang + "'";
      return 0;
    }
  }
  absl::StatusOr<tact::RecordReader> reader = tact::RecordReader::Create(std::move(options));
  if (!reader.ok()) {
    LastError() = std::string(reader.status().message());
    return 0;
  }
  auto* report = new Report{scorer, std::move(*reader), tact::Insights(*scorer), lang, {}, {}};
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(report));
}

uint32_t tact_report_feed(uint32_t handle, const uint8_t* bytes, uint32_t len) {
  Report* report = FromHandle(handle);
  if (report == nullptr || report->failed) return UINT32_MAX;
  const absl::Status status = report->reader.Feed(
      std::string_view(reinterpret_cast<const char*>(bytes), bytes == nullptr ? 0 : len),
      &report->records);
  report->Take();
  if (!status.ok()) {
    report->failed = true;
    LastError() = std::string(status.message());
    return UINT32_MAX;
  }
  return static_cast<uint32_t>(report->insights.rows());
}

const char* tact_report_finish(uint32_t handle) {
  Report* report = FromHandle(handle);
  if (report == nullptr || report->failed) return nullptr;
  const absl::Status status = report->reader.Finish(&report->records);
  report->Take();
  if (!status.ok()) {
    report->failed = true;
    LastError() = std::string(status.message());
    return nullptr;
  }
  report->result = report->insights.ToJson();
  return report->result.c_str();
}

void tact_report_free(uint32_t handle) { delete FromHandle(handle); }

const char* tact_report_error(void) { return LastError().c_str(); }

}  // extern "C"
