// Score arithmetic, caps, bands, flags and the JSON schema, on small packs written here so the
// expected numbers follow from the rubric alone.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

constexpr char kThanks[] = R"json({"lang": "fr", "criterion": "thanks", "rules": [
  {"id": "fr.thanks.merci", "phrases": ["merci"], "message": "m",
   "examples": {"match": ["[merci]"]}}]})json";
constexpr char kApology[] = R"json({"lang": "fr", "criterion": "apology", "rules": [
  {"id": "fr.apology.desole", "phrases": ["désolé(e)(s)"], "unless": ["désolé(e)(s) si"],
   "message": "m", "examples": {"match": ["[désolés]"]}}]})json";
constexpr char kSolution[] = R"json({"lang": "fr", "criterion": "solution", "rules": [
  {"id": "fr.solution.rembourser", "phrases": ["nous vous remboursons"], "message": "m",
   "examples": {"match": ["[nous vous remboursons]"]}},
  {"id": "fr.solution.note", "effect": "partial", "phrases": ["nous prenons note"],
   "message": "m", "examples": {"match": ["[nous prenons note]"]}}]})json";
constexpr char kConditional[] = R"json({"lang": "fr", "criterion": "conditional_apology", "rules": [
  {"id": "fr.conditional_apology.si", "phrases": ["désolé(e)(s) si"], "message": "conditionnel",
   "suggestion": "Nous sommes désolés.", "examples": {"match": ["[désolés si]"]}}]})json";
constexpr char kArgue[] = R"json({"lang": "fr", "criterion": "argue", "rules": [
  {"id": "fr.argue.tort", "phrases": ["vous avez tort"], "message": "débat",
   "examples": {"match": ["[vous avez tort]"]}}]})json";
// Checks run only where a pack declares them: here the length check (25 to 200 words).
constexpr char kLength[] = R"json({"lang": "fr", "criterion": "length", "rules": [
  {"id": "fr.length.words", "kind": "check", "check": "length",
   "examples": {"match": [{"reply": "merci", "status": "partial"}]}}]})json";
constexpr char kNegation[] =
    R"json({"lang": "fr", "lexicon": "negation", "entries": ["ne", "n", "pas"]})json";
constexpr char kStop[] =
    R"json({"lang": "fr", "lexicon": "stopwords", "entries": ["le", "la", "nous", "vous", "et", "de"]})json";
constexpr char kStopEn[] =
    R"json({"lang": "en", "lexicon": "stopwords", "entries": ["the", "we", "you", "and", "of"]})json";

Scorer Make() {
  std::vector<PackSource> packs;
  int i = 0;
  for (const char* json :
       {kThanks, kApology, kSolution, kConditional, kArgue, kLength, kNegation, kStop, kStopEn}) {
    packs.push_back({"test" + std::to_string(i++), json});
  }
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks(packs, /*with_builtin=*/false);
  EXPECT_TRUE(scorer.ok()) << scorer.status();
  return *std::move(scorer);
}

Status StatusOf(const Report& r, std::string_view id) {
  for (const CriterionResult& c : r.criteria) {
    if (c.id == id) return c.status;
  }
  ADD_FAILURE() << "no criterion " << id;
  return Status::kMissing;
}

ScoreOptions FrOptions() {
  ScoreOptions o;
  o.lang = "fr";
  return o;
}
const ScoreOptions kFr = FrOptions();

TEST(Scorer, CriteriaInRubricOrderWithWeights) {
  const Report r = Make().Score("avis", "merci", kFr).value();
  std::vector<std::string> ids;
  int total = 0;
  for (const CriterionResult& c : r.criteria) {
    ids.push_back(c.id);
    total += c.weight;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"thanks", "apology", "understanding", "solution",
                                           "private_channel", "greeting", "signature", "length"}));
  EXPECT_EQ(total, 100);
}

