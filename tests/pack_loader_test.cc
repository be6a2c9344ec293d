#include "pack_loader.h"

#include <map>
#include <string>
#include <vector>

#include "boost/json.hpp"
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
                   "(expected phrase, sequence, refusal, contrast or check)"},
        BrokenCase{"empty_phrase.json",
                   "packs_broken/empty_phrase.json:8:19: /rules/0/phrases/1: empty phrase"},
        BrokenCase{"duplicate_id.json",
                   "packs_broken/duplicate_id.json:6:12: /rules/1/id: duplicate rule id "
                   "'fr.thanks.merci' (first defined in packs_broken/duplicate_id.json)"},
        BrokenCase{"unknown_field.json",
                   "packs_broken/unknown_field.json:7:17: /rules/0/phrase: unknown field "
                   "'phrase' (expected one of id, kind, phrases, unless, unless_sentence, "
                   "unless_next_sentence, then, within, review, reply, effect, severity, "
                   "negatable, in_quotes, question, check, params, message, suggestion, examples, "
                   "description, complaints_only, excused_across_turns)"},
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
        BrokenCase{
            "turns_without_exceptions.json",
            "packs_broken/turns_without_exceptions.json:8:31: /rules/0/excused_across_turns: "
            "'excused_across_turns' needs 'unless_sentence'"},
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

// `reply_terms` name a topic in a reply without raising it in a review.
TEST(PackLoader, TopicReplyTermsAnswerButNeverRaise) {
  const PackSource pack{"custom/topics.json", R"json({"lang": "fr", "topics": [
    {"id": "deposit", "label": "votre caution", "terms": ["caution"],
     "reply_terms": ["dépôt de garantie"]}]})json"};
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks({&pack, 1});
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  ScoreOptions fr;
  fr.lang = "fr";
  fr.rating = 1;
  const auto understanding = [](const Report& r) {
    for (const CriterionResult& c : r.criteria) {
      if (c.id == "understanding") return c.status;
    }
    return Status::kSkipped;
  };
  const std::string_view review = "Ma caution n'est toujours pas rendue, trois mois après.";
  const Report answered =
      scorer->Score(review, "Bonjour, votre dépôt de garantie vous est viré ce jour.", fr).value();
  EXPECT_EQ(answered.review_topics, std::vector<std::string>{"deposit"});
  EXPECT_NE(understanding(answered), Status::kMissing);
  const Report unanswered = scorer->Score(review, "Bonjour, merci pour votre message.", fr).value();
  EXPECT_EQ(understanding(unanswered), Status::kMissing);
  // In a review, a reply term raises nothing.
  const Report raised_nothing =
      scorer->Score("Le dépôt de garantie a été rendu vite.", "Merci !", fr).value();
  EXPECT_TRUE(raised_nothing.review_topics.empty());
  // A list is required.
  const PackSource bad{"custom/topics.json", R"json({"lang": "fr", "topics": [
    {"id": "deposit", "label": "x", "terms": ["caution"], "reply_terms": "dépôt"}]})json"};
  const absl::StatusOr<Scorer> refused = Scorer::FromPacks({&bad, 1});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("reply_terms"), std::string_view::npos)
      << refused.status().message();
}

TEST(PackLoader, LocatesPointerInNestedJson) {
  const std::string json = "{\"a\": [1, {\"b\\\"c\": 2}],\n \"d\": 3}";
  const size_t at = internal::LocateJsonPointer(json, std::vector<std::string>{"a", "1", "b\"c"});
  EXPECT_EQ(json.substr(at, 1), "2");
  EXPECT_EQ(json.substr(internal::LocateJsonPointer(json, std::vector<std::string>{"d"}), 1), "3");
}

// A third language from fixture packs alone (tests/packs_third_language/de): rules, lexicons,
// hints and checks with their own parameters, with no C++ change.
std::vector<PackSource> ThirdLanguage() {
  std::vector<PackSource> packs;
  for (const char* file : {"stopwords", "greetings", "first_names", "thanks", "apology", "greeting",
                           "length", "hints"}) {
    const std::string name = std::string("packs_third_language/de/") + file + ".json";
    packs.push_back({name, ReadFile(SourcePath("tests/" + name))});
    EXPECT_FALSE(packs.back().json.empty()) << name;
  }
  return packs;
}

