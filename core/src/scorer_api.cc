// The public Scorer: packs from a compiled image, and scoring with a chosen or detected language.
// (Scorer::FromPacks, the JSON compiler, is in scorer_packs.cc; Scorer::Builtin, which needs the
// embedded image, in scorer_builtin.cc.)
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "pack_image.h"
#include "scoring.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact {
namespace {

using internal::Language;

}  // namespace

Scorer::Scorer(std::shared_ptr<const internal::PackSet> packs) : packs_(std::move(packs)) {}

absl::StatusOr<Scorer> Scorer::FromImage(std::string_view image) {
  absl::StatusOr<std::shared_ptr<const internal::PackSet>> packs = internal::ReadPackImage(image);
  if (!packs.ok()) return packs.status();
  return Scorer(*std::move(packs));
}

std::string Scorer::Image(bool with_examples) const {
  return internal::WritePackImage(*packs_, with_examples);
}

absl::StatusOr<Report> Scorer::Score(std::string_view review, std::string_view reply,
                                     const ScoreOptions& options) const {
  const Language* lang = nullptr;
  if (!options.lang.empty() && options.lang != "auto") {
    lang = packs_->Find(options.lang);
    if (lang == nullptr) {
      std::string known;
      for (const std::string& code : Languages()) absl::StrAppend(&known, ", ", code);
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown language '", internal::Sv(options.lang), "' (loaded: auto", known, ")"));
    }
  }
  return internal::ScoreRequest(*packs_, lang, review, reply, options);
}

std::vector<std::string> Scorer::Languages() const {
  std::vector<std::string> codes;
  for (const Language& l : packs_->languages) codes.push_back(l.code);
  return codes;
}

}  // namespace tact
