#include "packs_dir.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace tact::cli {

absl::StatusOr<std::vector<PackSource>> ReadPackFiles(const std::vector<std::string>& files) {
  std::vector<PackSource> packs;
  for (const std::string& file : files) {
    // Checked before reading, so a huge file is not read into memory first.
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(file, ec);
    if (!ec && size > kMaxPackBytes) {
      return absl::InvalidArgumentError(file + ": " + std::to_string(size) +
                                        " bytes, more than the " + std::to_string(kMaxPackBytes) +
                                        " bytes (4 MiB) of a pack file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return absl::NotFoundError(file + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    packs.push_back({file, text.str()});
  }
  return packs;
}

absl::StatusOr<std::vector<PackSource>> ReadPackDir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return absl::NotFoundError(dir + ": not a directory");
  }
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".json") {
      files.push_back(it->path().string());
    }
  }
  if (ec) return absl::InternalError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return ReadPackFiles(files);
}

}  // namespace tact::cli
