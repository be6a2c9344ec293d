// tact: scores (review, reply) pairs from JSONL, and checks rule packs.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "batch.h"
#include "packs_dir.h"
#include "report_html.h"
#include "tact/tact.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;
// stdout closed before the end (`tact score big.jsonl | head -1`): tact stops quietly with the
// status a shell shows for a command ended by SIGPIPE.
constexpr int kExitOutputClosed = 141;

constexpr char kUsage[] = R"(tact: scores replies to customer reviews

Usage:
  tact score [FILE|-] [options]   score JSONL or CSV (stdin when FILE is - or absent), one
                                  JSON report line out per input line (CSV: per record), in
                                  the same order
  tact report [FILE|-] [-o FILE] [--format html|json] [options]
                                  what the replies say about the team: scores, criteria,
                                  violations with examples, polarity, rating, agents, reused
                                  templates, trend, weakest and best replies; one
                                  self-contained HTML page (default) or JSON (core/insights.md)
  tact packs check FILE...        validate rule packs and run their examples
  tact packs compile DIR -o FILE  compile the packs under DIR (on top of the built-in ones,
                                  or alone with --no-builtin) into a pack image that
                                  `tact score --image` and the widget load without compiling;
                                  --with-examples keeps the examples (for checkExamples)
  tact --help | --version

Input line:  {"review": "...", "reply": "...", "id": ..., "lang": "fr"|"en"|...|"auto",
              "author": "Sophie M.", "rating": 1-5, "business": "..." | ["...", ...],
              "date": "2025-11-30"}
             only "reply" is required.
CSV input:   RFC 4180 (quoted fields, line breaks inside quotes, "" for a quote), ',' or ';'
             (detected on the header line), a header line naming the columns; columns named
             reply/review/author/rating/date/id/lang/business (or common aliases: reponse,
             commentaire, avis, client, note, star...) are found, others mapped with --map.

Options for score and report:
  --threads N     worker threads (default: all cores)
  --lang L        a loaded language (fr, en, ...) or auto (default), for lines without "lang"
  --input F       jsonl (the default), csv (the default for a .csv/.tsv file or with --map),
                  or auto (JSONL when the input starts with '{', else CSV)
  --map M         CSV columns for request fields: reply=reponse,review=Commentaire,...
  --sep S         CSV separator: ',', ';', tab or auto (default)
  --packs DIR     custom rule packs (*.json under DIR): a pack for the same language and
                  criterion, or a lexicon of the same name, replaces the built-in one;
                  the others extend them
  --no-builtin    with --packs: use only the custom packs
  --image FILE    a compiled pack image (tact packs compile) instead of the built-in packs
  --max-line-bytes N
                  reject longer input lines or CSV records (default 4194304, 4 MiB); the rest
                  goes on

Exit status: 0 every line scored, 1 some lines rejected (each gets {"line":N,"error":...}
on stdout and a message on stderr; report: counted in the report), 2 usage, I/O, rule pack
or CSV header error, 141 stdout closed early (e.g. by `| head`): tact stops reading, quietly.
)";

int Usage(const std::string& problem) {
  std::cerr << "tact: " << problem << "\n(see tact --help)\n";
  return kExitUsage;
}

// What `score` and `report` share: the input, the packs and the batch options.
struct RunOptions {
  std::string file = "-";
  bool file_set = false;
  std::string packs_dir;
  std::string image_file;
  bool with_builtin = true;
  tact::cli::BatchOptions batch;
  // report only
  std::string output;  // -o; empty: stdout
  std::string format = "html";
};

// "review=Commentaire,reply=reponse" -> pairs; false on a malformed item.
bool ParseMap(const std::string& text, std::vector<std::pair<std::string, std::string>>* out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = text.substr(pos, comma - pos);
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) return false;
    out->emplace_back(item.substr(0, eq), item.substr(eq + 1));
    pos = comma + 1;
  }
  return true;
}