TEST(Scorer, SkippedWeightIsSpreadOverTheOthers) {
  // No review: understanding (20) is skipped. thanks (10) + apology (20) met, length (5)
  // partial: (10 + 20 + 2.5) / 80 = 40.6 -> 41.
  const Report r = Make().Score("", "merci, désolés", kFr).value();
  EXPECT_EQ(StatusOf(r, "understanding"), Status::kSkipped);
  EXPECT_EQ(StatusOf(r, "thanks"), Status::kMet);
  EXPECT_EQ(StatusOf(r, "apology"), Status::kMet);
  EXPECT_EQ(StatusOf(r, "length"), Status::kPartial);
  EXPECT_EQ(r.score, 41);
  EXPECT_EQ(r.band, "rework");
}

TEST(Scorer, PartialEffectGivesHalfWeight) {
  // thanks 10 + solution partial 10 + length partial 2.5 = 22.5 / 80 = 28.1 -> 28.
  const Report r = Make().Score("", "merci, nous prenons note", kFr).value();
  EXPECT_EQ(StatusOf(r, "solution"), Status::kPartial);
  EXPECT_EQ(r.score, 28);
}

TEST(Scorer, ConditionalApologyViolatesApologyAndCaps) {
  const Report r = Make().Score("", "Merci. Désolés si vous avez été déçue.", kFr).value();
  EXPECT_EQ(StatusOf(r, "apology"), Status::kViolated);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].rule, "fr.conditional_apology.si");
  EXPECT_EQ(r.findings[0].severity, Severity::kProblem);
  EXPECT_EQ(r.findings[0].span.begin, 7u);
  EXPECT_EQ(r.findings[0].span.end, 19u);  // "Désolés si" (é is 2 bytes)
  EXPECT_EQ(r.findings[0].span.end16, 17u);
  EXPECT_EQ(r.findings[0].suggestion, "Nous sommes désolés.");
}

TEST(Scorer, ProblemCapsAt49AndPenaltySubtracts) {
  std::string reply = "Merci, désolés, nous vous remboursons.";
  for (int i = 0; i < 25; ++i) reply += " mot";
  // Without review: thanks 10 + apology 20 + solution 20 + length 5 = 55/80 = 68.75 -> 69.
  EXPECT_EQ(Make().Score("", reply, kFr).value().score, 69);
  // argue: -20 -> 49, and a problem caps at 49.
  const Report r = Make().Score("", reply + " Vous avez tort.", kFr).value();
  EXPECT_EQ(r.score, 49);
  EXPECT_EQ(r.band, "rework");
}

TEST(Scorer, NegationCancelsAMatch) {
  const Report r = Make().Score("", "Nous ne sommes pas désolés.", kFr).value();
  EXPECT_EQ(StatusOf(r, "apology"), Status::kMissing);
  const Report q = Make().Score("", "Je ne dis pas que vous avez tort.", kFr).value();
  for (const Finding& f : q.findings) EXPECT_NE(f.criterion, "argue");
}

TEST(Scorer, QuotedWordsAreNotSaid) {
  const Report r = Make().Score("", "Vous écrivez « vous avez tort » : merci.", kFr).value();
  for (const Finding& f : r.findings) EXPECT_NE(f.criterion, "argue");
}

// `question`, `unless_sentence`, `unless_next_sentence` and kind `contrast` (schema.md): rules that
// look past their match.
Scorer MakeWithLookPast() {
  std::vector<PackSource> packs;
  int i = 0;
  for (const char* json :
       {kThanks, kApology, kSolution, kConditional, kLength, kNegation, kStop, kStopEn}) {
    packs.push_back({"test" + std::to_string(i++), json});
  }
  packs.push_back({"look_past", R"json({"lang": "fr", "criterion": "argue", "rules": [
  {"id": "fr.argue.tort", "phrases": ["vous avez tort"], "question": "no",
   "unless_sentence": ["notre faute"], "message": "débat",
   "examples": {"match": ["[vous avez tort]"],
                "nomatch": ["vous avez tort ?", "vous avez tort, c'est notre faute"]}},
  {"id": "fr.argue.releves", "phrases": ["nos relevés montrent"],
   "unless_next_sentence": ["notre faute"], "message": "débat",
   "examples": {"match": ["[nos relevés montrent] un appel."],
                "nomatch": ["nos relevés montrent trois appels. C'est notre faute."]}},
  {"id": "fr.argue.lire", "phrases": ["savez lire"], "question": "only", "message": "débat",
   "examples": {"match": ["Vous [savez lire] ?"], "nomatch": ["Vous savez lire."]}},
  {"id": "fr.argue.chaud", "kind": "contrast", "review": ["froid"], "reply": ["bien chaud"],
   "message": "démenti",
   "examples": {"match": [{"review": "plat froid", "reply": "il était [bien chaud]"}],
                "nomatch": [{"review": "plat parfait", "reply": "il était bien chaud"}]}}]})json"});
  absl::StatusOr<Scorer> scorer = Scorer::FromPacks(packs, /*with_builtin=*/false);
  EXPECT_TRUE(scorer.ok()) << scorer.status();
  return *std::move(scorer);
}

