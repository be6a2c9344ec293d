// Bad input never crashes or hangs: random bytes, huge and empty texts, hostile JSON.
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

const Scorer& Builtin() {
  static const Scorer scorer = *Scorer::Builtin();
  return scorer;
}

TEST(Robustness, RandomBytesScoreWithoutCrashing) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> len(0, 600);
  for (int i = 0; i < 300; ++i) {
    std::string review(len(rng), '\0');
    std::string reply(len(rng), '\0');
    for (char& c : review) c = static_cast<char>(byte(rng));
    for (char& c : reply) c = static_cast<char>(byte(rng));
    const Report r = Builtin().Score(review, reply).value();
    EXPECT_GE(r.score, 0);
    EXPECT_LE(r.score, 100);
    const std::string json = ToJson(r);
    EXPECT_EQ(json.front(), '{');
  }
}

TEST(Robustness, EmptyReplyIsScoredNotRejected) {
  const Report r = Builtin().Score("", "").value();
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.band, "rework");
}

TEST(Robustness, MegabyteReplyIsCutAndFlagged) {
  std::string reply;
  while (reply.size() < (1u << 20)) reply += "Nous sommes désolés 😀 MAIS VOUS AVEZ TORT !! ";
  const Report r = Builtin().Score("Colis abîmé", reply).value();
  EXPECT_TRUE(r.flags & kFlagTruncated);
  for (const Finding& f : r.findings) {
    if (f.has_span) {
      EXPECT_LE(f.span.end, 256u * 1024u);
    }
  }
}

TEST(Robustness, HostileRequestJson) {
  bool ok = true;
  ScoreJson(Builtin(), std::string(100000, '['), &ok);
  EXPECT_FALSE(ok);
  ScoreJson(Builtin(), std::string("{\"reply\":\"") + std::string(3, '\0') + "\"}", &ok);
  EXPECT_FALSE(ok);  // raw control characters are not valid JSON
  ScoreJson(Builtin(), "", &ok);
  EXPECT_FALSE(ok);
  const std::string nul = ScoreJson(Builtin(), "{\"reply\":\"a\\u0000b\"}", &ok);
  EXPECT_TRUE(ok) << nul;
  // Boost.JSON rejects a lone surrogate escape; it is a clear error, not a crash (the JS
  // binding replaces lone surrogates with U+FFFD before it builds the request).
  const std::string lone = ScoreJson(Builtin(), "{\"reply\":\"\\ud83d\"}", &ok);
  EXPECT_FALSE(ok);
  EXPECT_EQ(lone, "{\"error\":\"not valid JSON (syntax error)\"}");
}

}  // namespace
}  // namespace tact
