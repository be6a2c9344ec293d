// Nothing lost under stress: the built CLI on a large file mixing good lines with malformed
// JSON, invalid UTF-8, lone surrogate escapes, empty replies and lines, a byte order mark, CRLF
// endings, huge fields, a line over the line limit and no final newline, at 1, 2 and 8 threads.
// Output line N answers input line N; each bad line's error names it; the exit status is 1
// (README: some lines rejected). And a reader that stops early (`| head -1`) ends tact quietly.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace tact {
namespace {

struct TactRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliStressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tact_stress_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(Path(name), std::ios::binary) << content;
    return Path(name);
  }

  // `tact <args> < stdin_file`, outputs captured.
  TactRun Tact(const std::string& args, const std::string& stdin_file) {
    const std::string cmd = absl::StrCat("'", TACT_CLI_PATH, "' ", args, " < '", stdin_file,
                                         "' > '", Path("out"), "' 2> '", Path("err"), "'");
    const int status = std::system(cmd.c_str());
    TactRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = testing::ReadFile(Path("out"));
    run.err = testing::ReadFile(Path("err"));
    return run;
  }

  // A shell pipeline in bash (for PIPESTATUS), bounded by `timeout`: its stdout, and tact's
  // exit status, which the script writes to the file "status".
  std::string Bash(const std::string& script) {
    const std::string cmd = absl::StrCat("timeout 120 bash -c '", script, "' > '", Path("first"),
                                         "' 2> '", Path("bash_err"), "'");
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 124) << "timed out: " << script;
    return testing::ReadFile(Path("first"));
  }

  std::filesystem::path dir_;
};

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < s.size();) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct Expected {
  bool error = false;
  std::string what;  // a part of the error message, or of the report
};

// The big file and, per line, what its output line must say.
std::string BigInput(std::vector<Expected>* expected) {
  const char* const kReplies[] = {
      "Bonjour Sophie, merci pour votre message. Nous sommes désolés pour ce retard : nous vous "
      "rappelons demain. Marc",
      "Hello Bob, thank you. We are sorry, please email us at help@example.com. Kelly",
      "VOUS AVEZ TORT !!! Relisez nos CGV.",
  };
  const std::string huge(300 * 1024, 'a');
  std::string in;
  for (int n = 1; n <= 2400; ++n) {
    const std::string id = std::to_string(n);
    const std::string reply = kReplies[n % 3];
    std::string line;
    Expected e;
    switch (n % 40) {
      case 3:
        line = "{\"id\": " + id + ", \"reply\": ";
        e = {true, "not valid JSON"};
        break;
      case 7:
        line = "{\"id\": " + id + ", \"reply\": \"Merci \xFF\xFE beaucoup\"}";
        e = {false, "\"flags\":[\"invalid_utf8\""};
        break;
      case 11:
        line = "{\"id\": " + id + ", \"reply\": \"Merci \\ud83d !\"}";
        e = {true, "not valid JSON"};
        break;
      case 13:
        line = "{\"id\": " + id + ", \"reply\": \"\"}";
        e = {false, "\"score\":0,"};
        break;
      case 17:
        line = "";
        e = {true, "empty line"};
        break;
      case 19:
        line = " \t ";
        e = {true, "empty line"};
        break;
      case 23:
        line = "{\"id\": " + id + ", \"review\": \"abc\"}";
        e = {true, "missing \\\"reply\\\""};
        break;
      case 29:
        line = "{\"id\": " + id + ", \"reply\": [\"no\"]}";
        e = {true, "\\\"reply\\\" must be a string"};
        break;
      default:
        line = "{\"id\": " + id + ", \"review\": \"Colis abîmé.\", \"reply\": \"" + reply +
               "\", \"author\": \"Sophie M.\"}";
        e = {false, "\"score\":"};
    }
    if (n % 400 == 150) {  // a huge field: cut and flagged
      line = "{\"id\": " + id + ", \"reply\": \"" + reply + " " + huge + "\"}";
      e = {false, "\"truncated\""};
    }
    if (n == 1000) {  // over the 4 MiB line limit: rejected, the rest goes on
      line = "{\"id\": " + id + ", \"reply\": \"" + std::string(5 << 20, 'b') + "\"}";
      e = {true, "line longer than 4194304 bytes (--max-line-bytes)"};
    }
    if (n == 1) line = "\xEF\xBB\xBF" + line;  // a byte order mark
    in += line;
    if (n < 2400) in += n % 5 == 0 ? "\r\n" : "\n";  // CRLF; no newline after the last line
    expected->push_back(e);
  }
  return in;
}

