// Inputs the fuzzers (fuzz/) found, each with the behaviour its fix gives. A finding is fixed in
// the core and kept here, so it never comes back.
#include <array>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "batch.h"
#include "gtest/gtest.h"
#include "pack_image.h"
#include "tact/tact.h"

namespace tact {
namespace {

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// fuzz_jsonl: an unknown "lang" that is not UTF-8 was quoted as is in the error line, which was
// then not valid JSON (nor valid UTF-8) for a strict reader.
TEST(FuzzRegression, UnknownLangWithInvalidUtf8GivesAValidErrorLine) {
  const Scorer scorer = *Scorer::Builtin();
  bool ok = true;
  std::string error;
  const std::string line = ScoreJson(
      scorer, "{\"id\": 20, \"reply\": \"Merci\", \"lang\": \"f\x98\x98r\"}", &ok, &error);
  EXPECT_FALSE(ok);
  EXPECT_EQ(
      line,
      "{\"id\":20,\"error\":\"unknown language 'f\xEF\xBF\xBD\xEF\xBF\xBDr' (loaded: auto, en, "
      "fr)\"}");
  EXPECT_TRUE(ValidUtf8(line));
  EXPECT_TRUE(ValidUtf8(error)) << error;
}

// fuzz_image: writing an image (Scorer::Image, `tact packs compile`) listed a trie node's
// children again at every step of the walk, quadratic in its fan-out: 3 s for the built-in packs,
// minutes for a lexicon of 30,000 words. The image is the same. How long it takes is measured in
// bench/ (BM_ImageOfAWideTrie); a return to minutes fails here by the test's time limit.
TEST(FuzzRegression, ImageOfAWideTrieRoundTrips) {
  std::string entries;
  for (int i = 0; i < 30000; ++i) {
    std::string word;
    for (int n = i; word.size() < 4; n /= 26) word.push_back(static_cast<char>('a' + n % 26));
    absl::StrAppend(&entries, i ? ", \"" : "\"", word, "\"");
  }
  const PackSource pack{"wide.json",
                        R"({"lang": "fr", "lexicon": "wide", "entries": [)" + entries + "]}"};
  const Scorer scorer = *Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
  const std::string image = scorer.Image();
  const std::string again = Scorer::FromImage(image)->Image();
  EXPECT_EQ(again, image);
}

// fuzz_author and fuzz_jsonl (timeouts): "@" then "+" or "(" and a digit in a reply ("@+17246",
// an author "so@+0n…" greeted back) looped for ever in the pii check's number scanner: its
// user-handle skip ("@116447" is not a phone number) moved nothing when the handle did not start
// with a letter or digit. "@+…" is now read as a number; a handle is still not one.
TEST(FuzzRegression, AtSignBeforeAPlusOrParenthesisEnds) {
  const Scorer scorer = *Scorer::Builtin();
  ScoreOptions author;
  author.author =
      "\xDFo\xA3so@+0nfnnnn:c::\xBD\xC5\x91\x90\x8F\x97\x96\xC5"
      "e";
  author.lang = "en";
  const std::string greeted = "Hello " + std::string(author.author) + ", merci / thank you.";
  EXPECT_TRUE(scorer.Score("", greeted, author).ok());
  for (const char* reply : {"@1124 71@11724`4 @117242 @+17246@117243 @117247 Imagine going",
                            "Rappelez le @(33) 6 12 34 56 78.", "@+", "@(", "x@+1"}) {
    EXPECT_TRUE(scorer.Score("", reply).ok()) << reply;
  }
  ScoreOptions fr;
  fr.lang = "fr";
  const Report handle = scorer.Score("", "@116447 merci, nous vous rappelons.", fr).value();
  for (const Finding& f : handle.findings) EXPECT_NE(f.criterion, "pii") << ToJson(handle);
}

// fuzz_packs (a SEGV): `"params": {"min_words": 0}` on shouting.capitals made every position a
// "run of capitals" of zero words, and its span read the token before the first one. A run now
// has a word at least. And number parameters took any JSON number: -1 or 1e300 were converted to
// size_t (undefined behaviour, UBSan) by the checks. A pack or an image now carries whole numbers
// from 0 to 1,000,000 only.
std::string ShoutingPack(const std::string& min_words) {
  return R"({"lang": "fr", "criterion": "shouting", "rules": [
    {"id": "fr.shouting.capitals", "kind": "check", "check": "shouting.capitals",
     "params": {"min_words": )" +
         min_words + R"(}, "message": "m",
     "examples": {"match": ["Nous sommes [VRAIMENT DESOLES] pour ce retard."],
                  "nomatch": ["Votre colis part demain."]}}]})";
}

