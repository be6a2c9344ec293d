// RecordReader: JSONL lines and RFC 4180 CSV records from an input fed in chunks.
//
// Hand-written rather than a library: the same reader must run in the CLI and in the wasm module
// of the report page (so both give the same rows), take chunks split anywhere, and accept line
// breaks inside quoted fields. Debian's CSV libraries do not fit: fast-cpp-csv-parser (libfccp)
// rejects line breaks inside quotes and reads files itself; libcsv is a host-only LGPL binary
// package, which the wasm module cannot link.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tact/tact.h"
#include "text.h"

namespace tact {

namespace {

enum class Format { kUnknown, kJsonl, kCsv };

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Request fields a CSV column can fill, with the header names found without a mapping
// (compared after ColumnKey: case, accents and punctuation do not matter).
struct FieldSpec {
  std::string_view field;
  std::array<std::string_view, 12> aliases;
};
constexpr FieldSpec kFields[] = {
    {"reply",
     {"reply", "response", "reponse", "answer", "reponse entreprise", "company reply",
      "business reply", "owner response", "owner reply", "reponse du proprietaire"}},
    {"review",
     {"review", "commentaire", "comment", "avis", "text", "texte", "review text", "content",
      "contenu", "message", "review body"}},
    {"author",
     {"author", "auteur", "client", "customer", "reviewer", "name", "nom", "user", "pseudo",
      "username", "reviewer name"}},
    {"rating", {"rating", "note", "star", "stars", "etoiles", "etoile", "score", "review rating"}},
    {"date",
     {"date", "review date", "date avis", "created at", "published", "date de publication",
      "published at", "created"}},
    {"id", {"id", "review id", "identifiant", "reference"}},
    {"lang", {"lang", "language", "langue"}},
    {"business", {"business", "company", "entreprise", "societe", "brand", "marque"}},
};
constexpr size_t kFieldCount = std::size(kFields);

// A header name as it is compared: its normalised words joined by single spaces.
std::string ColumnKey(std::string_view name) {
  const internal::Text text = internal::Analyze(name, 1024);
  std::string key;
  for (const internal::Token& t : text.tokens) {
    if (!key.empty()) key.push_back(' ');
    key.append(t.norm);
  }
  return key;
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// "4", "4.0", "4,5", "4/5", "4 étoiles": a rating from 1 to 5 (decimals rounded), or -1.
int ParseRating(std::string_view s) {
  const std::string t = Trim(s);
  if (t.empty()) return 0;
  size_t i = 0;
  int whole = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9' && i < 3) whole = whole * 10 + (t[i++] - '0');
  if (i == 0) return -1;
  int tenths = 0;
  if (i + 1 < t.size() && (t[i] == '.' || t[i] == ',') && t[i + 1] >= '0' && t[i + 1] <= '9') {
    tenths = t[i + 1] - '0';
    i += 2;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  }
  if (i < t.size() && t[i] >= '0' && t[i] <= '9') return -1;
  const int rating = whole + (tenths >= 5 ? 1 : 0);
  if (whole < 1 || rating > 5 || (whole == 5 && tenths > 0)) return -1;
  return rating;
}

}  // namespace

struct RecordReader::State {
  RecordOptions options;
  Format format = Format::kUnknown;
  bool failed = false;
  bool at_start = true;  // nothing but a possible BOM seen yet
  std::string prefix;    // auto format / CSV header detection: bytes held until decided
  uint64_t line = 1;     // the line the next byte is on
  size_t bom_matched = 0;
  bool start_bom = false;  // a BOM at the start of the input was dropped: it was line 1's

  // JSONL.
  std::string current;
  bool too_long = false;

  // CSV.
  bool header_done = false;
  char sep = 0;
  std::vector<std::string> fields;
  std::string field;
  bool in_quotes = false;
  bool quote_in_quotes = false;  // a '"' inside quotes: an escaped quote or the end
  bool pending_cr = false;
  bool skipping = false;  // a record over the size limit: dropped up to the end of its line
  uint64_t record_line = 1;
  size_t record_bytes = 0;
  size_t header_count = 0;
  std::array<int, kFieldCount> column{};  // per field: its column, or -1

