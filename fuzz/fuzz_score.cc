// Scoring on arbitrary bytes. The input is split at NUL bytes into
//   review \0 reply \0 author \0 lang \0 rating \0 business
// (missing fields are empty). `rating`'s first byte gives the rating (0-5), its second, when
// present, a small per-field byte limit (truncation). `business` holds names split at '\n'.
// Properties: Score fails only for an unknown language; every report is well formed.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string_view> f = fuzz::Fields(in, '\0', 6);
  ScoreOptions options;
  options.author = f[2];
  options.lang = f[3];
  if (!f[4].empty()) options.rating = static_cast<unsigned char>(f[4][0]) % 6;
  if (f[4].size() > 1) options.max_input_bytes = static_cast<unsigned char>(f[4][1]);
  std::string_view business = f[5];
  while (!business.empty()) {
    const size_t at = business.find('\n');
    options.business.push_back(business.substr(0, at));
    if (at == std::string_view::npos) break;
    business.remove_prefix(at + 1);
  }
  const absl::StatusOr<Report> r = fuzz::Builtin().Score(f[0], f[1], options);
  const bool known = f[3].empty() || f[3] == "auto" || f[3] == "fr" || f[3] == "en";
  TACT_FUZZ_CHECK(r.ok() == known, r.ok() ? std::string(f[3]) : r.status().ToString());
  if (r.ok()) fuzz::CheckReport(*r, f[1], options.max_input_bytes);
  return 0;
}
