// The CLI's JSONL handling on arbitrary bytes: tact::ScoreJson on every line, and the CLI's
// stream (tact::cli::ScoreStream, one thread, a small line limit) on the whole input.
// Properties: one output line per input line, in order; each a JSON object; a rejected line names
// its number; every other line is exactly ScoreJson's answer for it.
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "batch.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  constexpr size_t kMaxLine = 2048;
  std::vector<std::string_view> lines;
  // An input that is a byte order mark and nothing else is empty: no line.
  for (size_t at = in == "\xEF\xBB\xBF" ? in.size() : 0; at < in.size();) {
    size_t end = in.find('\n', at);
    if (end == std::string_view::npos) end = in.size();
    lines.push_back(in.substr(at, end - at));
    at = end + 1;
  }
  std::istringstream input{std::string(in)};
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchOptions options;
  options.max_line_bytes = kMaxLine;
  // JSONL, as `tact score FILE.jsonl` reads it: "auto" would read an input that does not start
  // with '{' as CSV (a CSV target covers that: fuzz_records).
  options.records.format = "jsonl";
  const cli::BatchStats stats = cli::ScoreStream(fuzz::Builtin(), input, out, err, options);
  TACT_FUZZ_CHECK(stats.lines == lines.size() && stats.bytes == size && !stats.output_failed,
                  std::to_string(stats.lines));
  const std::string output = out.str();
  std::string_view rest = output;
  uint64_t rejected = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t nl = rest.find('\n');
    TACT_FUZZ_CHECK(nl != std::string_view::npos, output);
    const std::string_view got = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    fuzz::CheckJsonLine(got);
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const bool too_long = line.size() > kMaxLine;  // the limit counts a byte order mark
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    const std::string prefix = "{\"line\":" + std::to_string(i + 1) + ",";
    if (too_long || line.find_first_not_of(" \t") == std::string_view::npos) {
      TACT_FUZZ_CHECK(got.substr(0, prefix.size()) == prefix, got);
      ++rejected;
      continue;
    }
    bool ok = false;
    std::string error;
    std::string expected = ScoreJson(fuzz::Builtin(), line, &ok, &error);
    fuzz::CheckJsonLine(expected);
    if (ok) {
      TACT_FUZZ_CHECK(expected.find("\"score\":") != std::string::npos, expected);
    } else {
      TACT_FUZZ_CHECK(!error.empty() && expected.find("\"error\":") != std::string::npos, expected);
      expected.insert(1, prefix.substr(1));
      ++rejected;
    }
    TACT_FUZZ_CHECK(got == expected, std::string(got) + "\n" + expected);
  }
  TACT_FUZZ_CHECK(rest.empty() && stats.rejected == rejected, output);
  return 0;
}