  absl::Status Feed(std::string_view bytes, bool last, std::vector<Record>* out);
  void FeedJsonl(std::string_view bytes, std::vector<Record>* out);
  void EndJsonlLine(bool terminated, std::vector<Record>* out);
  absl::Status FeedCsv(std::string_view bytes, std::vector<Record>* out);
  absl::Status FinishCsv(std::vector<Record>* out);
  absl::Status EndRecord(std::vector<Record>* out);
  absl::Status Header();
  bool DetectSeparator(bool last);
  std::string OptionNote() const {
    return options.max_record_option.empty() ? "" : " (" + options.max_record_option + ")";
  }  // sets sep from the header line held in `prefix`
  void EmitCsvError(std::string error, std::vector<Record>* out);
};

absl::StatusOr<RecordReader> RecordReader::Create(RecordOptions options) {
  if (options.format != "auto" && options.format != "jsonl" && options.format != "csv") {
    return absl::InvalidArgumentError(
        absl::StrCat("format must be auto, jsonl or csv, not '", options.format, "'"));
  }
  if (options.separator != 0 && options.separator != ',' && options.separator != ';' &&
      options.separator != '\t') {
    return absl::InvalidArgumentError("the CSV separator must be ',', ';' or a tab");
  }
  for (size_t i = 0; i < options.columns.size(); ++i) {
    const auto& [field, column_name] = options.columns[i];
    bool known = false;
    for (const FieldSpec& f : kFields) known = known || f.field == field;
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown field '", field,
          "' in the column map (fields: reply, review, author, rating, date, id, lang, business)"));
    }
    if (column_name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("no column named for field '", field, "'"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (options.columns[j].first == field) {
        return absl::InvalidArgumentError(absl::StrCat("field '", field, "' mapped twice"));
      }
    }
  }
  if (options.max_record_bytes == 0) options.max_record_bytes = 1;
  auto state = std::make_unique<State>();
  state->options = std::move(options);
  if (state->options.format == "jsonl") state->format = Format::kJsonl;
  if (state->options.format == "csv") state->format = Format::kCsv;
  state->sep = state->options.separator;
  return RecordReader(std::move(state));
}

RecordReader::RecordReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
RecordReader::RecordReader(RecordReader&&) noexcept = default;
RecordReader& RecordReader::operator=(RecordReader&&) noexcept = default;
RecordReader::~RecordReader() = default;

absl::Status RecordReader::Feed(std::string_view bytes, std::vector<Record>* out) {
  return state_->Feed(bytes, false, out);
}

absl::Status RecordReader::Finish(std::vector<Record>* out) { return state_->Feed({}, true, out); }

std::string_view RecordReader::format() const {
  switch (state_->format) {
    case Format::kJsonl:
      return "jsonl";
    case Format::kCsv:
      return "csv";
    default:
      return "";
  }
}

absl::Status RecordReader::State::Feed(std::string_view bytes, bool last,
                                       std::vector<Record>* out) {
  if (failed) return absl::FailedPreconditionError("the input could not be read");
  // A byte order mark at the very start of the input is dropped (JSONL also drops one at the
  // start of any line).
  while (at_start && !bytes.empty()) {
    if (bytes[0] == kBom[bom_matched]) {
      bytes.remove_prefix(1);
      if (++bom_matched == kBom.size()) {
        at_start = false;
        start_bom = true;
      }
      continue;
    }
    prefix.append(kBom.substr(0, bom_matched));  // not a BOM after all: those bytes are data
    at_start = false;
  }
  if (last && at_start) {
    prefix.append(kBom.substr(0, bom_matched));
    at_start = false;
  }
  // The format, when "auto": JSONL when the first byte that is not white space is '{'.
  if (format == Format::kUnknown) {
    prefix.append(bytes);
    bytes = {};
    const size_t first = prefix.find_first_not_of(" \t\r\n");
    if (first == std::string::npos && !last) return absl::OkStatus();
    format = first != std::string::npos && prefix[first] == '{' ? Format::kJsonl : Format::kCsv;
  }
  if (!prefix.empty()) {
    std::string held = std::move(prefix);
    prefix.clear();
    if (format == Format::kJsonl) {
      FeedJsonl(held, out);
    } else if (absl::Status s = FeedCsv(held, out); !s.ok()) {
      failed = true;
      return s;
    }
  }
  if (format == Format::kJsonl) {
    FeedJsonl(bytes, out);
    if (last) EndJsonlLine(false, out);
    return absl::OkStatus();
  }
  absl::Status status = FeedCsv(bytes, out);
  if (status.ok() && last) status = FinishCsv(out);
  if (!status.ok()) failed = true;
  return status;
}

void RecordReader::State::FeedJsonl(std::string_view bytes, std::vector<Record>* out) {
  const size_t max = options.max_record_bytes;
  while (!bytes.empty()) {
    const size_t nl = bytes.find('\n');
    const std::string_view part = bytes.substr(0, nl);
    if (!too_long) {
      // One byte over the limit is kept, to tell a '\r' ending apart.
      const size_t room = max + 1 - std::min(current.size(), max + 1);
      current.append(part.substr(0, room));
      if (part.size() > room) too_long = true;
    }
    if (nl == std::string_view::npos) return;
    bytes.remove_prefix(nl + 1);
    EndJsonlLine(true, out);
  }
}