// Parses the options of `command` ("score" or "report"); returns -1 when all is well, else the
// exit status.
int ParseRunOptions(const std::string& command, const std::vector<std::string>& args,
                    RunOptions* run) {
  tact::cli::BatchOptions& options = run->batch;
  options.threads = static_cast<int>(std::thread::hardware_concurrency());
  if (options.threads < 1) options.threads = 1;
  bool input_set = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--threads") {
      if (!value(&v)) return Usage("--threads needs a number");
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < 1 || n > 256) {
        return Usage("--threads needs a number from 1 to 256, not '" + v + "'");
      }
      options.threads = static_cast<int>(n);
    } else if (a == "--max-line-bytes") {
      if (!value(&v)) return Usage("--max-line-bytes needs a number");
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < 1 || n > (1ll << 30)) {
        return Usage("--max-line-bytes needs a number of bytes from 1 to 1073741824, not '" + v +
                     "'");
      }
      options.max_line_bytes = static_cast<size_t>(n);
    } else if (a == "--lang") {
      if (!value(&options.lang)) return Usage("--lang needs a language code or auto");
    } else if (a == "--packs") {
      if (!value(&run->packs_dir)) return Usage("--packs needs a directory");
    } else if (a == "--no-builtin") {
      run->with_builtin = false;
    } else if (a == "--image") {
      if (!value(&run->image_file)) return Usage("--image needs a file");
    } else if (a == "--input") {
      if (!value(&options.records.format) ||
          (options.records.format != "auto" && options.records.format != "jsonl" &&
           options.records.format != "csv")) {
        return Usage("--input needs auto, jsonl or csv");
      }
      input_set = true;
    } else if (a == "--map") {
      if (!value(&v) || !ParseMap(v, &options.records.columns)) {
        return Usage("--map needs field=Column[,field=Column...], e.g. reply=reponse,review=avis");
      }
    } else if (a == "--sep") {
      if (!value(&v)) return Usage("--sep needs ',', ';' or tab");
      if (v == "," || v == ";") {
        options.records.separator = v[0];
      } else if (v == "tab" || v == "\t" || v == "\\t") {
        options.records.separator = '\t';
      } else if (v != "auto") {
        return Usage("--sep needs ',', ';', tab or auto, not '" + v + "'");
      }
    } else if (command == "report" && (a == "-o" || a == "--output")) {
      if (!value(&run->output)) return Usage(a + " needs a file");
    } else if (command == "report" && a == "--format") {
      if (!value(&run->format) || (run->format != "html" && run->format != "json")) {
        return Usage("--format needs html or json");
      }
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return Usage("unknown option '" + a + "'");
    } else if (!run->file_set) {
      run->file = a;
      run->file_set = true;
    } else {
      return Usage(command + " takes one input file");
    }
  }
  if (!run->with_builtin && run->packs_dir.empty()) return Usage("--no-builtin needs --packs DIR");
  if (!run->image_file.empty() && !run->packs_dir.empty()) {
    return Usage("--image and --packs exclude each other");
  }
  // A .csv or .tsv file is read as CSV without --input.
  const auto ends_with = [&](std::string_view suffix) {
    return run->file.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), run->file.rbegin(), [](char x, char y) {
             return x == std::tolower(static_cast<unsigned char>(y));
           });
  };
  // JSONL unless told or the file says CSV: read as "auto", a malformed first line would become a
  // CSV header and every line would be lost.
  if (!input_set) {
    const bool csv = ends_with(".csv") || ends_with(".tsv") || !options.records.columns.empty();
    options.records.format = csv ? "csv" : "jsonl";
  }
  return -1;
}

absl::StatusOr<tact::Scorer> LoadScorer(const RunOptions& run) {
  if (!run.image_file.empty()) {
    std::ifstream in(run.image_file, std::ios::binary);
    std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return absl::NotFoundError(run.image_file + ": cannot read");
    absl::StatusOr<tact::Scorer> scorer = tact::Scorer::FromImage(image);
    if (!scorer.ok()) {
      return absl::InvalidArgumentError(run.image_file + ": " +
                                        std::string(scorer.status().message()));
    }
    return scorer;
  }
  if (!run.packs_dir.empty()) {
    auto read = tact::cli::ReadPackDir(run.packs_dir);
    if (!read.ok()) return read.status();
    return tact::Scorer::FromPacks(*read, run.with_builtin);
  }
  return tact::Scorer::Builtin();
}

