// Streaming JSONL scoring for the CLI: reads lines, scores them on a pool of threads and writes
// one output line per input line, in input order, with bounded memory.
#ifndef TACT_NATIVE_BATCH_H_
#define TACT_NATIVE_BATCH_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "tact/tact.h"

namespace tact::cli {

// A longer input line (without its line ending) is rejected, not read into memory.
inline constexpr size_t kDefaultMaxLineBytes = size_t{4} << 20;

struct BatchOptions {
  int threads = 1;
  std::string lang = "auto";  ///< used when a line has no "lang"
  bool progress = false;      ///< a progress line on `err`
  size_t max_line_bytes = kDefaultMaxLineBytes;
};

struct BatchStats {
  uint64_t lines = 0;
  uint64_t rejected = 0;
  uint64_t bytes = 0;
  bool output_failed = false;  ///< `out` failed (e.g. a closed pipe): reading stopped there
  int output_errno = 0;        ///< errno right after the failed write
};

// Scores every line of `in` to `out`. A malformed line, or one longer than max_line_bytes, gets
// {"line":N,"error":"..."} on `out` and "tact: line N: ..." on `err`; every other line is
// scored. Lines end at '\n'; a '\r' before it and a UTF-8 byte order mark at the start of a line
// are dropped. Stops reading as soon as `out` fails.
BatchStats ScoreStream(const Scorer& scorer, std::istream& in, std::ostream& out, std::ostream& err,
                       const BatchOptions& options);

}  // namespace tact::cli

#endif  // TACT_NATIVE_BATCH_H_