std::vector<std::string> ArgueRules(const Report& r) {
  std::vector<std::string> rules;
  for (const Finding& f : r.findings) {
    if (f.criterion == "argue") rules.push_back(f.rule);
  }
  return rules;
}

TEST(Scorer, UnlessNextSentenceLooksOneSentenceAhead) {
  const Scorer s = MakeWithLookPast();
  // The owning sentence right after the evidence drops it; one sentence later, or before, not.
  EXPECT_TRUE(
      ArgueRules(s.Score("", "Nos relevés montrent trois appels. C'est notre faute.", kFr).value())
          .empty());
  EXPECT_EQ(
      ArgueRules(
          s.Score("", "Nos relevés montrent un appel. Merci. C'est notre faute.", kFr).value()),
      std::vector<std::string>{"fr.argue.releves"});
  EXPECT_EQ(
      ArgueRules(s.Score("", "C'est notre faute. Nos relevés montrent un appel.", kFr).value()),
      std::vector<std::string>{"fr.argue.releves"});
  // A negated exception owns nothing: "ce n'est pas notre faute".
  EXPECT_EQ(
      ArgueRules(
          s.Score("", "Nos relevés montrent un appel. Ce n'est pas notre faute.", kFr).value()),
      std::vector<std::string>{"fr.argue.releves"});
}

TEST(Scorer, QuestionModeIgnoresOrRequiresAQuestion) {
  const Scorer s = MakeWithLookPast();
  EXPECT_EQ(ArgueRules(s.Score("", "Vous avez tort.", kFr).value()),
            std::vector<std::string>{"fr.argue.tort"});
  EXPECT_TRUE(ArgueRules(s.Score("", "Vous avez tort ? Aucun souci.", kFr).value()).empty());
  EXPECT_EQ(ArgueRules(s.Score("", "Vous savez lire ?", kFr).value()),
            std::vector<std::string>{"fr.argue.lire"});
  EXPECT_TRUE(ArgueRules(s.Score("", "Vous savez lire. Merci.", kFr).value()).empty());
}

TEST(Scorer, UnlessSentenceLooksAfterTheMatchButNotPastTheSentence) {
  const Scorer s = MakeWithLookPast();
  // The exception after the match, in the same sentence, drops it.
  EXPECT_TRUE(
      ArgueRules(s.Score("", "Vous avez tort, et c'est notre faute.", kFr).value()).empty());
  // In another sentence it does not.
  EXPECT_EQ(ArgueRules(s.Score("", "Vous avez tort. C'est notre faute.", kFr).value()),
            std::vector<std::string>{"fr.argue.tort"});
  // A negated exception owns nothing.
  EXPECT_EQ(ArgueRules(s.Score("", "Vous avez tort, ce n'est pas notre faute.", kFr).value()),
            std::vector<std::string>{"fr.argue.tort"});
}

TEST(Scorer, ContrastFiresOnlyWhenTheReviewSaysTheOpposite) {
  const Scorer s = MakeWithLookPast();
  EXPECT_EQ(ArgueRules(s.Score("Le plat était froid.", "Il était bien chaud.", kFr).value()),
            std::vector<std::string>{"fr.argue.chaud"});
  EXPECT_TRUE(ArgueRules(s.Score("Très bon plat.", "Il était bien chaud.", kFr).value()).empty());
  EXPECT_TRUE(ArgueRules(s.Score("", "Il était bien chaud.", kFr).value()).empty());
  // A contrast rule is no refusal: review.refusal stays false.
  EXPECT_FALSE(s.Score("Le plat était froid.", "Il était bien chaud.", kFr).value().review_refusal);
}

