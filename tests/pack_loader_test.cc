#include "pack_loader.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tact/tact.h"
#include "test_util.h"

namespace tact {
namespace {

using testing::ReadFile;
using testing::SourcePath;

absl::Status LoadBroken(const std::string& file) {
  const std::string name = "packs_broken/" + file;
  const PackSource pack{name, ReadFile(SourcePath("tests/" + name))};
  EXPECT_FALSE(pack.json.empty()) << name;
  return Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false).status();
}

struct BrokenCase {
  const char* file;
  const char* expected;  // the whole diagnostic: pack:line:col: pointer: what
};

class BrokenPackTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenPackTest, NamesPackLineAndPointer) {
  const absl::Status status = LoadBroken(GetParam().file);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    PackLoader, BrokenPackTest,
    ::testing::Values(
        BrokenCase{"unknown_kind.json",
                   "packs_broken/unknown_kind.json:7:15: /rules/0/kind: unknown kind 'regex' "
                   "(expected phrase, sequence, refusal or check)"},
        BrokenCase{"empty_phrase.json",
                   "packs_broken/empty_phrase.json:8:19: /rules/0/phrases/1: empty phrase"},
        BrokenCase{"duplicate_id.json",
                   "packs_broken/duplicate_id.json:6:12: /rules/1/id: duplicate rule id "
                   "'fr.thanks.merci' (first defined in packs_broken/duplicate_id.json)"},
        BrokenCase{"unknown_field.json",
                   "packs_broken/unknown_field.json:7:17: /rules/0/phrase: unknown field "
                   "'phrase' (expected one of id, kind, phrases, unless, then, within, review, "
                   "reply, effect, severity, negatable, in_quotes, check, params, message, "
                   "suggestion, examples, description)"},
        BrokenCase{"bad_id.json",
                   "packs_broken/bad_id.json:6:13: /rules/0/id: rule id 'fr.apology.sorry' "
                   "must look like 'en.apology.<name>'"},
        BrokenCase{"unknown_criterion.json",
                   "packs_broken/unknown_criterion.json:3:16: /criterion: unknown criterion "
                   "'politeness'"},
        BrokenCase{"unknown_lexicon.json",
                   "packs_broken/unknown_lexicon.json:8:19: /rules/0/phrases/0: unknown "
                   "lexicon 'no_such_lexicon'"},
        BrokenCase{"no_brackets.json",
                   "packs_broken/no_brackets.json:10:19: /rules/0/examples/match/0: a match "
                   "example marks its span with [brackets]"},
        BrokenCase{"missing_message.json",
                   "packs_broken/missing_message.json:5:5: /rules/0: missing required field "
                   "'message'"},
        BrokenCase{"bad_lang.json",
                   "packs_broken/bad_lang.json:1:10: /lang: invalid language code 'french' "
                   "(expected two or three lower-case letters, e.g. fr)"},
        BrokenCase{"not_object.json",
                   "packs_broken/not_object.json:1:1: /: a pack is a JSON object"}),
    [](const ::testing::TestParamInfo<BrokenCase>& param) {
      std::string name = param.param.file;
      return name.substr(0, name.find('.'));
    });

TEST(PackLoader, SyntaxErrorNamesPackAndLine) {
  const absl::Status status = LoadBroken("bad_json.json");
  ASSERT_FALSE(status.ok());
  const std::string message(status.message());
  EXPECT_EQ(message.rfind("packs_broken/bad_json.json:4:", 0), 0u) << message;
  EXPECT_NE(message.find("invalid JSON"), std::string::npos) << message;
}

TEST(PackLoader, DeepNestingIsAnErrorNotACrash) {
  const absl::Status status = LoadBroken("too_deep.json");
  ASSERT_FALSE(status.ok());
  const std::string message(status.message());
  EXPECT_EQ(message.rfind("packs_broken/too_deep.json:1:", 0), 0u) << message;
  EXPECT_NE(message.find("invalid JSON"), std::string::npos) << message;
}

TEST(PackLoader, FailingExampleIsReportedWithPackAndRule) {
  const std::string name = "packs_broken/failing_example.json";
  const PackSource pack{name, ReadFile(SourcePath("tests/" + name))};
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  int count = 0;
  const std::vector<ExampleFailure> failures = scorer->CheckExamples(&count);
  EXPECT_EQ(count, 2);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].pack, name);
  EXPECT_EQ(failures[0].rule, "fr.thanks.merci_test");
  EXPECT_EQ(failures[0].message, "expected [merci] pour tout, got nothing");
  EXPECT_EQ(failures[1].message, "expected no match in \"Merci beaucoup !\", got [Merci beaucoup]");
}

TEST(PackLoader, CustomPackReplacesBuiltinOfSameIdentity) {
  const PackSource pack{"custom/thanks.json",
                        R"json({"lang": "fr", "criterion": "thanks", "rules": [
    {"id": "fr.thanks.grand_merci", "phrases": ["grand merci"], "message": "m",
     "examples": {"match": ["Un [grand merci] !"]}}]})json"};
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks({&pack, 1});
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  absl::StatusOr<Scorer> builtin = Scorer::Builtin();
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  ScoreOptions fr;
  fr.lang = "fr";
  EXPECT_EQ(scorer->Score("", "Un grand merci à vous.", fr).value().criteria[0].status,
            Status::kMet);
  // The built-in "merci pour votre avis" is gone with the replaced pack.
  const std::string_view reply = "Merci pour votre avis.";
  EXPECT_EQ(builtin->Score("", reply, fr).value().criteria[0].status, Status::kMet);
  EXPECT_EQ(scorer->Score("", reply, fr).value().criteria[0].status, Status::kMissing);
}

TEST(PackLoader, LocatesPointerInNestedJson) {
  const std::string json = "{\"a\": [1, {\"b\\\"c\": 2}],\n \"d\": 3}";
  const size_t at = internal::LocateJsonPointer(json, std::vector<std::string>{"a", "1", "b\"c"});
  EXPECT_EQ(json.substr(at, 1), "2");
  EXPECT_EQ(json.substr(internal::LocateJsonPointer(json, std::vector<std::string>{"d"}), 1), "3");
}

}  // namespace
}  // namespace tact
