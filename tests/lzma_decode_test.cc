// The LZMA decoder of the wasm build's built-in pack image (core/src/lzma_decode.cc), checked
// natively against the build's own `xz --format=lzma` output of the image.
#include "lzma_decode.h"

#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace tact::internal {
namespace {

using ::tact::testing::ReadFile;

const std::string& Image() {
  static const std::string* image = new std::string(ReadFile(TACT_BUILTIN_IMAGE_PATH));
  return *image;
}

const std::string& Compressed() {
  static const std::string* lzma = new std::string(ReadFile(TACT_BUILTIN_IMAGE_PATH ".lzma"));
  return *lzma;
}

TEST(LzmaDecode, DecodesTheBuiltinImage) {
  ASSERT_GT(Image().size(), 1000u);
  ASSERT_GT(Compressed().size(), 13u);
  EXPECT_LT(Compressed().size(), Image().size());
  std::string out;
  ASSERT_TRUE(LzmaDecode(Compressed(), Image().size(), &out));
  EXPECT_EQ(out, Image());
}

TEST(LzmaDecode, RefusesAnotherSize) {
  std::string out = "left over";
  EXPECT_FALSE(LzmaDecode(Compressed(), Image().size() + 1, &out));
  EXPECT_TRUE(out.empty());
  // Shorter than the stream: decoding stops there (an .lzma of unknown size says no more).
  EXPECT_TRUE(LzmaDecode(Compressed(), 100, &out));
  EXPECT_EQ(out, Image().substr(0, 100));
}

TEST(LzmaDecode, ResumesAcrossItsSlices) {
  // The decoder works in 16 KiB slices of output, its state carried from one to the next: the
  // whole image (DecodesTheBuiltinImage) crosses many. A size that ends inside a match fails
  // (the stream says more); any other gives exactly that prefix.
  constexpr size_t kSlice = 16 << 10;
  ASSERT_GT(Image().size(), 4 * kSlice);
  int decoded = 0;
  for (size_t n = kSlice - 40; n < 3 * kSlice + 40; n += kSlice / 8 + 1) {
    std::string out;
    if (LzmaDecode(Compressed(), n, &out)) {
      ++decoded;
      EXPECT_EQ(out, Image().substr(0, n)) << n;
    } else {
      EXPECT_TRUE(out.empty()) << n;
    }
  }
  EXPECT_GT(decoded, 0);
}

TEST(LzmaDecode, DamagedOrShortStreamsFailOrDifferNeverCrash) {
  // Run under ASan + UBSan by the asan preset: no read or write out of bounds.
  const std::string& z = Compressed();
  for (size_t i = 0; i < z.size(); i += 211) {
    std::string damaged = z;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    std::string out;
    if (LzmaDecode(damaged, Image().size(), &out)) {
      EXPECT_EQ(out.size(), Image().size());
    } else {
      EXPECT_TRUE(out.empty());
    }
  }
  for (size_t n = 0; n < z.size(); n += 997) {
    std::string out;
    EXPECT_FALSE(LzmaDecode(z.substr(0, n), Image().size(), &out)) << n;
  }
  std::string out;
  EXPECT_FALSE(LzmaDecode("", 0, &out));
  EXPECT_FALSE(LzmaDecode(std::string(13, '\xFF'), 10, &out));
}

}  // namespace
}  // namespace tact::internal
