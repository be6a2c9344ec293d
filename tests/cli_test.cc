// Runs the built `tact` binary as a user would.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"

namespace tact {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tact_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Runs `tact <args>`, optionally with stdin from `stdin_file`.
  CliRun Tact(const std::string& args, const std::string& stdin_file = "") {
    const std::string out = (dir_ / "out.txt").string();
    const std::string err = (dir_ / "err.txt").string();
    std::string cmd =
        std::string("'") + TACT_CLI_PATH + "' " + args + " > '" + out + "' 2> '" + err + "'";
    if (!stdin_file.empty()) cmd += " < '" + stdin_file + "'";
    const int status = std::system(cmd.c_str());
    CliRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = testing::ReadFile(out);
    run.err = testing::ReadFile(err);
    return run;
  }

  static std::vector<std::string> Lines(const std::string& s) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find('\n', start);
      if (end == std::string::npos) end = s.size();
      lines.push_back(s.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }

  std::filesystem::path dir_;
};

std::string TenLinesWithBadThird() {
  std::string in;
  for (int i = 1; i <= 10; ++i) {
    if (i == 3) {
      in += "{\"id\": 3, \"review\": \"oops\", \"reply\": \n";  // cut JSON
    } else {
      in += "{\"id\": " + std::to_string(i) +
            ", \"review\": \"Colis reçu abîmé.\", \"reply\": \"Bonjour, merci pour votre "
            "message, nous sommes désolés.\"}\n";
    }
  }
  return in;
}

TEST_F(CliTest, MalformedLineIsReportedAndOthersScored) {
  const std::string in = Write("in.jsonl", TenLinesWithBadThird());
  const CliRun run = Tact("score '" + in + "'");
  EXPECT_EQ(run.exit_code, 1);
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    if (i == 2) {
      EXPECT_EQ(lines[i].rfind("{\"line\":3,\"error\":", 0), 0u) << lines[i];
    } else {
      EXPECT_EQ(lines[i].rfind("{\"id\":" + std::to_string(i + 1) + ",\"score\":", 0), 0u)
          << lines[i];
    }
  }
  EXPECT_NE(run.err.find("line 3:"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("line 4:"), std::string::npos) << run.err;
}

TEST_F(CliTest, StdinGivesTheSameOutputAsAFile) {
  const std::string in = Write("in.jsonl", TenLinesWithBadThird());
  const CliRun from_file = Tact("score '" + in + "'");
  const CliRun from_stdin = Tact("score -", in);
  const CliRun implicit = Tact("score", in);
  EXPECT_EQ(from_stdin.exit_code, 1);
  EXPECT_EQ(from_stdin.out, from_file.out);
  EXPECT_EQ(implicit.out, from_file.out);
}

TEST_F(CliTest, ThreadCountDoesNotChangeOutput) {
  // Many lines so that several batches are in flight at once.
  const std::string sample = testing::ReadFile(testing::SourcePath("native/sample/reviews.jsonl"));
  ASSERT_FALSE(sample.empty());
  std::string big;
  for (int i = 0; i < 40; ++i) big += sample;
  const std::string in = Write("big.jsonl", big);
  const CliRun one = Tact("score --threads 1 '" + in + "'");
  const CliRun two = Tact("score --threads 2 '" + in + "'");
  const CliRun four = Tact("score --threads 4 '" + in + "'");
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(Lines(one.out).size(), Lines(big).size());
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, four.out);
}

