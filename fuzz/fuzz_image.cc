// The compiled pack image loader (Scorer::FromImage) on arbitrary bytes. An input that starts
// with the image magic gets its format and checksum fixed up, so mutations reach the payload
// reader instead of stopping at the checksum; other inputs are read as they are. An image that
// loads must score in each of its languages and, when small, run its examples and write itself
// back into an image that loads and writes the same bytes again (a round trip is a fixed point).
// Loaded lazily (each language's part when first needed), it must give the same reports.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "pack_image.h"

namespace {

constexpr std::string_view kMagic = "TACTPACK";
constexpr size_t kHeader = 8 + 4 + 8;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  std::string image(reinterpret_cast<const char*>(data), size);
  if (image.size() >= kHeader && std::string_view(image).substr(0, kMagic.size()) == kMagic) {
    const uint32_t format = internal::kPackImageFormat;
    for (int i = 0; i < 4; ++i) image[8 + i] = static_cast<char>(format >> (8 * i));
    const uint64_t hash = internal::ImageChecksum(std::string_view(image).substr(kHeader));
    for (int i = 0; i < 8; ++i) image[12 + i] = static_cast<char>(hash >> (8 * i));
  }
  absl::StatusOr<Scorer> s = Scorer::FromImage(image);
  if (!s.ok()) {
    TACT_FUZZ_CHECK(!s.status().message().empty(), image);
    return 0;
  }
  const absl::StatusOr<Scorer> lazy = Scorer::FromImage(image, Scorer::Loading::kLazy);
  TACT_FUZZ_CHECK(lazy.ok(), lazy.status().ToString());
  for (const std::string& lang : s->Languages()) {
    for (const char* reply :
         {"Bonjour Sophie, merci ! Désolés pour le retard, nous vous rappelons.",
          "Hi Bob, sorry. Please email us at help@example.com. Kelly", "",
          "MAIS NON !!! 06 12 34 56 78 😀"}) {
      ScoreOptions options;
      options.lang = lang;
      options.author = "Sophie M.";
      options.rating = 2;
      const absl::StatusOr<Report> r =
          s->Score("Colis abîmé, livraison en retard.", reply, options);
      TACT_FUZZ_CHECK(r.ok(), r.status().ToString());
      fuzz::CheckReport(*r, reply, options.max_input_bytes);
      const absl::StatusOr<Report> l =
          lazy->Score("Colis abîmé, livraison en retard.", reply, options);
      TACT_FUZZ_CHECK(l.ok() && ToJson(*l) == ToJson(*r), "lazy and eager loads differ");
    }
  }
  const absl::StatusOr<Report> guessed = s->Score("", "merci");
  TACT_FUZZ_CHECK(guessed.ok(), guessed.status().ToString());
  // Examples and the round trip take long on an image the size of the built-in one (hundreds
  // of examples): small images only, so mutations of the big seed still run fast.
  if (size > 64 * 1024) return 0;
  s->CheckExamples();
  const std::string again = s->Image(true);
  const absl::StatusOr<Scorer> reloaded = Scorer::FromImage(again);
  TACT_FUZZ_CHECK(reloaded.ok(), reloaded.status().ToString());
  TACT_FUZZ_CHECK(reloaded->Image(true) == again, "image round trip is not a fixed point");
  return 0;
}
