#include "matcher.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "text.h"

namespace tact::internal {
namespace {

class MatcherTest : public ::testing::Test {
 protected:
  // Adds `phrase` as a new group; returns the group.
  int Add(std::string_view phrase) {
    const int g = matcher_.NewGroup();
    EXPECT_EQ(matcher_.Add(phrase, g, Lookup()), "") << phrase;
    return g;
  }
  std::string Error(std::string_view phrase) {
    return matcher_.Add(phrase, matcher_.NewGroup(), Lookup());
  }
  // The matched substrings of `text` for group `g`.
  std::vector<std::string> Found(int g, const std::string& text) {
    const Text t = Analyze(text, 1 << 20);
    const Matches m = matcher_.Match(t);
    std::vector<std::string> out;
    for (TokenRange r : m.Of(g)) {
      out.push_back(
          text.substr(t.tokens[r.begin].begin, t.tokens[r.end - 1].end - t.tokens[r.begin].begin));
    }
    return out;
  }
  Matcher::LexiconLookup Lookup() {
    return [this](std::string_view name) -> const std::vector<std::string>* {
      return name == "sorry" ? &sorry_ : nullptr;
    };
  }
  Matcher matcher_;
  std::vector<std::string> sorry_ = {"désolé(e)(s)", "navré(e)(s)"};
};

using Hits = std::vector<std::string>;

TEST_F(MatcherTest, WordsMatchAfterNormalisation) {
  const int g = Add("nous sommes désolés");
  EXPECT_EQ(Found(g, "NOUS SOMMES DESOLES."), Hits{"NOUS SOMMES DESOLES"});
  EXPECT_EQ(Found(g, "nous sommes vraiment désolés"), Hits{});
}

TEST_F(MatcherTest, InflectionShorthandCoversAllForms) {
  const int g = Add("désolé(e)(s)");
  EXPECT_EQ(Found(g, "désolé désolée désolés désolées désol"),
            (Hits{"désolé", "désolée", "désolés", "désolées"}));
}

TEST_F(MatcherTest, AlternativesOptionalAndGaps) {
  const int g = Add("nous vous rappel(l)erons|recontacterons");
  EXPECT_EQ(Found(g, "nous vous rappellerons demain"), Hits{"nous vous rappellerons"});
  EXPECT_EQ(Found(g, "nous vous recontacterons"), Hits{"nous vous recontacterons"});
  const int opt = Add("merci beaucoup? pour");
  EXPECT_EQ(Found(opt, "merci pour. merci beaucoup pour"),
            (Hits{"merci pour", "merci beaucoup pour"}));
  const int gap = Add("sommes ... désolés");
  EXPECT_EQ(Found(gap, "nous sommes vraiment sincèrement désolés"),
            Hits{"sommes vraiment sincèrement désolés"});
  EXPECT_EQ(Found(gap, "sommes a b c d désolés"), Hits{});
}

TEST_F(MatcherTest, PrefixNumberAndLexicon) {
  const int p = Add("rembours*");
  EXPECT_EQ(Found(p, "remboursement remboursée rembo"), (Hits{"remboursement", "remboursée"}));
  const int n = Add("sous # jours");
  EXPECT_EQ(Found(n, "sous 3 jours, sous trois jours"), Hits{"sous 3 jours"});
  const int l = Add("sommes @sorry");
  EXPECT_EQ(Found(l, "nous sommes navrées"), Hits{"sommes navrées"});
}

TEST_F(MatcherTest, DropInsideRemovesOnlyMatchesWithinTheOuterGroup) {
  const int pain = Add("pain");
  const int fix = Add("fix");
  const int idiom = Add("a pain");
  const int other = Add("back");
  const std::string text = "What a pain. Back pain, fix it.";
  const Text t = Analyze(text, 1 << 20);
  Matches m = matcher_.Match(t);
  ASSERT_EQ(m.Of(pain).size(), 2u);
  const int groups[] = {pain, fix};
  m.DropInside(groups, idiom);
  // "pain" inside "a pain" is gone, "Back pain" stays; other groups keep their matches.
  ASSERT_EQ(m.Of(pain).size(), 1u);
  EXPECT_EQ(t.tokens[m.Of(pain)[0].begin].norm, "pain");
  EXPECT_EQ(m.Of(pain)[0].begin, 4u);
  EXPECT_EQ(m.Of(fix).size(), 1u);
  EXPECT_EQ(m.Of(idiom).size(), 1u);
  EXPECT_EQ(m.Of(other).size(), 1u);
}

TEST_F(MatcherTest, NeverCrossesASentenceEnd) {
  const int g = Add("désolé mais");
  EXPECT_EQ(Found(g, "désolé. Mais"), Hits{});
  EXPECT_EQ(Found(g, "désolé, mais"), Hits{"désolé, mais"});
}

TEST_F(MatcherTest, ApostrophesAndHyphensInPhrases) {
  const int g = Add("n'hésitez pas à nous contacter");
  EXPECT_EQ(Found(g, "N ’ hésitez pas à nous contacter"), Hits{"N ’ hésitez pas à nous contacter"});
  const int h = Add("contactez-nous");
  EXPECT_EQ(Found(h, "Contactez nous"), Hits{"Contactez nous"});
}

TEST_F(MatcherTest, EmoticonsAndEmoji) {
  const int g = Add(";)");
  EXPECT_EQ(Found(g, "Bonne chance ;) !"), Hits{";)"});
  const int e = Add("🙄");
  EXPECT_EQ(Found(e, "Ah 🙄"), Hits{"🙄"});
}

TEST_F(MatcherTest, SyntaxErrorsAreExplained) {
  EXPECT_EQ(Error("   "), "empty phrase");
  EXPECT_EQ(Error("... désolé"), "a phrase may not start or end with '...'");
  EXPECT_EQ(Error("désolé vraiment?"), "a phrase may not start or end with 'vraiment?'");
  EXPECT_EQ(Error("@nope"), "unknown lexicon 'nope'");
  EXPECT_EQ(Error("re*"), "prefix 're*' needs at least 3 letters before '*'");
  EXPECT_EQ(Error("a||b"), "empty alternative in 'a||b'");
  EXPECT_EQ(Error("a|b|c|d|e|f|g|h ... a|b|c|d|e|f|g|h ... a|b|c|d|e|f|g|h x"),
            "phrase expands to more than 4096 variants");
}

}  // namespace
}  // namespace tact::internal
