// The compiled pack image: a PackSet (rubric, matchers, rules, lexicons, hints) in a compact
// binary form that loads without parsing JSON or compiling phrases. Both builds embed the image
// of the built-in packs; `tact packs compile` writes one for custom packs.
//
// Layout: "TACTPACK", the format version (4 bytes, little-endian), the checksum of the payload
// (ImageChecksum, 8 bytes), then the payload: a directory of parts (name, stored as is or
// LZMA-compressed, sizes), then the parts. The first part, named "", is the common part (the
// rubric, and each language's code and stopwords: all that language detection needs); then one
// part per language, named by its code, so that a language can be decoded and loaded only when
// a text needs it. A foreign, stale or damaged image or part is a clear error.
#ifndef TACT_CORE_SRC_PACK_IMAGE_H_
#define TACT_CORE_SRC_PACK_IMAGE_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "packs.h"

namespace tact::internal {

// Bumped whenever the layout or the meaning of a field changes.
inline constexpr uint32_t kPackImageFormat = 13;

// The header's checksum of the payload: FNV-1a's constants over 8 bytes at a time, a step of
// xor-shift between (byte by byte, the hash of 400 KB was a tenth of the widget's start-up).
uint64_t ImageChecksum(std::string_view bytes);

// The same PackSet always gives the same bytes (hash maps are written in sorted order). Every
// language of `packs` must be loaded (PackSet::LoadAll). The parts are stored as they are.
std::string WritePackImage(const PackSet& packs, bool with_examples);

// One part of an image; `bytes` as stored (LZMA-compressed when `lzma`).
struct ImagePart {
  std::string name;  ///< "" for the common part, else the language's code
  std::string bytes;
  bool lzma = false;
  uint32_t decoded_size = 0;  ///< when `lzma`
};

// The parts of an image, decoded (after the header's checks), and an image of given parts: the
// build compresses each part of the built-in image on its own (tact_packc --lzma).
absl::StatusOr<std::vector<ImagePart>> SplitPackImage(std::string_view image);
std::string JoinPackImage(std::span<const ImagePart> parts);

// Reads an image. `lazy`: only the common part now; each language's part the first time
// PackSet::Load asks for it. `image_outlives`: a lazy PackSet may keep pointing into `image`
// (the embedded built-in image) instead of copying it.
absl::StatusOr<std::shared_ptr<const PackSet>> ReadPackImage(std::string_view image,
                                                             bool lazy = false,
                                                             bool image_outlives = false);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_PACK_IMAGE_H_