TEST(PackLoader, LookPastFieldErrors) {
  const auto load = [](const std::string& rule) {
    const std::string pack = R"({"lang": "fr", "criterion": "thanks", "rules": [)" + rule + "]}";
    const std::vector<PackSource> packs = {{"p", pack}, {"n", kNegation}};
    return Scorer::FromPacks(packs, /*with_builtin=*/false).status();
  };
  EXPECT_NE(load(R"({"id": "fr.thanks.a", "phrases": ["merci"], "question": "maybe",
      "message": "m", "examples": {"match": ["[merci]"]}})")
                .message()
                .find("unknown question mode 'maybe'"),
            std::string::npos);
  EXPECT_NE(load(R"({"id": "fr.thanks.b", "kind": "contrast", "review": ["x"], "reply": ["merci"],
      "message": "m", "examples": {"match": [{"review": "x", "reply": "[merci]"}]}})")
                .message()
                .find("kind 'contrast' belongs in a violation pack"),
            std::string::npos);
}

TEST(Scorer, FlagsForInvalidUtf8TruncationAndGuessedLanguage) {
  const Scorer s = Make();
  const Report bad = s.Score("", "merci \xFF\xFE", kFr).value();
  ASSERT_EQ(bad.flags, kFlagInvalidUtf8);
  EXPECT_NE(ToJson(bad).find("\"flags\":[\"invalid_utf8\"]"), std::string::npos);
  ScoreOptions small = kFr;
  small.max_input_bytes = 10;
  EXPECT_EQ(s.Score("", "merci beaucoup pour tout", small).value().flags, kFlagTruncated);
  EXPECT_EQ(s.Score("", "ok").value().flags, kFlagLangGuessed);
  const Report en = s.Score("", "we thank you and the team of the shop").value();
  EXPECT_EQ(en.lang, "en");
  EXPECT_EQ(en.flags, 0u);
}

// A reply in a language no pack reads is still scored (line N answers line N) but says so.
TEST(Scorer, FlagsARepliesInALanguageNoPackReads) {
  const Scorer s = *Scorer::Builtin();
  const auto flags = [&](std::string_view reply) { return s.Score("", reply).value().flags; };
  for (std::string_view foreign :
       {"Hallo Peter, es tut uns sehr leid, dass Ihre Bestellung zu spät angekommen ist. Wir "
        "melden uns morgen per E-Mail bei Ihnen. Viele Grüße, Anna",
        "Hola María, sentimos mucho lo ocurrido con tu pedido. Nuestro equipo revisará el caso y "
        "te contactará mañana por correo electrónico. Saludos, Ana",
        "ご迷惑をおかけしております。配送業者に確認いたします。よろしくお願いいたします。",
        "Здравствуйте, Анна! Приносим извинения за задержку заказа."}) {
    EXPECT_NE(flags(foreign) & kFlagLangUnsupported, 0u) << foreign;
  }
  const Report german = s.Score("",
                                "Hallo Peter, es tut uns sehr leid, dass Ihre Bestellung zu "
                                "spät angekommen ist. Viele Grüße, Anna")
                            .value();
  EXPECT_NE(ToJson(german).find("\"lang_unsupported\""), std::string::npos);
  for (std::string_view ours :
       {"Merci Julie, à bientôt !", "Thanks Sam!",
        "Désolés pour ce retard, votre colis part demain.",
        "booking reference, email address and contact telephone number 2/2. ^Oliver",
        "@Tesco @sainsburys @AldiUK @Morrisons @marksandspencer @LidlGB @asda @waitrose well "
        "played",
        "Bonjour Nadège, toutes nos excuses : le technicien passera mardi entre 8 h et 12 h."}) {
    EXPECT_EQ(flags(ours) & kFlagLangUnsupported, 0u) << ours;
  }
}

