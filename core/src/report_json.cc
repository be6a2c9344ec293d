// Report writing: the one output schema (spec §6), shared by the CLI and the wasm build.

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tact/tact.h"

namespace tact {
namespace {

// Whether one of the 8 bytes at `p` is below 0x20, '"' or '\\' (the tests of "Bit Twiddling
// Hacks": exact for "any byte", bytes from 0x80 up never count).
bool NeedsEscape8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr uint64_t kOnes = ~uint64_t{0} / 255;
  constexpr uint64_t kHigh = kOnes * 0x80;
  const auto zero_byte = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return (((x - kOnes * 0x20) & ~x & kHigh) | zero_byte(x ^ (kOnes * '"')) |
          zero_byte(x ^ (kOnes * '\\'))) != 0;
}

void AppendKey(std::string_view key, std::string* out) {
  AppendJsonString(key, out);
  out->push_back(':');
}

}  // namespace

std::string ErrorJson(std::string_view id_json, std::string_view error) {
  std::string out = "{";
  if (!id_json.empty())
    absl::StrAppend(&out, "\"id\":", absl::string_view(id_json.data(), id_json.size()), ",");
  AppendKey("error", &out);
  AppendJsonString(error, &out);
  out.push_back('}');
  return out;
}

// By hand: boost::json::serialize would link Boost.JSON's serializer into the wasm for this.
void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Runs that need no escape (nearly all of a message) are appended whole.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // Eight bytes at a time while none is a control character, '"' or '\\'.
    while (i + 8 <= text.size() && !NeedsEscape8(text.data() + i)) i += 8;
    if (i == text.size()) break;
    const char c = text[i];
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
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
        }
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
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
  AppendJsonString(report.lang, &out);
  if (!report.agent.empty()) {
    out.append(",\"agent\":");
    AppendJsonString(report.agent, &out);
  }
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
    out.append(",\"field\":\"reply\"");
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
  absl::StrAppend(&out, "],\"refusal\":", report.review_refusal ? "true" : "false");
  if (!report.polarity.empty()) {
    out.append(",\"polarity\":");
    AppendJsonString(report.polarity, &out);
  }
  out.append("},\"flags\":[");
  bool first = true;
  for (const auto& [bit, name] :
       {std::pair{kFlagTruncated, "truncated"}, std::pair{kFlagInvalidUtf8, "invalid_utf8"},
        std::pair{kFlagLangGuessed, "lang_guessed"},
        std::pair{kFlagLangUnsupported, "lang_unsupported"}}) {
    if ((report.flags & bit) == 0) continue;
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(name, &out);
  }
  out.append("]}");
  return out;
}

}  // namespace tact
