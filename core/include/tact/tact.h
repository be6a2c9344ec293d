// Tact: scores a draft reply to a customer review against the rubric (core/packs/rubric.json):
// criteria met or missing, violations with exact spans, a 0-100 score and a band.
//
// This is the only public header of the core. The core does no I/O, starts no threads and
// throws no exceptions; it builds with -fno-exceptions -fno-rtti for WebAssembly.
//
//   absl::StatusOr<tact::Scorer> scorer = tact::Scorer::Builtin();
//   if (!scorer.ok()) { /* scorer.status().message() reads like a compiler diagnostic */ }
//   absl::StatusOr<tact::Report> report = scorer->Score(review, reply);  // ScoreOptions: lang, ...
//   std::string json = tact::ToJson(*report);
#ifndef TACT_CORE_INCLUDE_TACT_TACT_H_
#define TACT_CORE_INCLUDE_TACT_TACT_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tact {

namespace internal {
struct Language;
struct PackSet;
}  // namespace internal

enum class Severity : uint8_t { kHint, kWarning, kProblem };

enum class Status : uint8_t {
  kMet,       ///< full weight
  kPartial,   ///< half weight
  kMissing,   ///< zero
  kViolated,  ///< zero, and a violation finding explains why
  kSkipped,   ///< input absent; the weight is spread over the other criteria
};

// Report::flags bits.
inline constexpr uint32_t kFlagTruncated = 1u << 0;    ///< a field was cut at max_input_bytes
inline constexpr uint32_t kFlagInvalidUtf8 = 1u << 1;  ///< invalid bytes became U+FFFD
inline constexpr uint32_t kFlagLangGuessed = 1u << 2;  ///< detection fell back to a guess
/// The reply looks written in a language no loaded pack reads: the score is unreliable.
inline constexpr uint32_t kFlagLangUnsupported = 1u << 3;

// Half-open range [begin, end) of the reply, in UTF-8 bytes of the caller's input and in UTF-16
// code units (JavaScript string indices). An invalid UTF-8 byte counts as one byte and one UTF-16
// unit (it stands for one U+FFFD).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t begin16 = 0;
  uint32_t end16 = 0;
};

struct Finding {
  std::string rule;       ///< stable id "<lang>.<criterion>.<name>"
  std::string criterion;  ///< criterion or violation id from the rubric
  Severity severity = Severity::kHint;
  bool has_span = false;  ///< false for a missing criterion; a span is always in the reply
  Span span;
  std::string message;     ///< in the reply's language
  std::string suggestion;  ///< a rewrite of the span, or an example sentence; may be empty
};

struct CriterionResult {
  std::string id;  ///< "thanks", "apology", ...
  int weight = 0;  ///< from the rubric; sums to 100
  Status status = Status::kMissing;
};

struct Report {
  int score = 0;      ///< 0-100
  std::string band;   ///< "rework" | "fair" | "good" | "excellent" (the rubric's bands)
  std::string lang;   ///< the code of the language the reply was scored in ("fr")
  std::string agent;  ///< the first name (or initials) signing the reply, as written; may be empty
  std::vector<CriterionResult> criteria;   ///< in rubric order
  std::vector<Finding> findings;           ///< spanned findings by (field, begin), then the rest
  std::vector<std::string> review_topics;  ///< complaint topics found in the review
  bool review_refusal = false;  ///< the review refuses something (a call, a voucher, a reply)
  std::string polarity;  ///< "negative" | "mixed" | "positive" | "neutral"; empty without a review
  uint32_t flags = 0;    ///< kFlag* bits
};

struct ScoreOptions {
  std::string_view lang;                   ///< a loaded language's code; empty or "auto": detect
  std::string_view author;                 ///< reviewer's display name, e.g. "Sophie M."
  std::vector<std::string_view> business;  ///< the business's own names, domains, phones
  int rating = 0;                          ///< 1-5, 0 when unknown
  uint32_t max_input_bytes = 256 * 1024;   ///< per field; cut at a code point, flagged
};

