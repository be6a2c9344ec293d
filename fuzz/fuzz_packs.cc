// The JSON pack compiler (Scorer::FromPacks) on one arbitrary pack file, alone (with the
// built-in rubric) or on top of the built-in packs (TACT_FUZZ_WITH_BUILTIN: a slow target, each
// input compiles every built-in pack). A pack that compiles must score in each language and,
// alone, run its examples and compile into an image that loads and scores the same.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

#ifndef TACT_FUZZ_WITH_BUILTIN
#define TACT_FUZZ_WITH_BUILTIN 0
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tact;
  const PackSource pack{"fuzz.json", std::string(reinterpret_cast<const char*>(data), size)};
  const absl::StatusOr<Scorer> s = Scorer::FromPacks({&pack, 1}, TACT_FUZZ_WITH_BUILTIN != 0);
  if (!s.ok()) {
    TACT_FUZZ_CHECK(!s.status().message().empty(), pack.json);
    return 0;
  }
  // On top of the built-in packs, the examples and the image take seconds under the sanitizers:
  // they are checked without them (the same code), and scoring only here.
  const bool whole = TACT_FUZZ_WITH_BUILTIN == 0;
  if (whole) s->CheckExamples();
  const absl::StatusOr<Scorer> image = whole ? Scorer::FromImage(s->Image(true)) : *s;
  TACT_FUZZ_CHECK(image.ok(), image.status().ToString());
  for (const std::string& lang : s->Languages()) {
    for (const char* reply :
         {"Bonjour Sophie, merci ! Désolés pour le retard, nous vous rappelons.",
          "Hi Bob, sorry, you are wrong. Please call 06 12 34 56 78. Kelly", "x"}) {
      ScoreOptions options;
      options.lang = lang;
      options.author = "Sophie M.";
      const absl::StatusOr<Report> r =
          s->Score("Colis abîmé, livraison en retard.", reply, options);
      TACT_FUZZ_CHECK(r.ok(), r.status().ToString());
      fuzz::CheckReport(*r, reply, options.max_input_bytes);
      const std::string json = ToJson(*r);
      const absl::StatusOr<Report> from_image =
          image->Score("Colis abîmé, livraison en retard.", reply, options);
      TACT_FUZZ_CHECK(from_image.ok() && ToJson(*from_image) == json, json);
    }
  }
  return 0;
}
