// Grading (spec §4): criterion values and fired violations -> statuses, score, caps, band, and a
// hint for every missing or partial criterion.
#ifndef TACT_CORE_SRC_GRADING_H_
#define TACT_CORE_SRC_GRADING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "packs.h"
#include "tact/tact.h"

namespace tact::internal {

struct GradingInput {
  std::vector<int> values;     ///< per criterion: -1 nothing, 1 partial, 2 met
  std::vector<bool> skipped;   ///< per criterion: its input is absent or it does not apply
  std::vector<uint8_t> fired;  ///< per rubric id: bit (1 << severity) for each finding
  std::vector<bool> waived;    ///< per rubric link: it does not apply to this reply
  std::vector<std::optional<Finding>> partial_notes;  ///< per criterion: replaces its partial hint
  const Topic* topic = nullptr;  ///< the review topic example sentences speak of
  bool positive = false;         ///< a positive review: its own hints where the pack has them
  bool neutral = false;          ///< a review with no complaint and no praise (no rating)
  // The rubric's positive floor applies: to a positive review, and to a mixed one rated 4-5 (a
  // happy customer with a reservation); a neutral review is floored without the criterion.
  bool floored = false;
};

// Fills the report's criteria, score and band, appends the hints, and sorts the findings
// (spanned ones by position first).
void Grade(const Rubric& rubric, const Language& lang, GradingInput in, Report* report);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_GRADING_H_
