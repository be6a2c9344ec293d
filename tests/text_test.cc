#include "text.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tact::internal {
namespace {

std::vector<std::string> Norms(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Analyze(s, 1 << 20).tokens) out.push_back(t.norm);
  return out;
}

using Words = std::vector<std::string>;

TEST(Utf8, AsciiOffsetsAreBytesAndUnits) {
  const Text t = Analyze("Merci Sophie", 100);
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_EQ(t.tokens[1].begin, 6u);
  EXPECT_EQ(t.tokens[1].end, 12u);
  EXPECT_EQ(t.Utf16At(6), 6u);
}

TEST(Utf8, AccentIsTwoBytesOneUnit) {
  const Text t = Analyze("désolé vraiment", 100);
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_EQ(t.tokens[0].end, 8u);  // d é s o l é = 1+2+1+1+1+2
  EXPECT_EQ(t.tokens[1].begin, 9u);
  EXPECT_EQ(t.Utf16At(9), 7u);
}

TEST(Utf8, EmojiCountsTwoUtf16Units) {
  const std::string s = "Top 😀 merci";
  const Text t = Analyze(s, 100);
  ASSERT_EQ(t.tokens.size(), 3u);
  EXPECT_TRUE(t.tokens[1].Has(kTokenEmoji));
  EXPECT_EQ(t.tokens[2].begin, 9u);  // "Top " 4 + emoji 4 + space 1
  EXPECT_EQ(t.Utf16At(9), 7u);       // 4 + 2 + 1
  EXPECT_EQ(t.Utf16At(static_cast<uint32_t>(s.size())), 12u);
}

TEST(Utf8, CrLfIsOneLineBreak) {
  const Text t = Analyze("Bonjour\r\nMerci", 100);
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_EQ(t.tokens[1].begin, 9u);
  EXPECT_EQ(t.tokens[1].line, 1u);
  EXPECT_NE(t.tokens[0].sentence, t.tokens[1].sentence);
}

TEST(Utf8, InvalidByteIsOneReplacementAndOneUnit) {
  const std::string s =
      "ab\xFF"
      "cd";
  const Text t = Analyze(s, 100);
  EXPECT_TRUE(t.invalid_utf8);
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_EQ(t.tokens[1].begin, 3u);
  EXPECT_EQ(t.Utf16At(3), 3u);
  EXPECT_EQ(SanitizeUtf8(s),
            "ab\xEF\xBF\xBD"
            "cd");
}

