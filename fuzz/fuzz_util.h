// Shared by the libFuzzer targets: the built-in scorer, loaded once, and the properties every
// report must have whatever the input. A broken property aborts with a message, which libFuzzer
// reports as a crash and saves the input.
#ifndef TACT_FUZZ_FUZZ_UTIL_H_
#define TACT_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "boost/json.hpp"
#include "tact/tact.h"

namespace tact::fuzz {

[[noreturn]] inline void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "tact fuzz: property broken: %s\n%.*s\n", what,
               static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
  std::abort();
}

#define TACT_FUZZ_CHECK(cond, detail)                 \
  do {                                                \
    if (!(cond)) ::tact::fuzz::Fail(#cond, (detail)); \
  } while (0)

inline const Scorer& Builtin() {
  static const Scorer* scorer = [] {
    absl::StatusOr<Scorer> s = Scorer::Builtin();
    if (!s.ok()) Fail("the built-in image loads", s.status().ToString());
    return new Scorer(*std::move(s));
  }();
  return *scorer;
}

// One line of valid JSON holding an object (the CLI's output contract).
inline void CheckJsonLine(std::string_view line) {
  TACT_FUZZ_CHECK(line.find('\n') == std::string_view::npos, line);
  boost::system::error_code ec;
  const boost::json::value v =
      boost::json::parse(boost::json::string_view(line.data(), line.size()), ec);
  TACT_FUZZ_CHECK(!ec, line);
  TACT_FUZZ_CHECK(v.is_object(), line);
}

// What every report promises (tact.h): a score in range, a band, the rubric's criteria, and
// spans inside the (possibly cut) reply, in UTF-8 bytes and UTF-16 units.
inline void CheckReport(const Report& r, std::string_view reply, uint32_t max_input_bytes) {
  const std::string json = ToJson(r);
  TACT_FUZZ_CHECK(r.score >= 0 && r.score <= 100, json);
  TACT_FUZZ_CHECK(!r.band.empty(), json);
  TACT_FUZZ_CHECK(!r.lang.empty(), json);
  TACT_FUZZ_CHECK(!r.criteria.empty(), json);
  const size_t limit = reply.size() < max_input_bytes ? reply.size() : max_input_bytes;
  for (const Finding& f : r.findings) {
    TACT_FUZZ_CHECK(!f.rule.empty() && !f.criterion.empty(), json);
    if (!f.has_span) continue;
    TACT_FUZZ_CHECK(f.span.begin <= f.span.end && f.span.end <= limit, json);
    TACT_FUZZ_CHECK(f.span.begin16 <= f.span.end16 && f.span.end16 <= limit, json);
    TACT_FUZZ_CHECK(f.span.end16 - f.span.begin16 <= f.span.end - f.span.begin, json);
    TACT_FUZZ_CHECK(f.span.begin16 <= f.span.begin, json);
  }
  CheckJsonLine(json);
}

// Splits `data` at `sep` into at most `n` fields (the last keeps the rest).
inline std::vector<std::string_view> Fields(std::string_view data, char sep, size_t n) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < n) {
    const size_t at = data.find(sep);
    if (at == std::string_view::npos) break;
    out.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  out.push_back(data);
  out.resize(n);
  return out;
}

}  // namespace tact::fuzz

#endif  // TACT_FUZZ_FUZZ_UTIL_H_
