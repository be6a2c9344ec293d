// The public Scorer: built-in and custom packs, and scoring with a chosen or detected language.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "embedded_packs.h"
#include "pack_loader.h"
#include "scoring.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact {
namespace {

using internal::Language;

constexpr std::string_view kBuiltinPrefix = "builtin:";

}  // namespace

Scorer::Scorer(std::shared_ptr<const internal::PackSet> packs) : packs_(std::move(packs)) {}

absl::StatusOr<Scorer> Scorer::Builtin() { return FromPacks({}, true); }

absl::StatusOr<Scorer> Scorer::FromPacks(std::span<const PackSource> packs, bool with_builtin) {
  std::vector<PackSource> all;
  for (const internal::EmbeddedPack& p : internal::EmbeddedPacks()) {
    // Without the built-in packs, the built-in rubric still applies unless a pack replaces it.
    if (with_builtin || p.name == "rubric.json") {
      all.push_back(
          {absl::StrCat(internal::Sv(kBuiltinPrefix), internal::Sv(p.name)), std::string(p.json)});
    }
  }
  std::sort(all.begin(), all.end(),
            [](const PackSource& a, const PackSource& b) { return a.name < b.name; });
  all.insert(all.end(), packs.begin(), packs.end());
  absl::StatusOr<std::shared_ptr<const internal::PackSet>> set =
      internal::LoadPacks(all, !internal::EmbeddedPacksHaveExamples());
  if (!set.ok()) return set.status();
  if ((*set)->languages.empty()) return absl::InvalidArgumentError("no language pack loaded");
  return Scorer(*std::move(set));
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
