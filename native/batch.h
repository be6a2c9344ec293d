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

struct BatchOptions {
  int threads = 1;
  std::string lang = "auto";  ///< used when a line has no "lang"
  bool progress = false;      ///< a progress line on `err`
};

struct BatchStats {
  uint64_t lines = 0;
  uint64_t rejected = 0;
  uint64_t bytes = 0;
};

// Scores every line of `in` to `out`. A malformed line gets {"line":N,"error":"..."} on `out`
// and "tact: line N: ..." on `err`; every other line is scored.
BatchStats ScoreStream(const Scorer& scorer, std::istream& in, std::ostream& out, std::ostream& err,
                       const BatchOptions& options);

}  // namespace tact::cli

#endif  // TACT_NATIVE_BATCH_H_