TEST(ThirdLanguage, ScoresWithItsOwnPacksAndChecks) {
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks(ThirdLanguage());
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  EXPECT_EQ(scorer->Languages(), (std::vector<std::string>{"de", "en", "fr"}));
  ScoreOptions options;
  options.author = "Anna K.";
  // Detected among three languages, from the reply's stop words.
  const Report r =
      scorer->Score("", "Hallo Anna, vielen Dank für Ihre Bewertung. Es tut uns leid.", options)
          .value();
  EXPECT_EQ(r.lang, "de");
  EXPECT_EQ(r.flags & kFlagLangGuessed, 0u);
  std::map<std::string, Status> status;
  for (const CriterionResult& c : r.criteria) status[c.id] = c.status;
  EXPECT_EQ(status["thanks"], Status::kMet);
  EXPECT_EQ(status["apology"], Status::kMet);
  EXPECT_EQ(status["greeting"], Status::kMet);
  EXPECT_EQ(status["length"], Status::kMet);         // 11 words: met with this pack's min_words 5
  EXPECT_EQ(status["signature"], Status::kMissing);  // not declared in de: does not run
  // The de pack's own message for a short reply.
  ScoreOptions de;
  de.lang = "de";
  const Report short_reply = scorer->Score("", "Danke.", de).value();
  bool note = false;
  for (const Finding& f : short_reply.findings) {
    note = note || (f.rule == "de.length.too_short" &&
                    f.message == "Sehr kurze Antwort: schreiben Sie mehr als fünf Wörter.");
  }
  EXPECT_TRUE(note) << ToJson(short_reply);
  // Its examples run with the others.
  int count = 0;
  for (const ExampleFailure& f : scorer->CheckExamples(&count)) {
    ADD_FAILURE() << f.pack << ": " << f.rule << ": " << f.message;
  }
  absl::StatusOr<Scorer> builtin = Scorer::Builtin();
  int builtin_count = 0;
  builtin->CheckExamples(&builtin_count);
  EXPECT_EQ(count, builtin_count + 11);  // the de packs hold 11 examples
}

TEST(ThirdLanguage, UnknownLanguageIsAnErrorNotAFallback) {
  absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok());
  ScoreOptions de;
  de.lang = "de";
  const absl::StatusOr<Report> r = scorer->Score("", "Danke.", de);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "unknown language 'de' (loaded: auto, en, fr)");
}

// "you are|you're|you-were" reads as "you" then "are", "you re" or "you were": the contractions
// would need "you" twice. The compiler refuses it and says how to write it.
TEST(PackLoader, AlternativeThatRepeatsTheSlotBeforeIsAnError) {
  const auto load = [](const char* json) {
    const PackSource pack{"x.json", json};
    return std::string(Scorer::FromPacks({&pack, 1}).status().message());
  };
  EXPECT_EQ(load(R"({"lang": "en", "criterion": "blame", "rules": [
  {"id": "en.blame.x", "phrases": ["you are|you're|you-were responsible"], "message": "m",
   "examples": {"match": ["[You are responsible]."]}}]})"),
            "x.json:2:36: /rules/0/phrases/0: slot 'are|you're|you-were' has an alternative that "
            "starts with 'you', the slot before it: the phrase would need 'you' twice; write the "
            "whole alternatives in one slot ('you-…|…')");
  // Written as one slot, each alternative is the whole unit.
  EXPECT_EQ(load(R"({"lang": "en", "criterion": "blame", "rules": [
  {"id": "en.blame.x", "phrases": ["you-are|you're|you-were responsible"], "message": "m",
   "examples": {"match": ["[You're responsible].", "[You were responsible]."]}}]})"),
            "");
}