TEST(FuzzRegression, CapitalsCheckWithZeroMinWords) {
  const PackSource pack{"shouting.json", ShoutingPack("0")};
  const absl::StatusOr<Scorer> s = Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->CheckExamples().empty());
  const Report calm = s->Score("", "Merci pour votre message.").value();
  EXPECT_TRUE(calm.findings.empty()) << ToJson(calm);
  const Report loud = s->Score("", "Merci, NOUS SOMMES DESOLES.").value();
  ASSERT_EQ(loud.findings.size(), 1u) << ToJson(loud);
  EXPECT_EQ(loud.findings[0].span.begin, 7u);
  EXPECT_EQ(loud.findings[0].span.end, 26u);
}

// A pack image with its checksum (bytes 12-19, over everything after byte 20) fixed up, as
// fuzz_image does, so that a patched image reaches the payload reader.
std::string WithChecksum(std::string image) {
  const uint64_t hash = internal::ImageChecksum(std::string_view(image).substr(20));
  for (int i = 0; i < 8; ++i) image[12 + i] = static_cast<char>(hash >> (8 * i));
  return image;
}

TEST(FuzzRegression, CheckNumberParametersAreWholeCounts) {
  for (const char* bad : {"-1", "1e300", "2.5", "1000001", "\"3\""}) {
    const PackSource pack{"shouting.json", ShoutingPack(bad)};
    const absl::StatusOr<Scorer> s = Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().message(),
              "shouting.json:3:30: /rules/0/params/min_words: expected a whole number from 0 to "
              "1000000")
        << bad;
  }
  // The same in an image: the number written by a valid pack, patched to -1 (checksum fixed).
  const PackSource pack{"shouting.json", ShoutingPack("3")};
  std::string image = Scorer::FromPacks({&pack, 1}, false)->Image();
  const std::string three("\0\0\0\0\0\0\x08\x40", 8);  // 3.0, little-endian
  const size_t at = image.find(std::string("min_words") + three);
  ASSERT_NE(at, std::string::npos);
  image.replace(at + 9, 8, std::string("\0\0\0\0\0\0\xF0\xBF", 8));  // -1.0
  const absl::StatusOr<Scorer> loaded = Scorer::FromImage(WithChecksum(image));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            "pack image is damaged (a value is out of range in the 'fr' part)");
}

