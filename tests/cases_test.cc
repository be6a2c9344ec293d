// The shared case files tests/cases/<lang>/*.json, also run by the wasm build (web/test).
// Expected offsets come from the case's `text`, found in the reply by this harness.
// `expect.findings` lists the violation findings exactly: every warning or problem the report
// has must be listed, so `"findings": []` means "no violation fires" (hints only when listed).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "tact/tact.h"
#include "test_util.h"

namespace tact {
namespace {

namespace json = boost::json;

struct Case {
  std::string file;
  std::string name;
  json::object data;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.file << ": " << c.name; }

std::vector<std::string> CaseFiles() {
  std::vector<std::string> files;
  const std::string root = testing::SourcePath("tests/cases");
  if (!std::filesystem::is_directory(root)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The violation ids of the rubric, read from the pack file (not from the engine under test).
std::vector<std::string> Violations() {
  std::vector<std::string> ids;
  boost::system::error_code ec;
  json::value v = json::parse(testing::ReadFile(testing::SourcePath("core/packs/rubric.json")), ec);
  if (ec) return ids;
  for (const json::value& e : v.at("violations").as_array()) {
    ids.emplace_back(e.at("id").as_string().c_str());
  }
  return ids;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  const std::vector<std::string> files = CaseFiles();
  for (const std::string& file : files) {
    boost::system::error_code ec;
    json::value v = json::parse(testing::ReadFile(file), ec);
    const std::string rel = file.substr(file.find("tests/cases/"));
    if (ec || !v.is_array()) {
      cases.push_back({rel, "unreadable", {}});
      continue;
    }
    for (const json::value& c : v.get_array()) {
      Case item{rel, "", c.is_object() ? c.get_object() : json::object()};
      if (const json::string* n =
              item.data.contains("name") ? item.data["name"].if_string() : nullptr) {
        item.name = std::string(n->data(), n->size());
      }
      cases.push_back(std::move(item));
    }
  }
  return cases;
}

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return "";
  return std::string(v->get_string().data(), v->get_string().size());
}

class CasesTest : public ::testing::TestWithParam<Case> {};

TEST_P(CasesTest, MatchesExpectations) {
  static const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  const Case& c = GetParam();
  ASSERT_FALSE(c.data.empty()) << c.file << ": not a list of case objects";
  const std::string reply = Str(c.data, "reply");
  const std::string review = Str(c.data, "review");
  const std::string author = Str(c.data, "author");
  const std::string lang = Str(c.data, "lang");
  std::vector<std::string> business_storage;
  ScoreOptions options;
  options.author = author;
  options.lang = lang;
  if (const json::value* b = c.data.if_contains("business")) {
    if (b->is_string()) business_storage.emplace_back(b->get_string().c_str());
    if (b->is_array()) {
      for (const json::value& item : b->get_array()) {
        if (item.is_string()) business_storage.emplace_back(item.get_string().c_str());
      }
    }
  }
  for (const std::string& b : business_storage) options.business.push_back(b);
  if (const json::value* rating = c.data.if_contains("rating"); rating && rating->is_int64()) {
    options.rating = static_cast<int>(rating->get_int64());
  }
  const Report report = scorer->Score(review, reply, options).value();
  const std::string report_json = ToJson(report);
  SCOPED_TRACE(c.file + ": " + c.name + "\n" + report_json);

  const json::object* expect =
      c.data.contains("expect") ? c.data.at("expect").if_object() : nullptr;
  ASSERT_NE(expect, nullptr) << "case has no expect";
  if (const json::value* polarity = expect->if_contains("polarity")) {
    EXPECT_EQ(report.polarity, std::string_view(polarity->get_string().c_str())) << "polarity";
  }
  if (const json::value* band = expect->if_contains("band")) {
    EXPECT_EQ(report.band, std::string_view(band->get_string().c_str())) << "band";
  }
  if (const json::value* criteria = expect->if_contains("criteria")) {
    for (const auto& [id, status] : criteria->get_object()) {
      bool found = false;
      for (const CriterionResult& r : report.criteria) {
        if (r.id != std::string_view(id.data(), id.size())) continue;
        found = true;
        EXPECT_EQ(StatusName(r.status), std::string_view(status.get_string().c_str()))
            << "criterion " << std::string_view(id.data(), id.size());
      }
      EXPECT_TRUE(found) << "unknown criterion " << std::string_view(id.data(), id.size());
    }
  }
  if (const json::value* findings = expect->if_contains("findings")) {
    // Exactly these violations: every warning or problem the report has must be listed (hints,
    // like `generic`, are checked only when listed).
    static const std::vector<std::string> violations = Violations();
    ASSERT_FALSE(violations.empty());
    for (const Finding& got : report.findings) {
      if (got.severity == Severity::kHint ||
          std::find(violations.begin(), violations.end(), got.criterion) == violations.end()) {
        continue;
      }
      bool listed = false;
      for (const json::value& fv : findings->get_array()) {
        listed = listed || Str(fv.get_object(), "rule") == got.rule;
      }
      EXPECT_TRUE(listed) << "unexpected " << got.rule << " on '"
                          << reply.substr(got.span.begin, got.span.end - got.span.begin) << "'";
    }
    for (const json::value& fv : findings->get_array()) {
      const json::object& f = fv.get_object();
      const std::string rule = Str(f, "rule");
      const std::string text = Str(f, "text");
      const size_t begin = reply.find(text);
      ASSERT_NE(begin, std::string::npos) << "'" << text << "' is not in the reply";
      const uint32_t begin16 = testing::Utf16Length(std::string_view(reply).substr(0, begin));
      const uint32_t end16 = begin16 + testing::Utf16Length(text);
      bool found = false;
      for (const Finding& got : report.findings) {
        if (got.rule == rule && got.has_span && got.span.begin == begin &&
            got.span.end == begin + text.size() && got.span.begin16 == begin16 &&
            got.span.end16 == end16) {
          found = true;
        }
      }
      EXPECT_TRUE(found) << "expected " << rule << " on '" << text << "'";
    }
  }
  if (const json::value* none = expect->if_contains("no_findings")) {
    for (const json::value& idv : none->get_array()) {
      const std::string_view id(idv.get_string().data(), idv.get_string().size());
      for (const Finding& got : report.findings) {
        EXPECT_FALSE(got.rule == id || got.criterion == id)
            << "unexpected " << got.rule << " (" << got.message << ")";
      }
    }
  }
}

// A missing or moved folder must fail, not run zero cases.
TEST(Cases, CaseFilesAreFound) {
  const std::vector<std::string> files = CaseFiles();
  EXPECT_GE(files.size(), 40u) << "tests/cases has too few case files";
  EXPECT_GE(LoadCases().size(), 400u);
}

INSTANTIATE_TEST_SUITE_P(Cases, CasesTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string name = param.param.file + "_" + std::to_string(param.index);
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace tact