// `tact score` (insights == false) and `tact report`.
int Run(const std::string& command, const std::vector<std::string>& args) {
  RunOptions run;
  if (const int status = ParseRunOptions(command, args, &run); status >= 0) return status;
  tact::cli::BatchOptions& options = run.batch;
  absl::StatusOr<tact::Scorer> scorer = LoadScorer(run);
  if (!scorer.ok()) {
    std::cerr << "tact: " << scorer.status().message() << "\n";
    return kExitUsage;
  }
  if (options.lang != "auto") {
    const std::vector<std::string> langs = scorer->Languages();
    if (std::find(langs.begin(), langs.end(), options.lang) == langs.end()) {
      std::string known = "auto";
      for (const std::string& l : langs) known += ", " + l;
      return Usage("--lang needs one of " + known + ", not '" + options.lang + "'");
    }
  }

  std::ifstream file_in;
  std::istream* in = &std::cin;
  if (run.file != "-") {
    file_in.open(run.file, std::ios::binary);
    if (!file_in) return Usage(run.file + ": cannot open");
    in = &file_in;
  }
  std::ios::sync_with_stdio(false);
  const bool report = command == "report";
  std::optional<tact::Insights> insights;
  if (report) insights.emplace(*scorer);
  options.insights = report ? &*insights : nullptr;
  options.progress = isatty(STDERR_FILENO) != 0 && (report || isatty(STDOUT_FILENO) == 0);
  // A closed stdout is an EPIPE write error, seen and handled below, not a signal: the same
  // quiet outcome whether or not the parent ignores SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const tact::cli::BatchStats stats =
      tact::cli::ScoreStream(*scorer, *in, std::cout, std::cerr, options);
  if (!stats.fatal.empty()) {
    std::cerr << "tact: " << (run.file == "-" ? "stdin" : run.file) << ": " << stats.fatal << "\n";
    return kExitUsage;
  }
  if (stats.output_failed) {
    if (stats.output_errno == EPIPE) return kExitOutputClosed;
    std::cerr << "tact: write error: " << std::strerror(stats.output_errno) << "\n";
    return kExitUsage;
  }
  if (report) {
    std::string json = insights->ToJson();
    std::string text = run.format == "json" ? json + "\n" : tact::cli::ReportHtml(json);
    if (run.output.empty() || run.output == "-") {
      std::cout << text;
      std::cout.flush();
      if (!std::cout) return errno == EPIPE ? kExitOutputClosed : kExitUsage;
    } else {
      std::ofstream o(run.output, std::ios::binary | std::ios::trunc);
      o << text;
      o.close();
      if (!o) return Usage(run.output + ": cannot write");
      std::cerr << "tact: " << run.output << ": " << insights->rows() << " rows, " << stats.rejected
                << " rejected\n";
    }
  }
  if (stats.rejected > 0) {
    std::cerr << "tact: " << stats.rejected << " of " << stats.lines
              << (report ? " rows" : " lines") << " rejected\n";
    return kExitRejected;
  }
  return kExitOk;
}

int PacksCheck(const std::vector<std::string>& files) {
  if (files.empty()) return Usage("packs check needs at least one FILE");
  auto packs = tact::cli::ReadPackFiles(files);
  if (!packs.ok()) return Usage(std::string(packs.status().message()));
  // On top of the built-in packs, so references to built-in lexicons resolve.
  absl::StatusOr<tact::Scorer> scorer = tact::Scorer::FromPacks(*packs, true);
  if (!scorer.ok()) {
    std::cerr << scorer.status().message() << "\n";
    return kExitUsage;
  }
  int count = 0;
  int failed = 0;
  for (const tact::ExampleFailure& f : scorer->CheckExamples(&count)) {
    bool ours = false;
    for (const std::string& file : files) ours = ours || f.pack == file;
    if (!ours) continue;
    ++failed;
    std::cerr << f.pack << ": " << f.rule << ": " << f.message << "\n";
  }
  if (failed > 0) {
    std::cerr << failed << " example(s) failed\n";
    return kExitRejected;
  }
  std::cout << files.size() << " pack(s) ok\n";
  return kExitOk;
}

int PacksCompile(const std::vector<std::string>& args) {
  std::string dir;
  std::string out;
  bool with_builtin = true;
  bool with_examples = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "-o" || args[i] == "--output") && i + 1 < args.size()) {
      out = args[++i];
    } else if (args[i] == "--no-builtin") {
      with_builtin = false;
    } else if (args[i] == "--with-examples") {
      with_examples = true;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Usage("unknown option '" + args[i] + "'");
    } else if (dir.empty()) {
      dir = args[i];
    } else {
      return Usage("packs compile takes one DIR");
    }
  }
  if (dir.empty() || out.empty()) return Usage("packs compile needs DIR and -o FILE");
  auto packs = tact::cli::ReadPackDir(dir);
  if (!packs.ok()) return Usage(std::string(packs.status().message()));
  absl::StatusOr<tact::Scorer> scorer = tact::Scorer::FromPacks(*packs, with_builtin);
  if (!scorer.ok()) {
    std::cerr << scorer.status().message() << "\n";
    return kExitUsage;
  }
  const std::string image = scorer->Image(with_examples);
  std::ofstream o(out, std::ios::binary | std::ios::trunc);
  o << image;
  o.close();
  if (!o) return Usage(out + ": cannot write");
  std::cout << out << ": " << packs->size() << " pack file(s), " << image.size() << " bytes\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "tact " << tact::Version() << "\n";
    return kExitOk;
  }
  if (args[0] == "score" || args[0] == "report")
    return Run(args[0], {args.begin() + 1, args.end()});
  if (args[0] == "packs" && args.size() >= 2 && args[1] == "check") {
    return PacksCheck({args.begin() + 2, args.end()});
  }
  if (args[0] == "packs" && args.size() >= 2 && args[1] == "compile") {
    return PacksCompile({args.begin() + 2, args.end()});
  }
  return Usage("unknown command '" + args[0] + "'");
}