// fuzz_image (a broken property, not UTF-8 JSON): one bit flipped in a rubric id of a pack image
// ("private_channel" became "p\xF2ivate_channel") loaded, and every report then quoted the id as
// it was, invalid UTF-8 in a JSON line. Every string of a pack is UTF-8, so an image string that
// is not (an id, a message, a suggestion, a word of a list) now makes the image damaged.
TEST(FuzzRegression, PackImageStringsAreUtf8) {
  const PackSource pack{"shouting.json", ShoutingPack("3")};
  const std::string image =
      Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false)->Image(/*with_examples=*/true);
  ASSERT_TRUE(Scorer::FromImage(WithChecksum(image)).ok());
  for (const auto& [from, to, part] : std::vector<std::array<std::string, 3>>{
           {"private_channel", "p\xF2ivate_channel", ""},  // the finding: a rubric id
           {"fr.shouting.capitals", "fr.shouting.c\xC3pitals", " in the 'fr' part"},  // a rule id
           {"Nous sommes", "Nous \xED\xA0\x80mes", " in the 'fr' part"}}) {           // an example
    std::string damaged = image;
    const size_t at = damaged.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    damaged.replace(at, from.size(), to);
    ASSERT_EQ(damaged.size(), image.size());
    const absl::StatusOr<Scorer> loaded = Scorer::FromImage(WithChecksum(damaged));
    ASSERT_FALSE(loaded.ok()) << from;
    EXPECT_EQ(loaded.status().message(),
              "pack image is damaged (a value is out of range" + part + ")");
  }
  // Accents, emoji and every other well-formed character still load: the built-in image.
  const absl::StatusOr<Scorer> builtin = Scorer::FromImage(Scorer::Builtin()->Image());
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  EXPECT_TRUE(ValidUtf8(ToJson(builtin->Score("", "Merci Élodie 😀 !!").value())));
}

// fuzz_image (a broken property: every report has a band): a pack image whose bands did not
// start at 0 loaded, and a score under the first band got no band at all. The image now requires
// what the JSON loader does: named bands, the first at 0, going up, at most 100.
TEST(FuzzRegression, PackImageRubricNumbersAreTheJsonLoadersOnes) {
  const PackSource pack{"shouting.json", ShoutingPack("3")};
  const std::string image = Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false)->Image();
  ASSERT_TRUE(Scorer::FromImage(WithChecksum(image)).ok());
  // Bands as the image codes them: a length-prefixed name, then its minimum as a varint.
  const std::string bands(
      "\x06rework\x00\x04"
      "fair\x32\x04"
      "good\x4B",
      20);
  ASSERT_NE(image.find(bands), std::string::npos);
  for (const auto& [what, patched] : std::vector<std::pair<std::string, std::string>>{
           {"the first band at 5", std::string("\x06rework\x05\x04"
                                               "fair\x32\x04"
                                               "good\x4B",
                                               20)},
           {"a band below the one before", std::string("\x06rework\x00\x04"
                                                       "fair\x32\x04"
                                                       "good\x14",
                                                       20)},
           {"a band at the one before", std::string("\x06rework\x00\x04"
                                                    "fair\x32\x04"
                                                    "good\x32",
                                                    20)}}) {
    std::string damaged = image;
    damaged.replace(image.find(bands), bands.size(), patched);
    const absl::StatusOr<Scorer> loaded = Scorer::FromImage(WithChecksum(damaged));
    ASSERT_FALSE(loaded.ok()) << what;
    EXPECT_EQ(loaded.status().message(), "pack image is damaged (a value is out of range)") << what;
  }
  // fuzz_image, the same day: a criterion weight of 1.6 billion overflowed the grade's arithmetic
  // (UBSan). Weights, penalties and caps are whole numbers 0-100 and the weights sum to 100.
  const std::string thanks("\x06thanks\x00\x0A", 9);  // id, not a violation, weight 10
  ASSERT_NE(image.find(thanks), std::string::npos);
  for (const char weight : {'\x0B', '\x7F'}) {  // the sum is 101; a weight over 100
    std::string damaged = image;
    damaged[image.find(thanks) + 8] = weight;
    const absl::StatusOr<Scorer> loaded = Scorer::FromImage(WithChecksum(damaged));
    ASSERT_FALSE(loaded.ok()) << int{weight};
    EXPECT_EQ(loaded.status().message(), "pack image is damaged (a value is out of range)");
  }
}