// A line ended by '\n' is always a record (an empty one is an error record, so that output line
// N answers input line N); the end of the input after a last '\n' is none.
void RecordReader::State::EndJsonlLine(bool terminated, std::vector<Record>* out) {
  if (terminated || !current.empty() || too_long) {
    Record r;
    r.line = line;
    if (!current.empty() && current.back() == '\r') current.pop_back();
    // The limit counts a line's BOM, line 1's too when it went with the input's.
    const size_t bom = r.line == 1 && start_bom ? kBom.size() : 0;
    if (current.size() + bom > options.max_record_bytes) too_long = true;
    // One BOM per line: line 1's may already be gone with the input's (then a second stays).
    if (!(r.line == 1 && start_bom) && std::string_view(current).substr(0, kBom.size()) == kBom) {
      current.erase(0, kBom.size());
    }
    if (too_long) {
      r.error = absl::StrCat("line longer than ", options.max_record_bytes, " bytes", OptionNote());
    } else if (current.find_first_not_of(" \t") == std::string::npos) {
      r.error = "empty line";
    } else {
      r.is_json = true;
      r.json = std::move(current);
    }
    out->push_back(std::move(r));
  }
  current.clear();
  too_long = false;
  ++line;
}

absl::Status RecordReader::State::FeedCsv(std::string_view bytes, std::vector<Record>* out) {
  // The separator is detected on the header line: held until its end (outside quotes).
  if (sep == 0) {
    prefix.append(bytes);
    if (!DetectSeparator(false)) return absl::OkStatus();
    std::string held = std::move(prefix);
    prefix.clear();
    return FeedCsv(held, out);
  }
  for (const char c : bytes) {
    if (c == '\n') ++line;
    if (skipping) {
      if (c == '\n') {
        skipping = false;
        in_quotes = quote_in_quotes = pending_cr = false;
        fields.clear();
        field.clear();
        record_bytes = 0;
        record_line = line;
      }
      continue;
    }
    if (++record_bytes > options.max_record_bytes) {
      EmitCsvError(
          absl::StrCat("record longer than ", options.max_record_bytes, " bytes", OptionNote(),
                       " (an unterminated quote?); skipped to the end of line ",
                       line - (c == '\n' ? 1 : 0)),
          out);
      skipping = c != '\n';
      in_quotes = quote_in_quotes = pending_cr = false;
      fields.clear();
      field.clear();
      record_bytes = 0;
      record_line = line;
      if (!header_done) return absl::InvalidArgumentError("the CSV header line is too long");
      continue;
    }
    if (in_quotes) {
      if (quote_in_quotes) {
        quote_in_quotes = false;
        if (c == '"') {
          field.push_back('"');
          continue;
        }
        in_quotes = false;  // the closing quote: `c` is read as outside quotes below
      } else if (c == '"') {
        quote_in_quotes = true;
        continue;
      } else {
        field.push_back(c);
        continue;
      }
    }
    if (pending_cr) {
      pending_cr = false;
      if (c != '\n') field.push_back('\r');
    }
    if (c == '"' && field.empty()) {
      in_quotes = true;
    } else if (c == sep) {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      pending_cr = true;
    } else if (c == '\n') {
      if (absl::Status s = EndRecord(out); !s.ok()) return s;
    } else {
      field.push_back(c);
    }
  }
  return absl::OkStatus();
}

bool RecordReader::State::DetectSeparator(bool last) {
  bool quoted = false;
  bool ended = false;
  int commas = 0;
  int semicolons = 0;
  int tabs = 0;
  // Only the first max_record_bytes + 1 bytes count, so the choice never depends on how the
  // input was cut into chunks.
  const std::string_view window = std::string_view(prefix).substr(0, options.max_record_bytes + 1);
  for (const char c : window) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') {
      ended = true;
      break;
    }
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (!ended && !last && window.size() <= options.max_record_bytes) return false;
  sep = semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
  return true;
}

absl::Status RecordReader::State::FinishCsv(std::vector<Record>* out) {
  if (sep == 0) {
    // Nothing but a header line (or nothing at all) was held back: read it now.
    if (prefix.empty()) return absl::OkStatus();
    DetectSeparator(true);
    std::string held = std::move(prefix);
    prefix.clear();
    if (absl::Status s = FeedCsv(held, out); !s.ok()) return s;
  }
  if (skipping) {
    skipping = false;
    return absl::OkStatus();
  }
  if (in_quotes && !quote_in_quotes) {
    EmitCsvError("unterminated quoted field at the end of the input", out);
    return absl::OkStatus();
  }
  if (pending_cr) pending_cr = false;
  if (!fields.empty() || !field.empty() || quote_in_quotes) {
    in_quotes = quote_in_quotes = false;
    return EndRecord(out);
  }
  return absl::OkStatus();
}