TEST_F(CliStressTest, EveryLineAnsweredInOrderAtAnyThreadCount) {
  std::vector<Expected> expected;
  const std::string big = Write("big.jsonl", BigInput(&expected));
  std::string first_output;
  for (int threads : {1, 2, 8}) {
    SCOPED_TRACE(absl::StrCat(threads, " threads"));
    const TactRun run = Tact(absl::StrCat("score --threads ", threads), big);
    EXPECT_EQ(run.exit_code, 1);  // some lines rejected
    const std::vector<std::string> out = Lines(run.out);
    ASSERT_EQ(out.size(), expected.size());
    std::set<std::string> err_lines;
    for (const std::string& l : Lines(run.err)) err_lines.insert(l);
    size_t rejected = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      const Expected& e = expected[i];
      if (e.error) {
        ++rejected;
        EXPECT_EQ(out[i].rfind("{\"line\":" + n + ",", 0), 0u) << n << ": " << out[i];
        EXPECT_NE(out[i].find(e.what), std::string::npos) << n << ": " << out[i];
        bool named = false;
        for (const std::string& l : err_lines)
          named = named || l.rfind("tact: line " + n + ": ", 0) == 0;
        EXPECT_TRUE(named) << n;
      } else {
        EXPECT_EQ(out[i].rfind("{\"id\":" + n + ",\"score\":", 0), 0u)
            << n << ": " << out[i].substr(0, 200);
        EXPECT_NE(out[i].find(e.what), std::string::npos) << n << ": " << out[i].substr(0, 200);
      }
    }
    EXPECT_EQ(err_lines.size(), rejected + 1);  // one per rejected line, and the summary
    EXPECT_TRUE(err_lines.count(absl::StrCat("tact: ", rejected, " of 2400 lines rejected")))
        << run.err.substr(0, 500);
    if (threads == 1) {
      first_output = run.out;
    } else {
      EXPECT_EQ(run.out, first_output);  // the same bytes at any thread count
    }
  }
}

TEST_F(CliStressTest, LineLimitOption) {
  const std::string line = "{\"id\": 2, \"reply\": \"Merci pour votre message.\"}";
  const std::string in = Write("in.jsonl", "{\"id\": 1, \"reply\": \"ok\"}\n" + line + "\n" +
                                               "{\"id\": 3, \"reply\": \"ok\"}\n");
  const TactRun fits = Tact(absl::StrCat("score --max-line-bytes ", line.size()), in);
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
  const TactRun cut = Tact(absl::StrCat("score --max-line-bytes ", line.size() - 1), in);
  EXPECT_EQ(cut.exit_code, 1);
  const std::vector<std::string> out = Lines(cut.out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].rfind("{\"id\":1,\"score\":", 0), 0u);
  EXPECT_EQ(out[1], absl::StrCat("{\"line\":2,\"error\":\"line longer than ", line.size() - 1,
                                 " bytes (--max-line-bytes)\"}"));
  EXPECT_EQ(out[2].rfind("{\"id\":3,\"score\":", 0), 0u);
  EXPECT_NE(cut.err.find("tact: line 2: line longer than"), std::string::npos) << cut.err;
  for (const char* bad : {"0", "-1", "x", "1073741825"}) {
    const TactRun usage = Tact(absl::StrCat("score --max-line-bytes ", bad), in);
    EXPECT_EQ(usage.exit_code, 2) << bad;
    EXPECT_NE(usage.err.find("--max-line-bytes needs a number"), std::string::npos) << usage.err;
  }
}

// `tact score big.jsonl | head -1`: tact stops at once when its reader is gone, writes nothing
// to stderr, and exits 141 (as a command ended by SIGPIPE), whether or not SIGPIPE is ignored.
TEST_F(CliStressTest, ClosedStdoutEndsQuietly) {
  std::string big;
  for (int n = 1; n <= 3000; ++n) {
    big += absl::StrCat("{\"id\": ", n, ", \"reply\": \"Merci, nous sommes désolés.\"}\n");
  }
  const std::string file = Write("big.jsonl", big);
  const std::string tact = absl::StrCat("\"", TACT_CLI_PATH, "\"");
  const std::string err = Path("tact_err");
  for (const char* prelude : {"", "trap \"\" PIPE; "}) {
    SCOPED_TRACE(*prelude ? "SIGPIPE ignored" : "SIGPIPE default");
    const std::string first =
        Bash(absl::StrCat(prelude, tact, " score --threads 2 \"", file, "\" 2> \"", err,
                          "\" | head -1; echo ", "${PIPESTATUS[0]} > \"", Path("status"), "\""));
    EXPECT_EQ(first.rfind("{\"id\":1,\"score\":", 0), 0u) << first;
    EXPECT_EQ(Lines(first).size(), 1u);
    EXPECT_EQ(testing::ReadFile(Path("status")), "141\n");
    EXPECT_EQ(testing::ReadFile(err), "");
    // Endless input: only stopping when stdout closes ends it.
    Bash(absl::StrCat(prelude, "yes \"{\\\"reply\\\": \\\"merci\\\"}\" 2>/dev/null | ", tact,
                      " score --threads 4 2> \"", err, "\" | head -1 >/dev/null; echo ",
                      "${PIPESTATUS[1]} > \"", Path("status"), "\""));
    EXPECT_EQ(testing::ReadFile(Path("status")), "141\n");
    EXPECT_EQ(testing::ReadFile(err), "");
  }
}

}  // namespace
}  // namespace tact
