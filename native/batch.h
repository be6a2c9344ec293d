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
  RecordOptions records;  ///< the input format and, for CSV, the column map
  /// When set, every row is added to it in input order (`tact report`), and `out` gets no
  /// report lines.
  Insights* insights = nullptr;
};

struct BatchStats {
  uint64_t lines = 0;
  uint64_t rejected = 0;
  uint64_t bytes = 0;
  bool output_failed = false;  ///< `out` failed (e.g. a closed pipe): reading stopped there
  int output_errno = 0;        ///< errno right after the failed write
  bool input_failed = false;   ///< `in` could not be read
  std::string fatal;           ///< the input cannot be read as records (a CSV header), and why
};

// Scores every record of `in` (JSONL lines, or CSV records: options.records) to `out`, one line
// per record in input order. A malformed record, or one longer than max_line_bytes, gets
// {"line":N,"error":"..."} on `out` and "tact: line N: ..." on `err`; every other one is scored.
// JSONL lines end at '\n'; a '\r' before it and a UTF-8 byte order mark at the start of a line
// are dropped. Stops reading as soon as `out` fails. A CSV header without a reply column stops
// everything: `fatal` says why.
BatchStats ScoreStream(const Scorer& scorer, std::istream& in, std::ostream& out, std::ostream& err,
                       const BatchOptions& options);

}  // namespace tact::cli

#endif  // TACT_NATIVE_BATCH_H_