// A rule pack or lexicon: `name` is used in diagnostics ("packs/fr/apology.json"),
// `json` is the file's text.
struct PackSource {
  std::string name;
  std::string json;
};

// The largest pack file Scorer::FromPacks compiles: a larger one is an error, not a slow load.
inline constexpr size_t kMaxPackBytes = size_t{4} << 20;

// One pack example that did not behave as written.
struct ExampleFailure {
  std::string pack;
  std::string rule;
  std::string message;  ///< "expected [désolés] in "...", got nothing"
};

// Compiled rule packs. Immutable after creation: Score() may run on many threads at once.
class Scorer {
 public:
  // When a scorer from a pack image loads each language's rules.
  enum class Loading {
    kEager,  ///< all of them at once
    // Each the first time a text needs it (or Preload): the widget's start-up decodes only
    // what language detection needs. Safe with Score() on many threads; a damaged language
    // part is then an error of Score().
    kLazy,
  };

  // The built-in packs, from the image compiled at build time.
  static absl::StatusOr<Scorer> Builtin(Loading loading = Loading::kEager);

  // Packs from a compiled image (Image(), or `tact packs compile DIR -o FILE`). A foreign, stale
  // or damaged image is an error; nothing is parsed or compiled.
  static absl::StatusOr<Scorer> FromImage(std::string_view image,
                                          Loading loading = Loading::kEager);

  // Rule packs compiled from JSON (native builds): `packs` on top of the built-in ones (a pack for
  // the same language and criterion, or a lexicon of the same name, replaces the built-in one), or
  // alone when `with_builtin` is false. Errors read "<pack>:<line>:<col>: <json pointer>: <what>".
  static absl::StatusOr<Scorer> FromPacks(std::span<const PackSource> packs,
                                          bool with_builtin = true);

  // Fails only when options.lang names no loaded language. Empty, huge or invalid input is
  // repaired or cut and flagged, never an error.
  absl::StatusOr<Report> Score(std::string_view review, std::string_view reply,
                               const ScoreOptions& options = {}) const;

  // The codes of the loaded languages, sorted ("en", "fr").
  std::vector<std::string> Languages() const;

  // Loads language `lang` now if it is not loaded yet (Loading::kLazy), so that the first
  // Score() in it is not slower. Fails when no pack reads `lang`, or its part is damaged.
  absl::Status Preload(std::string_view lang) const;

  // The loaded packs as a compiled image, with their examples or without (smaller). The same
  // packs give the same bytes on every platform. Empty when a lazily loaded language's part
  // turns out to be damaged.
  std::string Image(bool with_examples = false) const;

  // Runs every example of every loaded pack; `*count` receives how many ran.
  std::vector<ExampleFailure> CheckExamples(int* count = nullptr) const;

 private:
  friend class Insights;
  explicit Scorer(std::shared_ptr<const internal::PackSet> packs);
  // The language `code`, or the error naming the loaded ones.
  absl::StatusOr<const internal::Language*> Find(std::string_view code) const;
  std::shared_ptr<const internal::PackSet> packs_;
};

// The report as one line of JSON, exactly the spec's output. `id_json`, when not empty, is a
// JSON value (string or number) written as the "id" field.
std::string ToJson(const Report& report, std::string_view id_json = {});

// Scores one request object, as one line of the CLI's JSONL input:
//   {"reply": "...", "review": "...", "id": "x", "lang": "fr"|"en"|...|"auto", "author": "...",
//    "rating": 1-5, "business": "..." | ["...", ...]}   (only "reply" is required)
// and returns the report line (ToJson), or {"id":...,"error":"..."} when the request is
// malformed, with *ok = false and the reason in *error. Native and wasm share this function,
// so both give the same bytes. `default_lang` applies when the request has no "lang".
std::string ScoreJson(const Scorer& scorer, std::string_view request_json, bool* ok = nullptr,
                      std::string* error = nullptr, std::string_view default_lang = {});