TEST(Utf8, TruncatedSequenceAtEndIsReplacedBytewise) {
  const std::string s = "caf\xC3";  // é cut in half
  const Text t = Analyze(s, 100);
  EXPECT_TRUE(t.invalid_utf8);
  EXPECT_EQ(t.Utf16At(4), 4u);
  EXPECT_EQ(SanitizeUtf8("x\xE2\x82"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, OverlongAndSurrogateAreInvalid) {
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, CutNeverSplitsACharacter) {
  const Text t = Analyze("aé", 2);  // 'a' + first byte of é
  EXPECT_TRUE(t.truncated);
  EXPECT_EQ(t.input, "a");
  EXPECT_FALSE(t.invalid_utf8);
}

TEST(Normalize, CaseAccentsAndLigatures) {
  EXPECT_EQ(Norms("DÉSOLÉE Œuvre Straße"), (Words{"desolee", "oeuvre", "strasse"}));
}

TEST(Normalize, TypographicApostrophesSplitLikeAscii) {
  EXPECT_EQ(Norms("J’ai"), Norms("J'ai"));
  EXPECT_EQ(Norms("J ’ ai"), (Words{"j", "ai"}));
}

TEST(Normalize, ScrapedMissingSpaceAfterPeriod) {
  const Text t = Analyze("commande.Je suis", 100);
  ASSERT_EQ(t.tokens.size(), 3u);
  EXPECT_EQ(t.tokens[1].norm, "je");
  EXPECT_NE(t.tokens[0].sentence, t.tokens[1].sentence);
}

TEST(Normalize, NonBreakingSpacesSeparateWords) {
  EXPECT_EQ(Norms("merci\xC2\xA0"
                  "beaucoup\xE2\x80\xAF!"),
            (Words{"merci", "beaucoup"}));
}

TEST(Normalize, RepeatedLettersCollapse) {
  EXPECT_EQ(Norms("désolééééé sooooorry merciii"), (Words{"desole", "sorry", "merci"}));
  EXPECT_EQ(Norms("appelle"), (Words{"appelle"}));  // a double letter stays
}

TEST(Normalize, CombiningAccentFoldsLikePrecomposed) {
  EXPECT_EQ(Norms("de\xCC\x81sole\xCC\x81"), (Words{"desole"}));
}

TEST(Tokenize, DecimalPointIsNotASentenceEnd) {
  const Text t = Analyze("remboursé 12.50 euros", 100);
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_EQ(t.tokens[0].sentence, t.tokens[3].sentence);
}

TEST(Tokenize, LettersAndDigitsSplit) { EXPECT_EQ(Norms("sous 48h"), (Words{"sous", "48", "h"})); }

TEST(Tokenize, EmoticonsAreTokens) {
  EXPECT_EQ(Norms("Bravo ;) à vous :D"), (Words{"bravo", ";)", "a", "vous", ":d"}));
  EXPECT_EQ(Norms("c:Dx"), (Words{"c", "dx"}));  // not an emoticon inside a word
}

TEST(Tokenize, QuotedTokensAreMarked) {
  const Text t = Analyze("Vous dites « c'est faux » mais", 100);
  std::vector<bool> quoted;
  for (const Token& tok : t.tokens) quoted.push_back(tok.Has(kTokenQuoted));
  EXPECT_EQ(quoted, (std::vector<bool>{false, false, true, true, true, false}));
}

TEST(Tokenize, UnclosedQuoteQuotesNothing) {
  const Text t = Analyze("Vous avez \"tort\nvraiment", 100);
  for (const Token& tok : t.tokens) EXPECT_FALSE(tok.Has(kTokenQuoted)) << tok.norm;
}

TEST(Tokenize, SingleQuotesAroundAFewWords) {
  // 'It happens' was the wrong answer, and we don't say it.
  const Text t = Analyze("'It happens' was the wrong answer, and we don't say it.", 100);
  ASSERT_EQ(t.tokens.size(), 12u);           // "don't" is "don" and "t"
  EXPECT_TRUE(t.InSingleQuotes(0, 2, 8));    // "It happens"
  EXPECT_TRUE(t.InSingleQuotes(1, 2, 8));    // "happens", inside the same quotation
  EXPECT_FALSE(t.InSingleQuotes(2, 3, 8));   // "was": after the closing quote
  EXPECT_FALSE(t.InSingleQuotes(9, 10, 8));  // "t" of "don't": an apostrophe, not a quotation
  EXPECT_FALSE(t.InSingleQuotes(0, 2, 1));   // two words are more than one
}

TEST(Tokenize, SingleQuotesOnOtherLinesOrUnclosedQuoteNothing) {
  const Text open = Analyze("Biting 'does happen at this age", 100);
  for (size_t i = 0; i < open.tokens.size(); ++i) EXPECT_FALSE(open.InSingleQuotes(i, i + 1, 8));
  const Text lines = Analyze("'Thanks\nfor nothing'", 100);
  EXPECT_FALSE(lines.InSingleQuotes(0, 1, 8));
  EXPECT_FALSE(lines.InSingleQuotes(2, 3, 8));
}

TEST(Tokenize, CapitalsAndBangRuns) {
  const Text t = Analyze("C'EST NUL !! Vraiment ?! ok", 100);
  EXPECT_TRUE(t.tokens[1].Has(kTokenAllCaps));
  EXPECT_TRUE(t.tokens[3].Has(kTokenCapitalized));
  EXPECT_FALSE(t.tokens[3].Has(kTokenAllCaps));
  ASSERT_EQ(t.bang_runs.size(), 2u);
  EXPECT_EQ(t.bang_runs[0].begin, 10u);  // C ' E S T _ N U L _ !!
  EXPECT_EQ(t.bang_runs[0].end, 12u);
}

TEST(Tokenize, LowerKeepsAccents) { EXPECT_EQ(LowerUtf8("TRÈS DÉÇU ŸÉ"), "très déçu ÿé"); }

}  // namespace
}  // namespace tact::internal
