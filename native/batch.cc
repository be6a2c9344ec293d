#include "batch.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tact::cli {
namespace {

constexpr size_t kBatchRecords = 128;
constexpr size_t kBatchBytes = 1 << 20;
// Small enough that a slow pipe's lines are scored as they come, large enough to read fast.
constexpr size_t kReadChunk = 64 * 1024;

struct Batch {
  std::vector<Record> records;
  std::vector<std::string> outputs;            // score: one report or error line per record
  std::vector<std::optional<Report>> reports;  // insights: the report of each scored record
  std::vector<Request> requests;               // insights: each record's request
  std::vector<std::string> row_errors;         // insights: why a record was not scored
  std::vector<std::string> errors;             // stderr messages
  uint64_t rejected = 0;
  uint64_t last_line = 0;
  bool done = false;
};

void Process(const Scorer& scorer, const BatchOptions& options, Batch* batch) {
  const bool insights = options.insights != nullptr;
  const size_t n = batch->records.size();
  if (insights) {
    batch->reports.resize(n);
    batch->requests.resize(n);
    batch->row_errors.resize(n);
  } else {
    batch->outputs.resize(n);
  }
  for (size_t i = 0; i < n; ++i) {
    Record& record = batch->records[i];
    bool ok = false;
    std::string error;
    std::string id_json;
    std::string result;
    if (!record.error.empty()) {
      error = record.error;
    } else if (record.is_json && !insights) {
      result = ScoreJson(scorer, record.json, &ok, &error, options.lang);
    } else {
      Request parsed;
      Request& request = insights ? batch->requests[i] : parsed;
      if (record.is_json) {
        const absl::Status status = ParseRequest(record.json, &request);
        if (!status.ok()) error = std::string(status.message());
      } else {
        request = std::move(record.request);
      }
      id_json = request.id_json;
      if (error.empty()) {
        absl::StatusOr<Report> report = ScoreRequest(scorer, request, options.lang);
        if (!report.ok()) {
          error = std::string(report.status().message());
        } else if (insights) {
          batch->reports[i] = std::move(*report);
          ok = true;
        } else {
          result = ToJson(*report, id_json);
          ok = true;
        }
      }
      if (!ok && insights) request = Request();
    }
    if (!ok) {
      const std::string line = std::to_string(record.line);
      batch->errors.push_back("tact: line " + line + ": " + error);
      ++batch->rejected;
      if (insights) {
        batch->row_errors[i] = std::move(error);
      } else {
        if (result.empty()) result = ErrorJson(id_json, error);
        // Name the line in the error object too, so it can be found in the input.
        result.insert(1, "\"line\":" + line + ",");
      }
    }
    if (!insights) batch->outputs[i] = std::move(result);
    std::string().swap(record.json);  // the batch waits for its turn to be written: free it now
    record.request = Request();
  }
}

}  // namespace

BatchStats ScoreStream(const Scorer& scorer, std::istream& in, std::ostream& out, std::ostream& err,
                       const BatchOptions& options) {
  BatchStats stats;
  const int threads = options.threads < 1 ? 1 : options.threads;
  RecordOptions record_options = options.records;
  record_options.max_record_bytes = options.max_line_bytes;
  record_options.max_record_option = "--max-line-bytes";
  absl::StatusOr<RecordReader> reader = RecordReader::Create(record_options);
  if (!reader.ok()) {
    stats.fatal = std::string(reader.status().message());
    return stats;
  }
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
          Process(scorer, options, batch.get());
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
      if (options.insights != nullptr) {
        for (size_t i = 0; i < batch->records.size(); ++i) {
          const uint64_t line = batch->records[i].line;
          if (batch->reports[i]) {
            options.insights->Add(line, batch->requests[i], *batch->reports[i]);
          } else {
            options.insights->AddError(line, batch->row_errors[i]);
          }
        }
      } else {
        for (const std::string& o : batch->outputs) out << o << '\n';
      }
      stats.rejected += batch->rejected;
      if (!out && !stats.output_failed) {
        stats.output_failed = true;
        stats.output_errno = errno;
      }
      if (options.progress) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_progress > std::chrono::milliseconds(500)) {
          last_progress = now;
          err << "\rtact: " << batch->last_line << " lines read" << std::flush;
        }
      }
    }
  };
  const auto submit = [&](std::shared_ptr<Batch> batch) {
    if (threads == 1) {
      Process(scorer, options, batch.get());
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
  size_t batch_bytes = 0;
  std::vector<Record> records;
  std::string chunk(kReadChunk, '\0');
  const auto take = [&]() {
    for (Record& r : records) {
      ++stats.lines;
      batch_bytes += r.json.size() + r.request.reply.size() + r.request.review.size();
      batch->last_line = r.line;
      batch->records.push_back(std::move(r));
      if (batch->records.size() >= kBatchRecords || batch_bytes >= kBatchBytes) {
        submit(std::move(batch));
        batch = std::make_shared<Batch>();
        batch_bytes = 0;
      }
    }
    records.clear();
  };
  std::streambuf* buf = in.rdbuf();
  bool reading = true;
  while (reading && !stats.output_failed) {
    // sgetn blocks until the chunk is full; a pipe's data is taken as soon as it is there.
    std::streamsize got = 0;
    const std::streamsize avail = buf->in_avail();
    if (avail > 0) {
      got = buf->sgetn(chunk.data(), std::min<std::streamsize>(avail, kReadChunk));
    } else {
      const int c = buf->sbumpc();
      if (c != std::char_traits<char>::eof()) {
        chunk[0] = static_cast<char>(c);
        got = 1;
      }
    }
    absl::Status status;
    if (got <= 0) {
      reading = false;
      status = reader->Finish(&records);
    } else {
      stats.bytes += static_cast<uint64_t>(got);
      status = reader->Feed(std::string_view(chunk.data(), static_cast<size_t>(got)), &records);
    }
    take();
    if (!status.ok()) {
      stats.fatal = std::string(status.message());
      break;
    }
  }
  if (!batch->records.empty() && !stats.output_failed) submit(std::move(batch));
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
  if (options.progress) err << "\rtact: " << stats.lines << " lines read\n";
  return stats;
}

}  // namespace tact::cli
