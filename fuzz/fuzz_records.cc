// The record reader (CSV and JSONL, `tact report` and the report page) and the insights on
// arbitrary bytes. The first byte picks the format, the separator and a chunk size.
// Properties: the records do not depend on where the input is cut; line numbers start at 1 and
// never go back; an error record says why; each readable record is scored and added to the
// insights, whose JSON is one valid object.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"

namespace {

std::string Describe(const std::vector<tact::Record>& records) {
  std::string out;
  for (const tact::Record& r : records) {
    out += std::to_string(r.line) + (r.is_json ? "j" : "c") + r.error + "\x1f" + r.json + "\x1f" +
           r.request.reply + "\x1f" + r.request.review + "\x1f" + r.request.author + "\x1f" +
           std::to_string(r.request.rating) + r.request.date + r.request.id_json + "\x1e";
  }
  return out;
}

// Reads `in` in chunks of `chunk` bytes; the reader's failure, if any, in *error.
std::vector<tact::Record> Read(const tact::RecordOptions& options, std::string_view in,
                               size_t chunk, std::string* error) {
  absl::StatusOr<tact::RecordReader> reader = tact::RecordReader::Create(options);
  TACT_FUZZ_CHECK(reader.ok(), std::string(reader.status().message()));
  std::vector<tact::Record> records;
  for (size_t at = 0; at < in.size(); at += chunk) {
    absl::Status s = reader->Feed(in.substr(at, chunk), &records);
    if (!s.ok()) {
      *error = std::string(s.message());
      TACT_FUZZ_CHECK(!error->empty(), in);
      return records;
    }
  }
  absl::Status s = reader->Finish(&records);
  if (!s.ok()) *error = std::string(s.message());
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  if (size == 0) return 0;
  const uint8_t pick = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  RecordOptions options;
  options.format = (pick & 3) == 0 ? "auto" : (pick & 3) == 1 ? "jsonl" : "csv";
  options.separator = (pick & 12) == 0 ? 0 : (pick & 12) == 4 ? ',' : (pick & 12) == 8 ? ';' : '\t';
  options.max_record_bytes = (pick & 16) != 0 ? 64 : 4096;
  if ((pick & 32) != 0) options.columns = {{"reply", "b"}, {"review", "a"}};
  const size_t chunk = 1 + (pick >> 6) * 5;

  std::string whole_error;
  const std::vector<Record> whole = Read(options, in, in.size() + 1, &whole_error);
  std::string cut_error;
  const std::vector<Record> cut = Read(options, in, chunk, &cut_error);
  TACT_FUZZ_CHECK(Describe(whole) == Describe(cut), in);
  TACT_FUZZ_CHECK(whole_error == cut_error, whole_error + " / " + cut_error);

  Insights insights(fuzz::Builtin());
  uint64_t last = 1;
  for (const Record& r : whole) {
    TACT_FUZZ_CHECK(r.line >= last, in);
    last = r.line;
    if (!r.error.empty()) {
      insights.AddError(r.line, r.error);
      continue;
    }
    Request request;
    if (r.is_json) {
      if (!ParseRequest(r.json, &request).ok()) continue;
    } else {
      request = r.request;
      TACT_FUZZ_CHECK(!request.reply.empty(), in);
    }
    absl::StatusOr<Report> report = ScoreRequest(fuzz::Builtin(), request);
    if (!report.ok()) continue;
    fuzz::CheckReport(*report, request.reply, ScoreOptions().max_input_bytes);
    insights.Add(r.line, request, *report);
  }
  fuzz::CheckJsonLine(insights.ToJson());
  return 0;
}