TEST(Scorer, SameInputSameBytes) {
  const Scorer s = Make();
  const std::string a =
      ToJson(s.Score("colis", "Merci, désolés si vous avez tort !!", kFr).value(), "7");
  const std::string b =
      ToJson(s.Score("colis", "Merci, désolés si vous avez tort !!", kFr).value(), "7");
  EXPECT_EQ(a, b);
}

TEST(ToJson, ExactSchema) {
  Report r;
  r.score = 72;
  r.band = "fair";
  r.lang = "fr";
  r.criteria = {{"thanks", 10, Status::kMet}, {"understanding", 20, Status::kSkipped}};
  Finding f;
  f.rule = "fr.argue.tort";
  f.criterion = "argue";
  f.severity = Severity::kProblem;
  f.has_span = true;
  f.span = {8, 38, 8, 36};
  f.message = "dit \"non\"\n";
  f.suggestion = "s";
  Finding missing;
  missing.rule = "fr.thanks.missing";
  missing.criterion = "thanks";
  missing.message = "m";
  r.findings = {f, missing};
  r.review_topics = {"delivery", "refund"};
  r.flags = kFlagTruncated | kFlagLangGuessed;
  EXPECT_EQ(
      ToJson(r, "\"fr-0001\""),
      R"json({"id":"fr-0001","score":72,"band":"fair","lang":"fr",)json"
      R"json("criteria":[{"id":"thanks","weight":10,"status":"met"},)json"
      R"json({"id":"understanding","weight":20,"status":"skipped"}],)json"
      R"json("findings":[{"rule":"fr.argue.tort","criterion":"argue","severity":"problem",)json"
      R"json("field":"reply","begin":8,"end":38,"begin16":8,"end16":36,)json"
      R"json("message":"dit \"non\"\n","suggestion":"s"},)json"
      R"json({"rule":"fr.thanks.missing","criterion":"thanks","severity":"hint",)json"
      R"json("field":"reply","message":"m"}],)json"
      R"json("review":{"topics":["delivery","refund"],"refusal":false},)json"
      R"json("flags":["truncated","lang_guessed"]})json");
}

TEST(ScoreJson, RequestFieldsAndErrors) {
  const Scorer s = Make();
  bool ok = false;
  std::string error;
  const std::string out =
      ScoreJson(s, R"json({"id": 12, "reply": "merci", "lang": "fr"})json", &ok, &error);
  EXPECT_TRUE(ok);
  EXPECT_EQ(out.rfind("{\"id\":12,\"score\":", 0), 0u) << out;
  const auto fails = [&](std::string_view json, std::string_view want) {
    const std::string o = ScoreJson(s, json, &ok, &error);
    EXPECT_FALSE(ok) << json;
    EXPECT_EQ(error, want) << json;
    EXPECT_NE(o.find("\"error\":"), std::string::npos);
  };
  fails("{\"review\": \"x\"}", "missing \"reply\"");
  fails("{\"reply\": 3}", "\"reply\" must be a string");
  fails("{\"reply\": \"x\", \"lang\": \"de\"}", "unknown language 'de' (loaded: auto, en, fr)");
  fails("{\"reply\": \"x\", \"rating\": 9}", "\"rating\" must be a number from 1 to 5");
  fails("{\"reply\": \"x\", \"business\": [1]}",
        "\"business\" must be a string or a list of strings");
  fails("[1, 2]", "expected a JSON object");
  fails("{\"reply\": ", "not valid JSON (incomplete JSON)");
  const std::string with_id = ScoreJson(s, R"json({"id": "a\"b", "reply": 1})json", &ok, &error);
  EXPECT_EQ(with_id, R"json({"id":"a\"b","error":"\"reply\" must be a string"})json");
}

TEST(ScoreJson, InvalidUtf8InsideJsonStringIsRepairedNotRejected) {
  bool ok = false;
  const std::string out = ScoreJson(Make(), "{\"reply\": \"merci \xC3\"}", &ok);
  EXPECT_TRUE(ok);
  EXPECT_NE(out.find("invalid_utf8"), std::string::npos);
}

}  // namespace
}  // namespace tact
