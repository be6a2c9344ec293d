// The scoring path for one request, shared by Scorer::Score and the example runner.
#ifndef TACT_CORE_SRC_SCORING_H_
#define TACT_CORE_SRC_SCORING_H_

#include <string_view>
#include <vector>

#include "checks.h"
#include "packs.h"
#include "tact/tact.h"

namespace tact::internal {

// `lang` is the language to score in, or null to detect it. `checks`, when not null, receives
// every check finding (the example runner matches them to the rules that declared them). Fails
// only when the language's part of a lazily read image is damaged (PackSet::Load).
absl::StatusOr<Report> ScoreRequest(const PackSet& packs, const Language* lang,
                                    std::string_view review, std::string_view reply,
                                    const ScoreOptions& options,
                                    std::vector<CheckFinding>* checks = nullptr);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_SCORING_H_
