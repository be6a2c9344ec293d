// tact_packc: compiles rule pack files (JSON) into a pack image, at build time (the built-in
// packs both builds embed). Pack names are "builtin:" + the path under DIR, as in diagnostics
// and example failures. Usage:
//   tact_packc --base DIR --out FILE [--with-examples] FILE...
//   tact_packc --compress-parts IMAGE --out FILE --xz "XZ OPTIONS..."
// The second form writes IMAGE again with each part compressed on its own by `XZ OPTIONS
// --stdout` (an .lzma stream): the wasm build's embedded image.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "pack_image.h"
#include "pack_loader.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  *out = text.str();
  return static_cast<bool>(in);
}

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream o(path, std::ios::binary | std::ios::trunc);
  o << bytes;
  return static_cast<bool>(o);
}

// Each part of `image` through `xz` (a command line, options included), into `out`.
int CompressParts(const std::string& image_path, const std::string& out, const std::string& xz) {
  std::string image;
  if (!ReadFile(image_path, &image)) {
    std::cerr << "tact_packc: " << image_path << ": cannot read\n";
    return 2;
  }
  auto parts = tact::internal::SplitPackImage(image);
  if (!parts.ok()) {
    std::cerr << "tact_packc: " << image_path << ": " << parts.status().message() << "\n";
    return 1;
  }
  const std::string scratch = out + ".part";
  for (tact::internal::ImagePart& part : *parts) {
    const std::string command = xz + " --stdout '" + scratch + "' > '" + scratch + ".lzma'";
    std::string compressed;
    if (!WriteFile(scratch, part.bytes) || std::system(command.c_str()) != 0 ||
        !ReadFile(scratch + ".lzma", &compressed)) {
      std::cerr << "tact_packc: " << command << ": failed\n";
      return 2;
    }
    part.decoded_size = static_cast<uint32_t>(part.bytes.size());
    part.bytes = std::move(compressed);
    part.lzma = true;
  }
  std::filesystem::remove(scratch);
  std::filesystem::remove(scratch + ".lzma");
  if (!WriteFile(out, tact::internal::JoinPackImage(*parts))) {
    std::cerr << "tact_packc: " << out << ": cannot write\n";
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string base;
  std::string out;
  std::string compress;
  std::string xz;
  bool with_examples = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--base" && i + 1 < argc) {
      base = argv[++i];
    } else if (a == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (a == "--compress-parts" && i + 1 < argc) {
      compress = argv[++i];
    } else if (a == "--xz" && i + 1 < argc) {
      xz = argv[++i];
    } else if (a == "--with-examples") {
      with_examples = true;
    } else {
      files.push_back(a);
    }
  }
  if (!compress.empty() && !out.empty() && !xz.empty()) return CompressParts(compress, out, xz);
  if (base.empty() || out.empty() || files.empty()) {
    std::cerr << "usage: tact_packc --base DIR --out FILE [--with-examples] FILE...\n"
                 "       tact_packc --compress-parts IMAGE --out FILE --xz \"XZ OPTIONS...\"\n";
    return 2;
  }
  std::vector<tact::PackSource> packs;
  for (const std::string& file : files) {
    std::string text;
    if (!ReadFile(file, &text)) {
      std::cerr << "tact_packc: " << file << ": cannot read\n";
      return 2;
    }
    const std::string name = std::filesystem::relative(file, base).generic_string();
    packs.push_back({"builtin:" + name, std::move(text)});
  }
  auto set = tact::internal::LoadPacks(packs, /*builtin_without_examples=*/false);
  if (!set.ok()) {
    std::cerr << "tact_packc: " << set.status().message() << "\n";
    return 1;
  }
  if (!WriteFile(out, tact::internal::WritePackImage(**set, with_examples))) {
    std::cerr << "tact_packc: " << out << ": cannot write\n";
    return 2;
  }
  return 0;
}
