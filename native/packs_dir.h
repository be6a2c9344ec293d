// Reading custom rule packs from disk for the CLI (the core does no I/O).
#ifndef TACT_NATIVE_PACKS_DIR_H_
#define TACT_NATIVE_PACKS_DIR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tact/tact.h"

namespace tact::cli {

// Every *.json file under `dir` (recursively), sorted by path.
absl::StatusOr<std::vector<PackSource>> ReadPackDir(const std::string& dir);

// The named files, in order.
absl::StatusOr<std::vector<PackSource>> ReadPackFiles(const std::vector<std::string>& files);

}  // namespace tact::cli

#endif  // TACT_NATIVE_PACKS_DIR_H_
