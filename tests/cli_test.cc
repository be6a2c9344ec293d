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
  // A criterion whose pack declares no check (a pack that replaces one with checks must
  // declare them again: the built-in languages run every registered check).
  Write("packs/insult.json", R"json({"lang": "fr", "criterion": "insult", "rules": [
    {"id": "fr.insult.test_custom", "phrases": ["zorglub"], "message": "custom",
     "examples": {"match": ["[zorglub]"]}}]})json");
  const std::string in = Write("in.jsonl", "{\"reply\": \"Merci, zorglub.\", \"lang\": \"fr\"}\n");
  const CliRun run = Tact("score --packs '" + (dir_ / "packs").string() + "' '" + in + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"rule\":\"fr.insult.test_custom\""), std::string::npos) << run.out;
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

// The same three pairs as JSONL and as a spreadsheet's CSV export (';', quotes, a line break
// inside a reply, CRLF, a BOM, French column names).
constexpr char kPairsJsonl[] =
    "{\"id\":\"a\",\"review\":\"Colis jamais reçu, service client injoignable.\",\"rating\":1,"
    "\"author\":\"Sophie M.\",\"date\":\"2025-03-01\",\"reply\":\"Bonjour Sophie,\\nnous sommes "
    "désolés pour ce colis. Je vous rembourse aujourd'hui. Léa\"}\n"
    "{\"id\":\"b\",\"review\":\"Super accueil, merci !\",\"rating\":5,\"author\":\"Marc\","
    "\"date\":\"2025-04-02\",\"reply\":\"Merci Marc pour ce retour, à bientôt ! Paul\"}\n"
    "{\"id\":\"c\",\"review\":\"Lent.\",\"rating\":2,\"author\":\"Zoé\",\"date\":\"2025-04-03\","
    "\"reply\":\"Vous auriez dû venir plus tôt.\"}\n";
constexpr char kPairsCsv[] =
    "\xEF\xBB\xBFid;Commentaire;star;date;client;reponse\r\n"
    "a;Colis jamais reçu, service client injoignable.;1;2025-03-01;Sophie M.;\"Bonjour Sophie,\n"
    "nous sommes désolés pour ce colis. Je vous rembourse aujourd'hui. Léa\"\r\n"
    "b;Super accueil, merci !;5;02/04/2025;Marc;Merci Marc pour ce retour, à bientôt ! Paul\r\n"
    "c;Lent.;2;2025-04-03;Zoé;Vous auriez dû venir plus tôt.\r\n";

TEST_F(CliTest, ScoresCsvAsItScoresTheSameJsonl) {
  const CliRun jsonl = Tact("score '" + Write("pairs.jsonl", kPairsJsonl) + "'");
  const CliRun csv = Tact("score '" + Write("pairs.csv", kPairsCsv) + "'");
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  ASSERT_EQ(Lines(csv.out).size(), 3u);
  EXPECT_EQ(csv.out, jsonl.out);
  // Read from stdin with --input csv and a column map.
  const CliRun mapped = Tact(
      "score --input csv --map review=Avis,reply=Reponse,id=Ref",
      Write("mapped.csv", "Ref,Avis,Reponse\nx1,\"Nul, vraiment\",\"Désolés, on rembourse.\"\n"));
  EXPECT_EQ(mapped.exit_code, 0) << mapped.err;
  EXPECT_EQ(mapped.out.rfind("{\"id\":\"x1\",\"score\":", 0), 0u) << mapped.out;
}

TEST_F(CliTest, BadCsvRowsAreNamedByLineAndAHeaderWithoutReplyStops) {
  const CliRun run = Tact("score '" +
                          Write("bad.csv",
                                "review,reply,rating\n"
                                "ok,\"fine,\nthanks\",5\n"
                                "short,row\n"
                                "x,y,9\n") +
                          "'");
  EXPECT_EQ(run.exit_code, 1);
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[0].rfind("{\"score\":", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1], "{\"line\":4,\"error\":\"row has 2 fields, the header has 3\"}");
  EXPECT_EQ(lines[2], "{\"line\":5,\"error\":\"rating '9' is not a number from 1 to 5\"}");
  EXPECT_NE(run.err.find("tact: line 4: row has 2 fields"), std::string::npos) << run.err;
  const CliRun header = Tact("report '" + Write("h.csv", "avis,note\nnul,1\n") + "'");
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_NE(header.err.find("no reply column in the CSV header (columns: 'avis', 'note')"),
            std::string::npos)
      << header.err;
  EXPECT_EQ(Tact("score --map reply").exit_code, 2);
  EXPECT_EQ(Tact("report --format pdf").exit_code, 2);
}

