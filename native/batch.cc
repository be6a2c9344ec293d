#include "batch.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tact::cli {
namespace {

constexpr size_t kBatchLines = 128;
constexpr size_t kBatchBytes = 1 << 20;

struct Batch {
  uint64_t first_line = 0;
  std::vector<std::string> lines;
  std::vector<uint8_t> too_long;  // per line: longer than max_line_bytes, content dropped
  std::vector<std::string> outputs;
  std::vector<std::string> errors;  // stderr messages
  uint64_t rejected = 0;
  bool done = false;
};

// Reads one line without its '\n' into *line, keeping at most `max` bytes of it (plus one, to
// tell a '\r' ending apart): the rest of a longer line is read and dropped, and *too_long set.
// False at the end of the input. *bytes counts every byte read.
bool ReadLine(std::streambuf* in, size_t max, std::string* line, bool* too_long, uint64_t* bytes) {
  line->clear();
  *too_long = false;
  int c = in->sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  for (; c != std::char_traits<char>::eof(); c = in->sbumpc()) {
    ++*bytes;
    if (c == '\n') break;
    if (line->size() <= max) {
      line->push_back(static_cast<char>(c));
    } else {
      *too_long = true;
    }
  }
  if (!line->empty() && line->back() == '\r') line->pop_back();
  if (line->size() > max) *too_long = true;
  if (*too_long) line->clear();
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (std::string_view(*line).substr(0, kBom.size()) == kBom) line->erase(0, kBom.size());
  return true;
}

void Process(const Scorer& scorer, std::string_view lang, size_t max_line_bytes, Batch* batch) {
  batch->outputs.resize(batch->lines.size());
  for (size_t i = 0; i < batch->lines.size(); ++i) {
    const uint64_t line_no = batch->first_line + i;
    std::string& line = batch->lines[i];
    bool ok = false;
    std::string error;
    std::string result;
    if (batch->too_long[i]) {
      error = "line longer than " + std::to_string(max_line_bytes) + " bytes (--max-line-bytes)";
      result = ErrorJson({}, error);
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      error = "empty line";
      result = "{\"error\":\"empty line\"}";
    } else {
      result = ScoreJson(scorer, line, &ok, &error, lang);
    }
    if (!ok) {
      // Name the line in the error object too, so it can be found in the input.
      result.insert(1, "\"line\":" + std::to_string(line_no) + ",");
      batch->errors.push_back("tact: line " + std::to_string(line_no) + ": " + error);
      ++batch->rejected;
    }
    batch->outputs[i] = std::move(result);
    std::string().swap(line);
  }
}

}  // namespace

BatchStats ScoreStream(const Scorer& scorer, std::istream& in, std::ostream& out, std::ostream& err,
                       const BatchOptions& options) {
  BatchStats stats;
  const int threads = options.threads < 1 ? 1 : options.threads;
  std::mutex mu;
  std::condition_variable work_ready;
  std::condition_variable batch_done;
  std::deque<std::shared_ptr<Batch>> pending;  // to score
  std::deque<std::shared_ptr<Batch>> order;    // to write, in input order
  bool closing = false;
  const size_t max_in_flight = static_cast<size_t>(threads) * 4;

  std::vector<std::thread> workers;
  if (threads > 1) {
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&]() {
        for (;;) {
          std::shared_ptr<Batch> batch;
          {
            std::unique_lock lock(mu);
            work_ready.wait(lock, [&]() { return closing || !pending.empty(); });
            if (pending.empty()) return;
            batch = pending.front();
            pending.pop_front();
          }
          Process(scorer, options.lang, options.max_line_bytes, batch.get());
          {
            std::lock_guard lock(mu);
            batch->done = true;
          }
          batch_done.notify_all();
        }
      });
    }
  }

  auto last_progress = std::chrono::steady_clock::now();
  const auto write_ready = [&](bool wait_all) {
    for (;;) {
      if (stats.output_failed) return;
      std::shared_ptr<Batch> batch;
      {
        std::unique_lock lock(mu);
        if (order.empty()) return;
        if (!order.front()->done) {
          if (!wait_all && order.size() < max_in_flight) return;
          batch_done.wait(lock, [&]() { return order.front()->done; });
        }
        batch = order.front();
        order.pop_front();
      }
      for (const std::string& e : batch->errors) err << e << '\n';
      for (const std::string& o : batch->outputs) out << o << '\n';
      stats.rejected += batch->rejected;
      if (!out && !stats.output_failed) {
        stats.output_failed = true;
        stats.output_errno = errno;
      }
      if (options.progress) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_progress > std::chrono::milliseconds(500)) {
          last_progress = now;
          err << "\rtact: " << batch->first_line + batch->lines.size() - 1 << " lines scored"
              << std::flush;
        }
      }
    }
  };
  const auto submit = [&](std::shared_ptr<Batch> batch) {
    if (threads == 1) {
      Process(scorer, options.lang, options.max_line_bytes, batch.get());
      batch->done = true;
      std::lock_guard lock(mu);
      order.push_back(std::move(batch));
    } else {
      {
        std::lock_guard lock(mu);
        order.push_back(batch);
        pending.push_back(std::move(batch));
      }
      work_ready.notify_one();
    }
    write_ready(false);
  };

  auto batch = std::make_shared<Batch>();
  batch->first_line = 1;
  size_t batch_bytes = 0;
  std::string line;
  bool too_long = false;
  while (!stats.output_failed &&
         ReadLine(in.rdbuf(), options.max_line_bytes, &line, &too_long, &stats.bytes)) {
    ++stats.lines;
    batch_bytes += line.size();
    batch->lines.push_back(std::move(line));
    batch->too_long.push_back(too_long ? 1 : 0);
    line.clear();
    if (batch->lines.size() >= kBatchLines || batch_bytes >= kBatchBytes) {
      const uint64_t next_first = batch->first_line + batch->lines.size();
      submit(std::move(batch));
      batch = std::make_shared<Batch>();
      batch->first_line = next_first;
      batch_bytes = 0;
    }
  }
  if (!batch->lines.empty() && !stats.output_failed) submit(std::move(batch));
  if (stats.output_failed) {
    // Nobody reads what is left: drop it (a worker finishes at most the batch it holds).
    std::lock_guard lock(mu);
    pending.clear();
    order.clear();
  }
  write_ready(true);
  {
    std::lock_guard lock(mu);
    closing = true;
  }
  work_ready.notify_all();
  for (std::thread& t : workers) t.join();
  if (!stats.output_failed) {
    out.flush();
    if (!out) {
      stats.output_failed = true;
      stats.output_errno = errno;
    }
  }
  if (options.progress) err << "\rtact: " << stats.lines << " lines scored\n";
  return stats;
}

}  // namespace tact::cli