// fuzz_jsonl (a broken property, once CSV input joined the CLI): the stream, in its "auto" format,
// took an input whose first byte is not '{' ("3") for a CSV header and answered no line. Read as
// JSONL (a .jsonl file, the fuzz target), a malformed first line is line 1's error and every
// line after it is scored.
TEST(FuzzRegression, JsonlStreamWithAMalformedFirstLine) {
  const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok());
  std::istringstream in("3\n{\"reply\": \"Merci pour votre avis !\"}\n3");
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchOptions options;
  options.threads = 1;
  options.records.format = "jsonl";
  const cli::BatchStats stats = cli::ScoreStream(*scorer, in, out, err, options);
  EXPECT_EQ(stats.lines, 3u);
  EXPECT_EQ(stats.rejected, 2u);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> got;
  while (std::getline(lines, line)) got.push_back(line);
  ASSERT_EQ(got.size(), 3u) << out.str();
  EXPECT_TRUE(absl::StartsWith(got[0], R"({"line":1,"error":)")) << got[0];
  EXPECT_TRUE(absl::StartsWith(got[1], R"({"score":)")) << got[1];
  EXPECT_TRUE(absl::StartsWith(got[2], R"({"line":3,"error":)")) << got[2];
}

// fuzz_jsonl (a broken property: the stream and ScoreJson disagreed): a first line that starts
// with two byte order marks lost both, one as the input's and one as the line's, and was scored;
// ScoreJson drops one, as for any line, and the second makes it invalid JSON. One BOM per line.
TEST(FuzzRegression, OneByteOrderMarkPerLineInAStream) {
  const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok());
  const std::string bom = "\xEF\xBB\xBF";
  const std::string line = R"({"reply": "Merci pour votre avis !"})";
  const std::string scored = ScoreJson(*scorer, line);
  for (const auto& [first, want] : std::vector<std::pair<std::string, std::string>>{
           {bom + line, scored},
           {bom + bom + line, R"x({"line":1,"error":"not valid JSON (syntax error)"})x"}}) {
    std::istringstream in(first + "\n" + bom + line + "\n");
    std::ostringstream out;
    std::ostringstream err;
    cli::BatchOptions options;
    options.records.format = "jsonl";
    cli::ScoreStream(*scorer, in, out, err, options);
    EXPECT_EQ(out.str(), want + "\n" + scored + "\n");
  }
}

// fuzz_jsonl (a broken property): the line limit counts a line's byte order mark, but not line
// 1's when it went with the input's: a first line 1 to 3 bytes over the limit with its BOM was
// scored, the same line further down rejected.
TEST(FuzzRegression, LineLimitCountsTheFirstLinesByteOrderMark) {
  const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok());
  const std::string bom = "\xEF\xBB\xBF";
  const std::string line = R"({"reply": "Merci pour votre avis !"})";
  std::istringstream in(bom + line + "\n" + bom + line + "\n" + line + "\n");
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchOptions options;
  options.records.format = "jsonl";
  options.max_line_bytes = line.size() + 1;  // the line fits, not with its BOM
  cli::ScoreStream(*scorer, in, out, err, options);
  std::istringstream lines(out.str());
  std::string got;
  for (int n = 1; n <= 2; ++n) {
    ASSERT_TRUE(std::getline(lines, got));
    EXPECT_TRUE(absl::StartsWith(got, absl::StrCat(R"({"line":)", n, R"(,"error":"line longer)")))
        << got;
  }
  ASSERT_TRUE(std::getline(lines, got));
  EXPECT_EQ(got, ScoreJson(*scorer, line));
}

// fuzz_jsonl (a broken property of the target, not of the core): an input that is a byte order
// mark and nothing else is an empty input, no line, as the stream reads it.
TEST(FuzzRegression, AByteOrderMarkAloneIsAnEmptyInput) {
  const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok());
  std::istringstream in("\xEF\xBB\xBF");
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchOptions options;
  options.records.format = "jsonl";
  const cli::BatchStats stats = cli::ScoreStream(*scorer, in, out, err, options);
  EXPECT_EQ(stats.lines, 0u);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace tact
