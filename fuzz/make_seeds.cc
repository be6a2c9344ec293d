// tact_fuzz_seeds DIR: writes the pack images the image fuzzer starts from, which are built, not
// stored in the repository: DIR/builtin.tactpack (Scorer::Builtin()->Image()), the same with its
// examples, and DIR/small.tactpack (one French pack with a single rule; a copy is kept in
// fuzz/corpus/image). With --small, only the small one.
#include <fstream>
#include <iostream>
#include <string>

#include "tact/tact.h"

namespace {

constexpr char kSmallPack[] = R"json({"lang": "fr", "criterion": "thanks", "rules": [
  {"id": "fr.thanks.merci", "phrases": ["merci (beaucoup|bien)? pour|de @objets"],
   "message": "Remerciez.", "examples": {"match": ["[Merci pour] tout."], "nomatch": ["Non."]}}]}
)json";
constexpr char kSmallLexicon[] = R"json({"lang": "fr", "lexicon": "objets",
  "entries": ["votre avis|message", "tout"]})json";

bool Write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) std::cerr << "tact_fuzz_seeds: " << path << ": cannot write\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tact_fuzz_seeds DIR [--small]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const bool small_only = argc > 2 && std::string(argv[2]) == "--small";
  const tact::PackSource packs[] = {{"objets.json", kSmallLexicon}, {"thanks.json", kSmallPack}};
  const absl::StatusOr<tact::Scorer> small = tact::Scorer::FromPacks(packs, false);
  if (!small.ok()) {
    std::cerr << "tact_fuzz_seeds: " << small.status().message() << "\n";
    return 1;
  }
  if (!Write(dir + "/small.tactpack", small->Image(true))) return 2;
  if (small_only) return 0;
  const absl::StatusOr<tact::Scorer> builtin = tact::Scorer::Builtin();
  if (!builtin.ok()) {
    std::cerr << "tact_fuzz_seeds: " << builtin.status().message() << "\n";
    return 1;
  }
  if (!Write(dir + "/builtin.tactpack", builtin->Image())) return 2;
  if (!Write(dir + "/builtin_examples.tactpack", builtin->Image(true))) return 2;
  return 0;
}
