// The documented limits (README, "Limits"), each with its default and a clear outcome: a field
// cut at a code point and flagged; a pack file too big, too deep, full of duplicate rules or
// with phrases that would expand without bound rejected with a precise error, quickly. (The
// CLI's line limit is tested in cli_stress_test.cc.)
#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

// Compiles one pack alone (with the built-in rubric); "ok" or the error.
std::string Compile(const std::string& json, const std::string& name = "big.json") {
  const PackSource pack{name, json};
  const absl::StatusOr<Scorer> s = Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
  return s.ok() ? std::string("ok") : std::string(s.status().message());
}

std::string Rule(const std::string& id, const std::string& phrase) {
  return absl::StrCat(R"({"id": ")", id, R"(", "phrases": [")", phrase,
                      R"("], "message": "m", "examples": {"match": ["[merci]"]}})");
}

std::string ThanksPack(const std::vector<std::string>& rules) {
  std::string json = R"({"lang": "fr", "criterion": "thanks", "rules": [)";
  for (size_t i = 0; i < rules.size(); ++i) absl::StrAppend(&json, i ? ",\n" : "\n", rules[i]);
  return json + "]}";
}

// Fails the test when `f` takes longer than `seconds` (a limit must answer fast, not hang).
template <typename F>
auto Quickly(double seconds, F f) {
  const auto start = std::chrono::steady_clock::now();
  auto result = f();
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(took, seconds) << "took " << took << " s";
  return result;
}

TEST(Limits, FieldIsCutAtACodePointAndFlagged) {
  const uint32_t limit = ScoreOptions{}.max_input_bytes;
  ASSERT_EQ(limit, 256u * 1024u);  // the documented default
  const Scorer scorer = *Scorer::Builtin();
  const std::string start = "Nous sommes désolés. ";
  // "é" (2 bytes) and "😀" (4 bytes) straddle the limit: the cut falls before them.
  for (const std::string& straddling : {std::string("é"), std::string("😀")}) {
    std::string reply = start + std::string(limit - start.size() - 1, 'a') + straddling + " fin";
    const Report r = scorer.Score("", reply).value();
    EXPECT_EQ(r.flags & (kFlagTruncated | kFlagInvalidUtf8), kFlagTruncated) << ToJson(r);
    for (const Finding& f : r.findings) EXPECT_LE(f.span.end, limit - 1);
    EXPECT_NE(ToJson(r).find("\"flags\":[\"truncated\""), std::string::npos);
  }
  // At the limit exactly, nothing is cut; the review is cut the same way.
  const std::string exact = start + std::string(limit - start.size(), 'a');
  EXPECT_EQ(scorer.Score("", exact).value().flags & kFlagTruncated, 0u);
  EXPECT_EQ(scorer.Score(exact + "é", "Merci.").value().flags & kFlagTruncated, kFlagTruncated);
}

TEST(Limits, PackFileSize) {
  ASSERT_EQ(kMaxPackBytes, 4u * 1024u * 1024u);  // the documented default
  const std::string pack = R"({"lang": "fr", "lexicon": "x", "entries": ["a"]})";
  std::string at_limit = pack + std::string(kMaxPackBytes - pack.size(), ' ');
  EXPECT_EQ(Compile(at_limit), "ok");
  at_limit.push_back(' ');
  EXPECT_EQ(Quickly(5, [&] { return Compile(at_limit); }),
            "big.json: 4194305 bytes, more than the 4194304 bytes (4 MiB) of a pack file");
}

TEST(Limits, PackNesting) {
  // 16 levels of JSON (the object, then 15 arrays) load; a 17th is an error at its bracket.
  const auto nested = [](int arrays) {
    return R"({"lang": "fr", "lexicon": "x", "entries": ["a"], "description": )" +
           std::string(arrays, '[') + std::string(arrays, ']') + "}";
  };
  EXPECT_EQ(Compile(nested(15)), "ok");
  EXPECT_EQ(Compile(nested(16)), "big.json:1:80: invalid JSON: too deep");
  EXPECT_NE(Quickly(5, [&] { return Compile(nested(1000000)); }), "ok");
}

