// tact_packc: compiles rule pack files (JSON) into a pack image, at build time (the built-in
// packs both builds embed). Usage: tact_packc --base DIR --out FILE [--with-examples] FILE...
// Pack names are "builtin:" + the path under DIR, as in diagnostics and example failures.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "pack_image.h"
#include "pack_loader.h"

int main(int argc, char** argv) {
  std::string base;
  std::string out;
  bool with_examples = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--base" && i + 1 < argc) {
      base = argv[++i];
    } else if (a == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (a == "--with-examples") {
      with_examples = true;
    } else {
      files.push_back(a);
    }
  }
  if (base.empty() || out.empty() || files.empty()) {
    std::cerr << "usage: tact_packc --base DIR --out FILE [--with-examples] FILE...\n";
    return 2;
  }
  std::vector<tact::PackSource> packs;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "tact_packc: " << file << ": cannot read\n";
      return 2;
    }
    const std::string name = std::filesystem::relative(file, base).generic_string();
    packs.push_back({"builtin:" + name, text.str()});
  }
  auto set = tact::internal::LoadPacks(packs, /*builtin_without_examples=*/false);
  if (!set.ok()) {
    std::cerr << "tact_packc: " << set.status().message() << "\n";
    return 1;
  }
  const std::string image = tact::internal::WritePackImage(**set, with_examples);
  std::ofstream o(out, std::ios::binary | std::ios::trunc);
  o << image;
  if (!o) {
    std::cerr << "tact_packc: " << out << ": cannot write\n";
    return 2;
  }
  return 0;
}
