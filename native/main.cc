// tact: scores (review, reply) pairs from JSONL, and checks rule packs.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "batch.h"
#include "packs_dir.h"
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
  tact score [FILE|-] [options]   score JSONL (stdin when FILE is - or absent), one JSON
                                  report line out per input line, in the same order
  tact packs check FILE...        validate rule packs and run their examples
  tact packs compile DIR -o FILE  compile the packs under DIR (on top of the built-in ones,
                                  or alone with --no-builtin) into a pack image that
                                  `tact score --image` and the widget load without compiling;
                                  --with-examples keeps the examples (for checkExamples)
  tact --help | --version

Input line:  {"review": "...", "reply": "...", "id": ..., "lang": "fr"|"en"|...|"auto",
              "author": "Sophie M.", "rating": 1-5, "business": "..." | ["...", ...]}
             only "reply" is required.

Options for score:
  --threads N     worker threads (default: all cores)
  --lang L        a loaded language (fr, en, ...) or auto (default), for lines without "lang"
  --packs DIR     custom rule packs (*.json under DIR): a pack for the same language and
                  criterion, or a lexicon of the same name, replaces the built-in one;
                  the others extend them
  --no-builtin    with --packs: use only the custom packs
  --image FILE    a compiled pack image (tact packs compile) instead of the built-in packs
  --max-line-bytes N
                  reject longer input lines (default 4194304, 4 MiB); the rest goes on

Exit status: 0 every line scored, 1 some lines rejected (each gets {"line":N,"error":...}
on stdout and a message on stderr), 2 usage, I/O or rule pack error, 141 stdout closed
early (e.g. by `| head`): tact stops reading, quietly.
)";

int Usage(const std::string& problem) {
  std::cerr << "tact: " << problem << "\n(see tact --help)\n";
  return kExitUsage;
}

int Score(const std::vector<std::string>& args) {
  std::string file = "-";
  std::string packs_dir;
  std::string image_file;
  bool with_builtin = true;
  bool file_set = false;
  tact::cli::BatchOptions options;
  options.threads = static_cast<int>(std::thread::hardware_concurrency());
  if (options.threads < 1) options.threads = 1;
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
      if (!value(&packs_dir)) return Usage("--packs needs a directory");
    } else if (a == "--no-builtin") {
      with_builtin = false;
    } else if (a == "--image") {
      if (!value(&image_file)) return Usage("--image needs a file");
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return Usage("unknown option '" + a + "'");
    } else if (!file_set) {
      file = a;
      file_set = true;
    } else {
      return Usage("score takes one input file");
    }
  }
  if (!with_builtin && packs_dir.empty()) return Usage("--no-builtin needs --packs DIR");

  if (!image_file.empty() && !packs_dir.empty())
    return Usage("--image and --packs exclude each other");
  absl::StatusOr<tact::Scorer> scorer = absl::UnknownError("");
  if (!image_file.empty()) {
    std::ifstream in(image_file, std::ios::binary);
    std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return Usage(image_file + ": cannot read");
    scorer = tact::Scorer::FromImage(image);
    if (!scorer.ok()) {
      std::cerr << "tact: " << image_file << ": " << scorer.status().message() << "\n";
      return kExitUsage;
    }
  } else if (!packs_dir.empty()) {
    auto read = tact::cli::ReadPackDir(packs_dir);
    if (!read.ok()) return Usage(std::string(read.status().message()));
    scorer = tact::Scorer::FromPacks(*read, with_builtin);
  } else {
    scorer = tact::Scorer::Builtin();
  }
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
  if (file != "-") {
    file_in.open(file, std::ios::binary);
    if (!file_in) return Usage(file + ": cannot open");
    in = &file_in;
  }
  std::ios::sync_with_stdio(false);
  options.progress = isatty(STDERR_FILENO) != 0 && isatty(STDOUT_FILENO) == 0;
  // A closed stdout is an EPIPE write error, seen and handled below, not a signal: the same
  // quiet outcome whether or not the parent ignores SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const tact::cli::BatchStats stats =
      tact::cli::ScoreStream(*scorer, *in, std::cout, std::cerr, options);
  if (stats.output_failed) {
    if (stats.output_errno == EPIPE) return kExitOutputClosed;
    std::cerr << "tact: write error: " << std::strerror(stats.output_errno) << "\n";
    return kExitUsage;
  }
  if (stats.rejected > 0) {
    std::cerr << "tact: " << stats.rejected << " of " << stats.lines << " lines rejected\n";
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
  if (args[0] == "score") return Score({args.begin() + 1, args.end()});
  if (args[0] == "packs" && args.size() >= 2 && args[1] == "check") {
    return PacksCheck({args.begin() + 2, args.end()});
  }
  if (args[0] == "packs" && args.size() >= 2 && args[1] == "compile") {
    return PacksCompile({args.begin() + 2, args.end()});
  }
  return Usage("unknown command '" + args[0] + "'");
}
