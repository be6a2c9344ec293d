// The compiled pack image: the same verdicts as the JSON packs it was compiled from, the same
// bytes every time, its examples kept on request, and a clear error for anything else.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tact/tact.h"
#include "test_util.h"

namespace tact {
namespace {

const Scorer& FromJson() {
  static const Scorer scorer = *Scorer::FromPacks({}, /*with_builtin=*/true);
  return scorer;
}

TEST(PackImage, SameVerdictsAsTheJsonPacksOnTheSample) {
  const absl::StatusOr<Scorer> image = Scorer::FromImage(FromJson().Image());
  ASSERT_TRUE(image.ok()) << image.status();
  const std::string sample = testing::ReadFile(testing::SourcePath("native/sample/reviews.jsonl"));
  int lines = 0;
  for (size_t at = 0; at < sample.size();) {
    size_t end = sample.find('\n', at);
    if (end == std::string::npos) end = sample.size();
    const std::string_view line = std::string_view(sample).substr(at, end - at);
    at = end + 1;
    if (line.empty()) continue;
    ++lines;
    EXPECT_EQ(ScoreJson(*image, line), ScoreJson(FromJson(), line)) << line;
  }
  EXPECT_GT(lines, 10);
}

TEST(PackImage, BuiltinIsTheCompiledImage) {
  // The embedded image and one compiled here from the embedded JSON are the same bytes.
  const absl::StatusOr<Scorer> builtin = Scorer::Builtin();
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  EXPECT_EQ(builtin->Image(true), FromJson().Image(true));
}

TEST(PackImage, SameBytesEveryTime) {
  const std::string a = FromJson().Image();
  const std::string b = Scorer::FromPacks({}, true)->Image();
  EXPECT_EQ(a, b);
  EXPECT_EQ(Scorer::FromImage(a)->Image(), a);  // a round trip changes nothing
}

TEST(PackImage, ExamplesOnlyWhenAsked) {
  int with = 0;
  int without = 0;
  Scorer::FromImage(FromJson().Image(/*with_examples=*/true))->CheckExamples(&with);
  Scorer::FromImage(FromJson().Image(/*with_examples=*/false))->CheckExamples(&without);
  int json = 0;
  FromJson().CheckExamples(&json);
  EXPECT_EQ(with, json);
  EXPECT_GT(with, 500);
  EXPECT_EQ(without, 0);
  EXPECT_TRUE(Scorer::FromImage(FromJson().Image(true))->CheckExamples().empty());
}

TEST(PackImage, RefusesForeignStaleAndDamagedImages) {
  const std::string image = FromJson().Image();
  const auto error = [](std::string_view bytes) {
    const absl::StatusOr<Scorer> s = Scorer::FromImage(bytes);
    return s.ok() ? std::string("ok") : std::string(s.status().message());
  };
  EXPECT_EQ(error(""),
            "not a Tact pack image (compile packs with `tact packs compile DIR -o FILE`)");
  EXPECT_EQ(error("{\"lang\": \"fr\"}"), error(""));
  std::string stale = image;
  stale[8] = 9;
  EXPECT_EQ(error(stale),
            "pack image format 9, this engine reads format 10: compile the packs again with this "
            "version of tact");
  std::string damaged = image;
  damaged[damaged.size() / 2] ^= 0x5a;
  EXPECT_EQ(error(damaged), "pack image is damaged (checksum mismatch)");
  // Cut anywhere, the image is refused, never read out of bounds.
  for (size_t n : {size_t{0}, size_t{12}, size_t{20}, image.size() / 3, image.size() - 1}) {
    EXPECT_NE(error(std::string_view(image).substr(0, n)), "ok") << n;
  }
}

}  // namespace
}  // namespace tact