TEST_F(CliTest, ReportGivesTheSameInsightsFromCsvAndJsonlAndAnyThreadCount) {
  const std::string jsonl = Write("pairs.jsonl", kPairsJsonl);
  const CliRun a = Tact("report --format json --threads 1 '" + jsonl + "'");
  const CliRun b = Tact("report --format json --threads 2 '" + Write("pairs.csv", kPairsCsv) + "'");
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  // The same insights, but for the line numbers: the CSV's records start on lines 2, 4 and 5.
  const auto without_lines = [](const std::string& s) {
    std::string out;
    constexpr std::string_view kLine = "\"line\":";
    for (size_t i = 0; i < s.size();) {
      if (s.compare(i, kLine.size(), kLine) == 0) {
        out.append(kLine).push_back('_');
        i += kLine.size();
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      } else {
        out.push_back(s[i++]);
      }
    }
    return out;
  };
  EXPECT_TRUE(without_lines(a.out) == without_lines(b.out));
  EXPECT_NE(b.out.find("\"weakest\":[{\"line\":5,\"id\":\"c\""), std::string::npos);
  EXPECT_NE(b.out.find("{\"line\":4,\"id\":\"b\""), std::string::npos);
  EXPECT_NE(b.out.find("{\"line\":2,\"id\":\"a\""), std::string::npos);
  EXPECT_EQ(a.out.rfind("{\"insights_version\":1,", 0), 0u) << a.out;
  EXPECT_NE(a.out.find("\"rows\":3,\"scored\":3,\"errors\":0"), std::string::npos) << a.out;
  // The signing agents, the trend by month (the dates span two months).
  EXPECT_NE(a.out.find("{\"agent\":\"Léa\",\"count\":1,"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("\"trend\":{\"unit\":\"month\",\"periods\":[{\"period\":\"2025-03\""),
            std::string::npos)
      << a.out;
  // Many rows, several batches in flight: the thread count changes nothing.
  const std::string sample = testing::ReadFile(testing::SourcePath("native/sample/reviews.jsonl"));
  std::string big;
  for (int i = 0; i < 30; ++i) big += sample;
  const std::string big_file = Write("big.jsonl", big);
  const CliRun one = Tact("report --format json --threads 1 '" + big_file + "'");
  const CliRun four = Tact("report --format json --threads 4 '" + big_file + "'");
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_TRUE(one.out == four.out);
}

// An attribute src=, href= or action= whose value leaves the page (//host, http:, https:). A plain
// scan: std::regex trips g++ 12's -Wmaybe-uninitialized under ASan.
bool LinksOut(std::string_view page) {
  for (std::string_view attr : {"src", "href", "action"}) {
    for (size_t at = page.find(attr); at != std::string_view::npos; at = page.find(attr, at + 1)) {
      size_t i = at + attr.size();
      while (i < page.size() && page[i] == ' ') ++i;
      if (i >= page.size() || page[i] != '=') continue;
      ++i;
      while (i < page.size() && page[i] == ' ') ++i;
      if (i < page.size() && (page[i] == '"' || page[i] == '\'')) ++i;
      const std::string_view value = page.substr(i, 8);
      if (value.substr(0, 2) == "//" || value.substr(0, 7) == "http://" || value == "https://") {
        return true;
      }
    }
  }
  return false;
}

TEST_F(CliTest, HtmlReportIsOnePageWhoseDataCannotCloseItsScript) {
  const std::string in =
      Write("x.jsonl",
            "{\"reply\":\"</script><script>alert(1)</script> Vous auriez dû lire, c'est écrit.\","
            "\"review\":\"<img src=x onerror=alert(2)>\",\"author\":\"<b>Bob</b>\"}\n");
  const std::string html = (dir_ / "report.html").string();
  const CliRun run = Tact("report '" + in + "' -o '" + html + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string page = testing::ReadFile(html);
  const std::string template_page =
      testing::ReadFile(testing::SourcePath("web/report/dist/report-template.html"));
  // The template has its placeholder once; the page has the data in its place.
  const std::string placeholder = "\"__TACT_INSIGHTS__\"";
  const size_t at = template_page.find(placeholder);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(template_page.find(placeholder, at + 1), std::string::npos);
  EXPECT_EQ(page.find(placeholder), std::string::npos);
  EXPECT_EQ(page.substr(0, at), template_page.substr(0, at));
  EXPECT_NE(page.find("{\"insights_version\":1,"), std::string::npos);
  EXPECT_EQ(page.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_NE(page.find("\\u003c/script>\\u003cscript>alert(1)"), std::string::npos);
  // Nothing is fetched from anywhere: no link or source out of the page (the only URLs are
  // XML namespace names), and a policy that refuses every request.
  ASSERT_TRUE(LinksOut("<script src = 'https://cdn.example/x.js'>"));
  ASSERT_TRUE(LinksOut("<a href=//example.org>"));
  ASSERT_FALSE(LinksOut("<a href=\"#top\">"));
  EXPECT_FALSE(LinksOut(page));
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  // To stdout without -o.
  const CliRun out = Tact("report '" + in + "'");
  EXPECT_EQ(out.out, page);
}

TEST_F(CliTest, AMalformedFirstLineOfJsonlOnStdinIsLineOneNotACsvHeader) {
  const CliRun run = Tact("score", Write("in.jsonl", "oops, not json\n{\"reply\":\"Merci !\"}\n"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  EXPECT_EQ(lines[0].rfind("{\"line\":1,\"error\":\"not valid JSON", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("{\"score\":", 0), 0u) << lines[1];
  // Told, the same bytes are read as CSV.
  EXPECT_EQ(Tact("score --input auto", Write("in2.jsonl", "oops\nx\n")).exit_code, 2);
}

}  // namespace
}  // namespace tact