TEST_F(CliTest, LangOptionAppliesToLinesWithoutLang) {
  const std::string in =
      Write("in.jsonl", "{\"reply\": \"ok\"}\n{\"reply\": \"ok\", \"lang\": \"fr\"}\n");
  const std::vector<std::string> lines = Lines(Tact("score --lang en '" + in + "'").out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("\"lang\":\"en\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"lang\":\"fr\""), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Tact("").exit_code, 2);
  EXPECT_EQ(Tact("frobnicate").exit_code, 2);
  const CliRun bad_threads = Tact("score --threads zero");
  EXPECT_EQ(bad_threads.exit_code, 2);
  EXPECT_NE(bad_threads.err.find("--threads"), std::string::npos);
  EXPECT_EQ(Tact("score /no/such/file.jsonl").exit_code, 2);
  const CliRun help = Tact("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("tact score"), std::string::npos);
}

TEST_F(CliTest, BrokenCustomPackIsAPackError) {
  std::filesystem::create_directories(dir_ / "packs");
  Write("packs/thanks.json", "{\"lang\": \"fr\", \"criterion\": \"thanks\", \"rules\": [1]}");
  const std::string in = Write("in.jsonl", "{\"reply\": \"merci\"}\n");
  const CliRun run = Tact("score --packs '" + (dir_ / "packs").string() + "' '" + in + "'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("thanks.json:1:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("/rules/0: expected a rule object"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST_F(CliTest, CustomPackExtendsBuiltin) {
  std::filesystem::create_directories(dir_ / "packs");
  Write("packs/argue.json", R"json({"lang": "fr", "criterion": "argue", "rules": [
    {"id": "fr.argue.test_custom", "phrases": ["zorglub"], "message": "custom",
     "examples": {"match": ["[zorglub]"]}}]})json");
  const std::string in = Write("in.jsonl", "{\"reply\": \"Merci, zorglub.\", \"lang\": \"fr\"}\n");
  const CliRun run = Tact("score --packs '" + (dir_ / "packs").string() + "' '" + in + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"rule\":\"fr.argue.test_custom\""), std::string::npos) << run.out;
}

TEST_F(CliTest, PacksCheckRunsExamples) {
  const CliRun ok = Tact("packs check '" + testing::SourcePath("core/packs/fr/hints.json") + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  const CliRun failing =
      Tact("packs check '" + testing::SourcePath("tests/packs_broken/failing_example.json") + "'");
  EXPECT_EQ(failing.exit_code, 1);
  EXPECT_NE(failing.err.find("fr.thanks.merci_test: expected [merci] pour tout, got nothing"),
            std::string::npos)
      << failing.err;
  const CliRun broken =
      Tact("packs check '" + testing::SourcePath("tests/packs_broken/empty_phrase.json") + "'");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("/rules/0/phrases/1: empty phrase"), std::string::npos);
}

TEST_F(CliTest, PacksCompileThenScoreWithTheImage) {
  std::filesystem::create_directories(dir_ / "packs" / "fr");
  Write("packs/fr/thanks.json", R"json({"lang": "fr", "criterion": "thanks", "rules": [
    {"id": "fr.thanks.grand_merci", "phrases": ["grand merci"], "message": "m",
     "examples": {"match": ["Un [grand merci] !"]}}]})json");
  const std::string input =
      Write("in.jsonl",
            "{\"reply\": \"Un grand merci, nous vous rappelons demain.\", \"lang\": \"fr\"}\n"
            "{\"reply\": \"Merci pour votre avis.\", \"lang\": \"fr\"}\n");
  const std::string image = (dir_ / "custom.tactpack").string();
  const CliRun compiled =
      Tact("packs compile '" + (dir_ / "packs").string() + "' -o '" + image + "'");
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  const CliRun from_json =
      Tact("score --packs '" + (dir_ / "packs").string() + "' '" + input + "'");
  const CliRun from_image = Tact("score --image '" + image + "' '" + input + "'");
  EXPECT_EQ(from_image.exit_code, 0) << from_image.err;
  EXPECT_EQ(from_image.out, from_json.out);
  EXPECT_NE(from_image.out, Tact("score '" + input + "'").out);  // the custom pack is in it
  // Not an image: a clear error and the usage exit code.
  const CliRun bad = Tact("score --image '" + input + "' '" + input + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not a Tact pack image"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace tact