TEST(Limits, RequestNesting) {
  // An input line (ScoreJson, `tact score`): 16 levels load, a 17th is refused.
  const Scorer scorer = *Scorer::Builtin();
  const auto request = [](int arrays) {
    return R"({"reply": "Merci.", "x": )" + std::string(arrays, '[') + std::string(arrays, ']') +
           "}";
  };
  bool ok = false;
  ScoreJson(scorer, request(15), &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(ScoreJson(scorer, request(16), &ok), "{\"error\":\"not valid JSON (too deep)\"}");
  EXPECT_FALSE(ok);
}

TEST(Limits, PackFullOfDuplicateRules) {
  std::vector<std::string> rules(5000, Rule("fr.thanks.merci", "merci"));
  EXPECT_EQ(Quickly(10, [&] { return Compile(ThanksPack(rules)); }),
            "big.json:3:8: /rules/1/id: duplicate rule id 'fr.thanks.merci' (first defined in "
            "big.json)");
}

TEST(Limits, VariantsOfOnePhrase) {
  // 4^6 = 4096 variants load; one more alternative anywhere is an error.
  const std::string four = "merci|mille|grand|a";
  std::string phrase = four;
  for (int i = 0; i < 5; ++i) phrase += " " + four;
  EXPECT_EQ(Compile(ThanksPack({Rule("fr.thanks.a", phrase)})), "ok");
  EXPECT_EQ(Compile(ThanksPack({Rule("fr.thanks.a", phrase + " b|c")})),
            "big.json:2:35: /rules/0/phrases/0: phrase expands to more than 4096 variants");
}

TEST(Limits, ShorthandThatWouldDoubleForeverIsAnError) {
  // 40 optional endings: 2^40 forms, built one by one before the limit was checked.
  std::string word = "merci";
  for (int i = 0; i < 40; ++i) word += "(s)";
  EXPECT_EQ(Quickly(5, [&] { return Compile(ThanksPack({Rule("fr.thanks.a", word)})); }),
            "big.json:2:35: /rules/0/phrases/0: phrase expands to more than 4096 variants");
}

TEST(Limits, LexiconThatWouldExpandWithoutBoundIsAnError) {
  // Each entry expands to 4096 variants (allowed alone); a phrase naming the lexicon among other
  // words gathers all their variants first.
  std::string entries;
  for (int i = 0; i < 20; ++i) {
    absl::StrAppend(&entries, i ? ", " : "", "\"a(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)\"");
  }
  const PackSource packs[] = {
      {"lex.json", R"({"lang": "fr", "lexicon": "big", "entries": [)" + entries + "]}"},
      {"big.json", ThanksPack({Rule("fr.thanks.a", "merci @big")})}};
  const absl::StatusOr<Scorer> s =
      Quickly(30, [&] { return Scorer::FromPacks(packs, /*with_builtin=*/false); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "big.json:2:35: /rules/0/phrases/0: phrase expands to more than 4096 variants");
}

TEST(Limits, WordsOfOnePhrase) {
  // A phrase of 300,000 words: copied once per word before (minutes), now refused at once.
  std::string phrase = "merci";
  for (int i = 0; i < 300000; ++i) phrase += " x";
  EXPECT_EQ(Quickly(10, [&] { return Compile(ThanksPack({Rule("fr.thanks.a", phrase)})); }),
            "big.json:2:35: /rules/0/phrases/0: phrase expands to more than 262144 words");
}

TEST(Limits, VariantsAndWordsOfALanguage) {
  // 4096 one-word variants per entry: the 257th entry passes 1048576 variants.
  const std::string entry = "\"a(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)\"";
  std::string entries = entry;
  for (int i = 1; i < 300; ++i) absl::StrAppend(&entries, ", ", entry);
  const std::string variants = Quickly(60, [&] {
    return Compile(R"({"lang": "fr", "lexicon": "big", "entries": [)" + entries + "]}");
  });
  const std::string expected_end =
      ": the phrases of this language (all its packs) expand to more than 1048576 variants or "
      "4194304 words in all";
  EXPECT_EQ(variants.rfind("big.json:1:", 0), 0u) << variants;
  EXPECT_NE(variants.find("/entries/256" + expected_end), std::string::npos) << variants;
  // 4096 variants of 17 words: the 61st entry passes 4194304 words.
  const std::string long_entry =
      "\"a(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m) x x x x x x x x x x x x x x x x\"";
  entries = long_entry;
  for (int i = 1; i < 100; ++i) absl::StrAppend(&entries, ", ", long_entry);
  const std::string words = Quickly(60, [&] {
    return Compile(R"({"lang": "fr", "lexicon": "big", "entries": [)" + entries + "]}");
  });
  EXPECT_NE(words.find("/entries/60" + expected_end), std::string::npos) << words;
}

}  // namespace
}  // namespace tact
