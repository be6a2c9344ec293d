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

absl::StatusOr<Scorer> Scorer::FromImage(std::string_view image, Loading loading) {
  absl::StatusOr<std::shared_ptr<const internal::PackSet>> packs =
      internal::ReadPackImage(image, loading == Loading::kLazy);
  if (!packs.ok()) return packs.status();
  return Scorer(*std::move(packs));
}

std::string Scorer::Image(bool with_examples) const {
  if (!packs_->LoadAll().ok()) return {};
  return internal::WritePackImage(*packs_, with_examples);
}

absl::StatusOr<const Language*> Scorer::Find(std::string_view code) const {
  const Language* lang = packs_->Find(code);
  if (lang != nullptr) return lang;
  std::string known;
  for (const std::string& c : Languages()) absl::StrAppend(&known, ", ", c);
  return absl::InvalidArgumentError(
      absl::StrCat("unknown language '", internal::Sv(code), "' (loaded: auto", known, ")"));
}

absl::Status Scorer::Preload(std::string_view lang) const {
  absl::StatusOr<const Language*> found = Find(lang);
  if (!found.ok()) return found.status();
  return packs_->Load(**found);
}

absl::StatusOr<Report> Scorer::Score(std::string_view review, std::string_view reply,
                                     const ScoreOptions& options) const {
  const Language* lang = nullptr;
  if (!options.lang.empty() && options.lang != "auto") {
    absl::StatusOr<const Language*> found = Find(options.lang);
    if (!found.ok()) return found.status();
    lang = *found;
  }
  return internal::ScoreRequest(*packs_, lang, review, reply, options);
}

std::vector<std::string> Scorer::Languages() const {
  std::vector<std::string> codes;
  for (const Language& l : packs_->languages) codes.push_back(l.code);
  return codes;
}

}  // namespace tact