void RecordReader::State::EmitCsvError(std::string error, std::vector<Record>* out) {
  Record r;
  r.line = record_line;
  r.error = std::move(error);
  out->push_back(std::move(r));
}

absl::Status RecordReader::State::EndRecord(std::vector<Record>* out) {
  fields.push_back(std::move(field));
  field.clear();
  const uint64_t this_line = record_line;
  record_line = line;
  record_bytes = 0;
  std::vector<std::string> row = std::move(fields);
  fields.clear();
  if (row.size() == 1 && row[0].empty()) return absl::OkStatus();  // a blank line
  if (!header_done) {
    header_done = true;
    fields = std::move(row);
    absl::Status s = Header();
    fields.clear();
    return s;
  }
  Record r;
  r.line = this_line;
  // Trailing empty fields beyond the header (a spreadsheet's extra separators) are dropped.
  while (row.size() > header_count && row.back().empty()) row.pop_back();
  if (row.size() != header_count) {
    r.error = absl::StrCat("row has ", row.size(), " field", row.size() == 1 ? "" : "s",
                           ", the header has ", header_count);
    out->push_back(std::move(r));
    return absl::OkStatus();
  }
  Request& q = r.request;
  const auto cell = [&](size_t f) -> std::string* {
    return column[f] < 0 ? nullptr : &row[static_cast<size_t>(column[f])];
  };
  for (size_t f = 0; f < kFieldCount; ++f) {
    std::string* value = cell(f);
    if (value == nullptr) continue;
    const std::string_view name = kFields[f].field;
    if (name == "reply") {
      q.reply = std::move(*value);
    } else if (name == "review") {
      q.review = std::move(*value);
    } else if (name == "author") {
      q.author = Trim(*value);
    } else if (name == "date") {
      q.date = Trim(*value);
    } else if (name == "lang") {
      q.lang = Trim(*value);
    } else if (name == "business") {
      if (std::string b = Trim(*value); !b.empty()) q.business.push_back(std::move(b));
    } else if (name == "id") {
      if (std::string id = Trim(*value); !id.empty()) {
        AppendJsonString(internal::SanitizeUtf8(id), &q.id_json);
      }
    } else if (name == "rating") {
      const int rating = ParseRating(*value);
      if (rating < 0) {
        r.error = absl::StrCat("rating '", internal::SanitizeUtf8(Trim(*value).substr(0, 40)),
                               "' is not a number from 1 to 5");
      } else {
        q.rating = rating;
      }
    }
  }
  if (r.error.empty() && q.reply.find_first_not_of(" \t\r\n") == std::string::npos) {
    r.error = "empty reply";
  }
  if (!r.error.empty()) r.request = Request();
  out->push_back(std::move(r));
  return absl::OkStatus();
}

absl::Status RecordReader::State::Header() {
  header_count = fields.size();
  std::vector<std::string> keys;
  keys.reserve(fields.size());
  for (const std::string& name : fields) keys.push_back(ColumnKey(name));
  column.fill(-1);
  const auto find = [&](std::string_view name) -> int {
    const std::string key = ColumnKey(name);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!key.empty() && keys[i] == key) return static_cast<int>(i);
    }
    return -1;
  };
  const auto columns = [&]() {
    std::string list;
    for (const std::string& name : fields) {
      absl::StrAppend(&list, list.empty() ? "" : ", ", "'",
                      internal::SanitizeUtf8(name.substr(0, 60)), "'");
    }
    return list;
  };
  std::vector<bool> taken(fields.size(), false);
  for (const auto& [wanted, name] : options.columns) {
    const int c = find(name);
    if (c < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no column '", name, "' for ", wanted, " in the CSV header (columns: ", columns(), ")"));
    }
    for (size_t f = 0; f < kFieldCount; ++f) {
      if (kFields[f].field == wanted) column[f] = c;
    }
    taken[static_cast<size_t>(c)] = true;
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (column[f] >= 0) continue;
    for (std::string_view alias : kFields[f].aliases) {
      if (alias.empty()) break;
      const int c = find(alias);
      if (c >= 0 && !taken[static_cast<size_t>(c)]) {
        column[f] = c;
        taken[static_cast<size_t>(c)] = true;
        break;
      }
    }
  }
  if (column[0] < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("no reply column in the CSV header (columns: ", columns(),
                     "); name it with --map reply=COLUMN"));
  }
  return absl::OkStatus();
}

}  // namespace tact
