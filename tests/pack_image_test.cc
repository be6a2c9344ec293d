// The compiled pack image: the same verdicts as the JSON packs it was compiled from, the same
// bytes every time, its examples kept on request, the same reports whether its languages load
// at once or when first needed, and a clear error for anything else.
#include "pack_image.h"

#include <string>
#include <thread>
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
  stale[8] = 10;
  EXPECT_EQ(error(stale),
            "pack image format 10, this engine reads format 13: compile the packs again with this "
            "version of tact");
  std::string damaged = image;
  damaged[damaged.size() / 2] ^= 0x5a;
  EXPECT_EQ(error(damaged), "pack image is damaged (checksum mismatch)");
  // Cut anywhere, the image is refused, never read out of bounds.
  for (size_t n : {size_t{0}, size_t{12}, size_t{20}, image.size() / 3, image.size() - 1}) {
    EXPECT_NE(error(std::string_view(image).substr(0, n)), "ok") << n;
  }
}

// The built-in image as the wasm build embeds it: each part LZMA-compressed on its own.
const std::string& CompressedParts() {
  static const std::string* image =
      new std::string(testing::ReadFile(TACT_BUILTIN_IMAGE_PATH ".lzparts"));
  return *image;
}

std::vector<std::string> SampleLines() {
  const std::string sample = testing::ReadFile(testing::SourcePath("native/sample/reviews.jsonl"));
  std::vector<std::string> lines;
  for (size_t at = 0; at < sample.size();) {
    size_t end = sample.find('\n', at);
    if (end == std::string::npos) end = sample.size();
    if (end > at) lines.push_back(sample.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

// The image again, with its header's checksum made right for `payload` changes.
std::string WithChecksum(std::string image) {
  const uint64_t hash = internal::ImageChecksum(std::string_view(image).substr(20));
  for (int i = 0; i < 8; ++i) image[12 + i] = static_cast<char>(hash >> (8 * i));
  return image;
}

std::string Error(std::string_view image, Scorer::Loading loading = Scorer::Loading::kEager) {
  const absl::StatusOr<Scorer> s = Scorer::FromImage(image, loading);
  return s.ok() ? std::string("ok") : std::string(s.status().message());
}

TEST(PackImage, PartsCompressedOrNotLazyOrNotGiveTheSameReports) {
  const std::vector<std::string> lines = SampleLines();
  ASSERT_GT(lines.size(), 10u);
  const Scorer eager = *Scorer::Builtin();
  const absl::StatusOr<Scorer> lzma = Scorer::FromImage(CompressedParts());
  ASSERT_TRUE(lzma.ok()) << lzma.status();
  // The same packs: each part decodes to the uncompressed image's part.
  EXPECT_EQ(lzma->Image(true), eager.Image(true));
  const std::string plain = eager.Image(true);
  for (const std::string* image : {&CompressedParts(), &plain}) {
    // A fresh lazy scorer per line: each line's language is that scorer's first.
    for (const std::string& line : lines) {
      const Scorer lazy = *Scorer::FromImage(*image, Scorer::Loading::kLazy);
      EXPECT_EQ(ScoreJson(lazy, line), ScoreJson(eager, line)) << line;
    }
    // One lazy scorer over every line: languages load as the lines need them.
    const Scorer lazy = *Scorer::FromImage(*image, Scorer::Loading::kLazy);
    for (const std::string& line : lines) EXPECT_EQ(ScoreJson(lazy, line), ScoreJson(eager, line));
  }
  // The second language, loaded lazily after the first, scores as when loaded at once.
  const Scorer lazy = *Scorer::Builtin(Scorer::Loading::kLazy);
  ASSERT_TRUE(lazy.Preload("fr").ok());
  for (const std::string& line : lines)
    EXPECT_EQ(ScoreJson(lazy, line, nullptr, nullptr, "en"),
              ScoreJson(eager, line, nullptr, nullptr, "en"));
  EXPECT_EQ(lazy.Image(), eager.Image());
  EXPECT_EQ(lazy.Preload("de").message(), "unknown language 'de' (loaded: auto, en, fr)");
}

TEST(PackImage, LazyLanguagesLoadOnceAcrossThreads) {
  const std::vector<std::string> lines = SampleLines();
  const Scorer eager = *Scorer::Builtin();
  for (int round = 0; round < 3; ++round) {
    const Scorer lazy = *Scorer::FromImage(CompressedParts(), Scorer::Loading::kLazy);
    std::vector<std::vector<std::string>> out(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < out.size(); ++t) {
      threads.emplace_back([&, t] {
        for (const std::string& line : lines) out[t].push_back(ScoreJson(lazy, line));
      });
    }
    for (std::thread& t : threads) t.join();
    for (const std::vector<std::string>& reports : out) {
      ASSERT_EQ(reports.size(), lines.size());
      for (size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(reports[i], ScoreJson(eager, lines[i]));
    }
  }
}

TEST(PackImage, RefusesMissingForeignAndMisplacedParts) {
  const std::string image = FromJson().Image();
  const std::vector<internal::ImagePart> parts = *internal::SplitPackImage(image);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "");
  EXPECT_EQ(parts[1].name, "en");
  EXPECT_EQ(parts[2].name, "fr");
  EXPECT_EQ(internal::JoinPackImage(parts), image);

  std::vector<internal::ImagePart> missing = parts;
  missing.erase(missing.begin() + 1);
  EXPECT_EQ(Error(internal::JoinPackImage(missing)),
            "pack image is damaged (no part for language 'en')");
  EXPECT_EQ(Error(internal::JoinPackImage(missing), Scorer::Loading::kLazy),
            "pack image is damaged (no part for language 'en')");
  std::vector<internal::ImagePart> extra = parts;
  extra.push_back(parts[2]);
  extra.back().name = "zz";
  EXPECT_EQ(Error(internal::JoinPackImage(extra)),
            "pack image is damaged (a part for no language: 'zz')");
  EXPECT_EQ(Error(internal::JoinPackImage(std::vector(parts.begin() + 1, parts.end()))),
            "pack image is damaged (no common part first)");

  // A part compiled with other packs (a stale build, another image: here the image with
  // examples, whose common part differs) would read its rules against another rubric.
  std::vector<internal::ImagePart> foreign = parts;
  foreign[1] = (*internal::SplitPackImage(FromJson().Image(/*with_examples=*/true)))[1];
  const std::string other =
      "pack image part 'en' belongs to another image: compile the packs again with this "
      "version of tact";
  EXPECT_EQ(Error(internal::JoinPackImage(foreign)), other);
  const Scorer lazy = *Scorer::FromImage(internal::JoinPackImage(foreign), Scorer::Loading::kLazy);
  EXPECT_EQ(lazy.Preload("en").message(), other);
  ScoreOptions en;
  en.lang = "en";
  EXPECT_EQ(lazy.Score("", "Thanks!", en).status().message(), other);
  EXPECT_TRUE(lazy.Score("", "Merci beaucoup pour votre avis !").ok());  // French still loads
  EXPECT_EQ(lazy.Image(), "");

  std::vector<internal::ImagePart> swapped = parts;
  swapped[1].bytes = parts[2].bytes;
  EXPECT_EQ(Error(internal::JoinPackImage(swapped)),
            "pack image is damaged (the 'en' part holds another language)");
}

TEST(PackImage, DamagedCompressedPartIsAnErrorWhenNeededNeverACrash) {
  const Scorer eager = *Scorer::Builtin();
  std::string unfixed = CompressedParts();
  unfixed[unfixed.size() - 200] ^= 0x5a;
  EXPECT_EQ(Error(unfixed, Scorer::Loading::kLazy), "pack image is damaged (checksum mismatch)");
  int errors = 0;
  // Damage inside the last part (French): the checksum is fixed, so only decoding can tell.
  for (size_t back : {size_t{5}, size_t{200}, size_t{5000}, size_t{30000}}) {
    std::string image = CompressedParts();
    image[image.size() - back] ^= 0x5a;
    image = WithChecksum(std::move(image));
    const absl::StatusOr<Scorer> lazy = Scorer::FromImage(image, Scorer::Loading::kLazy);
    ASSERT_TRUE(lazy.ok()) << lazy.status();  // the common part is intact
    ScoreOptions fr;
    fr.lang = "fr";
    for (int again = 0; again < 2; ++again) {
      const absl::StatusOr<Report> r = lazy->Score("Colis abîmé.", "Désolés, merci !", fr);
      if (r.ok()) continue;  // a byte LZMA decodes to the same part (unlikely)
      ++errors;
      EXPECT_TRUE(r.status().message() ==
                      "pack image is damaged (the 'fr' part does not decompress)" ||
                  r.status().message() ==
                      "pack image is damaged (a value is out of range in the 'fr' part)")
          << r.status();
      EXPECT_EQ(Error(image), std::string(r.status().message()));
    }
    // English still loads and scores as the intact image does.
    ScoreOptions en;
    en.lang = "en";
    EXPECT_EQ(ToJson(*lazy->Score("", "Thanks a lot, Kelly", en)),
              ToJson(*eager.Score("", "Thanks a lot, Kelly", en)));
  }
  EXPECT_GT(errors, 0);
  // A part's decoded size out of range is refused before any decoding.
  std::vector<internal::ImagePart> parts = *internal::SplitPackImage(CompressedParts());
  parts[1].lzma = true;
  parts[1].decoded_size = 1u << 31;
  EXPECT_EQ(Error(internal::JoinPackImage(parts), Scorer::Loading::kLazy),
            "pack image is damaged (its parts do not add up)");
}

}  // namespace
}  // namespace tact