// {"id":<id_json>,"error":"..."}: the line for a request that cannot be scored.
std::string ErrorJson(std::string_view id_json, std::string_view error);

// Appends `text` (valid UTF-8) as a JSON string literal, escaped as ToJson escapes.
void AppendJsonString(std::string_view text, std::string* out);

// ---- Batch input and team insights (core/insights.md) ----

// One request, as a JSONL line or a CSV record gives it.
struct Request {
  std::string id_json;  ///< the "id" as a JSON value (string or integer), or empty
  std::string review;
  std::string reply;
  std::string author;
  std::string lang;  ///< empty: the caller's default language
  std::string date;  ///< as written; the insights read YYYY-MM-DD[T ...] and DD/MM/YYYY
  int rating = 0;    ///< 1-5, 0 when unknown
  std::vector<std::string> business;
};

// Parses one JSONL request (ScoreJson's input) into *request; the error reads as ScoreJson's.
// request->id_json is set as soon as the id is read, so an error line can still carry it.
absl::Status ParseRequest(std::string_view json, Request* request);

// Scores a request; `default_lang` applies when request.lang is empty.
absl::StatusOr<Report> ScoreRequest(const Scorer& scorer, const Request& request,
                                    std::string_view default_lang = {});

struct RecordOptions {
  std::string format = "auto";  ///< "auto" (JSONL when the input starts with '{'), "jsonl", "csv"
  char separator = 0;           ///< CSV: ',', ';' or '\t'; 0 detects it on the header line
  /// CSV: request field ("reply", "review", "author", "rating", "date", "id", "lang",
  /// "business") -> header column; unmapped fields are found by name and common aliases.
  std::vector<std::pair<std::string, std::string>> columns;
  size_t max_record_bytes = size_t{4} << 20;  ///< a longer record is an error record
  std::string max_record_option;  ///< named in that error ("--max-line-bytes"), when not empty
};

// A JSONL line or a CSV record.
struct Record {
  uint64_t line = 0;     ///< the input line the record starts on, from 1
  bool is_json = false;  ///< JSONL: `json` holds the line, for ParseRequest
  std::string json;
  Request request;    ///< CSV: the mapped fields
  std::string error;  ///< not empty: the record cannot be read, and why
};

// Splits an input fed in chunks of any size into records: JSONL lines, or RFC 4180 CSV records
// (quoted fields, "" for a quote, line breaks inside quotes, CRLF or LF, a byte order mark).
class RecordReader {
 public:
  // Fails on an unknown format, separator or field name.
  static absl::StatusOr<RecordReader> Create(RecordOptions options);
  RecordReader(RecordReader&&) noexcept;
  RecordReader& operator=(RecordReader&&) noexcept;
  ~RecordReader();

  // Reads the next bytes; complete records are appended to *out. Fails when the CSV header has
  // no reply column (the message lists the columns); nothing more is read after a failure.
  absl::Status Feed(std::string_view bytes, std::vector<Record>* out);
  // Ends the input: the last record, if any.
  absl::Status Finish(std::vector<Record>* out);
  // "jsonl" or "csv" once known, else "".
  std::string_view format() const;

 private:
  struct State;
  explicit RecordReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// The team insights of core/insights.md, aggregated in the order rows are added (the same rows
// in the same order give the same bytes, natively and in wasm).
class Insights {
 public:
  explicit Insights(const Scorer& scorer);
  Insights(Insights&&) noexcept;
  Insights& operator=(Insights&&) noexcept;
  ~Insights();

  void Add(uint64_t line, const Request& request, const Report& report);
  void AddError(uint64_t line, std::string_view error);
  uint64_t rows() const;
  std::string ToJson() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string_view StatusName(Status status);  // "met" | ...
std::string_view SeverityName(Severity severity);
std::string_view Version();

}  // namespace tact

#endif  // TACT_CORE_INCLUDE_TACT_TACT_H_