TEST(PackLoader, CheckRuleErrors) {
  const auto load = [](const char* json) {
    const PackSource pack{"x.json", json};
    return std::string(Scorer::FromPacks({&pack, 1}).status().message());
  };
  EXPECT_EQ(load(R"({"lang": "de", "criterion": "length", "rules": [
  {"id": "de.length.x", "kind": "check", "check": "length.words", "examples": {"match": ["a"]}}]})"),
            "x.json:2:51: /rules/0/check: unknown check 'length.words' (registered: greeting, "
            "wrong_name, signature, length, length.too_short, length.too_long, understanding, "
            "polarity, understanding.unanswered_topic, understanding.off_topic, "
            "private_channel.contact, argue.contradiction, argue.attack, ignores_refusal.offered, "
            "policy_wall.rule, mockery.wink, mockery.cheer, mockery.scare_quotes, generic, "
            "shouting.capitals, shouting.punctuation, pii.phone, pii.email, pii.reference, "
            "pii.card, pii.address, pii.full_name, pii.hidden_name, pii.health, pii.copied)");
  EXPECT_EQ(load(R"({"lang": "de", "criterion": "thanks", "rules": [
  {"id": "de.thanks.x", "kind": "check", "check": "length", "examples": {"match": ["a"]}}]})"),
            "x.json:2:51: /rules/0/check: check 'length' belongs in a length pack, not thanks");
  EXPECT_EQ(load(R"({"lang": "de", "criterion": "length", "rules": [
  {"id": "de.length.x", "kind": "check", "check": "length", "params": {"min": 3},
   "examples": {"match": ["a"]}}]})"),
            "x.json:2:79: /rules/0/params/min: unknown parameter 'min' of check 'length' "
            "(expected min_words, max_words)");
  EXPECT_EQ(load(R"({"lang": "de", "criterion": "length", "rules": [
  {"id": "de.length.x", "kind": "check", "check": "length.too_short",
   "examples": {"match": ["a"]}}]})"),
            "x.json:2:3: /rules/0: missing required field 'message'");
}

TEST(PackLoader, BuiltinLanguageMustDeclareEveryCheck) {
  // The built-in French pii pack, replaced by one without its pii.card rule.
  namespace json = boost::json;
  json::value pack = json::parse(ReadFile(SourcePath("core/packs/fr/pii.json")));
  json::array& rules = pack.as_object()["rules"].as_array();
  const size_t before = rules.size();
  for (auto it = rules.begin(); it != rules.end(); ++it) {
    if (it->as_object()["check"] == "pii.card") {
      rules.erase(it);
      break;
    }
  }
  ASSERT_EQ(rules.size(), before - 1);
  const PackSource source{"fr/pii.json", json::serialize(pack)};
  EXPECT_EQ(std::string(Scorer::FromPacks({&source, 1}).status().message()),
            "check 'pii.card' is registered but the 'fr' packs do not declare it (add a rule "
            "{\"kind\": \"check\", \"check\": \"pii.card\", ...} to its pii pack)");
}

TEST(PackLoader, RubricWeightsMustSumTo100) {
  std::string json = ReadFile(SourcePath("core/packs/rubric.json"));
  const size_t at = json.find("\"weight\": 10");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 13, "\"weight\": 11");
  const PackSource pack{"rubric.json", json};
  const absl::Status status = Scorer::FromPacks({&pack, 1}).status();
  EXPECT_EQ(std::string(status.message()),
            "rubric.json:4:15: /criteria: the criteria's weights sum to 101, not 100");
}

TEST(PackLoader, RubricPositiveFloorErrors) {
  const std::string rubric = ReadFile(SourcePath("core/packs/rubric.json"));
  const auto load = [&](std::string_view floor) {
    std::string json = rubric;
    const std::string original = R"("criterion": "thanks",
    "min": 50)";
    const size_t at = json.find(original);
    EXPECT_NE(at, std::string::npos);
    if (at == std::string::npos) return std::string();
    json.replace(at, original.size(), floor);
    const PackSource pack{"rubric.json", json};
    const absl::Status status = Scorer::FromPacks({&pack, 1}).status();
    const std::string message(status.message());
    return message.substr(message.find(": ") + 2);  // without the line and column
  };
  EXPECT_EQ(load(R"("criterion": "argue", "min": 50)"),
            "/positive_floor/criterion: unknown criterion 'argue'");
  EXPECT_EQ(load(R"("criterion": "thanks", "min": 101)"),
            "/positive_floor/min: expected a whole number from 0 to 100");
  EXPECT_EQ(load(R"("criterion": "thanks")"), "/positive_floor: missing required field 'min'");
}

}  // namespace
}  // namespace tact
