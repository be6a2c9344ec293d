#include "grading.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "string_util.h"

namespace tact::internal {
namespace {

bool Fired(const GradingInput& in, int id, int severity) {
  const uint8_t bits = in.fired[id];
  return severity < 0 ? bits != 0 : (bits & (1u << severity)) != 0;
}

Status StatusOf(const Rubric& rubric, const GradingInput& in, size_t c) {
  if (in.skipped[c]) return Status::kSkipped;
  Status s = in.values[c] == 2   ? Status::kMet
             : in.values[c] == 1 ? Status::kPartial
                                 : Status::kMissing;
  for (size_t l = 0; l < rubric.links.size(); ++l) {
    const RubricLink& link = rubric.links[l];
    if (link.criterion != static_cast<int>(c) || !Fired(in, link.violation, link.severity) ||
        in.waived[l]) {
      continue;
    }
    if (link.status == Status::kViolated) return Status::kViolated;
    if (s == Status::kMet) s = Status::kPartial;
  }
  return s;
}

// A finding without a span for a criterion that is missing or partial.
void AddHint(const Language& lang, const RubricEntry& entry, const Hints& hints, Status s,
             GradingInput& in, size_t c, Report* report) {
  // The positive review's wording where the pack has one.
  const auto pick = [&](std::string Hint::*field) -> const std::string& {
    const std::string& positive = hints.positive.*field;
    return in.positive && !positive.empty() ? positive : hints.any.*field;
  };
  const auto add = [&](std::string_view suffix, const std::string& message,
                       std::string suggestion) {
    Finding f;
    f.rule = absl::StrCat(lang.code, ".", entry.id, ".", Sv(suffix));
    f.criterion = entry.id;
    f.message = message;
    f.suggestion = std::move(suggestion);
    report->findings.push_back(std::move(f));
  };
  if (s == Status::kMissing && !pick(&Hint::missing).empty()) {
    std::string example = pick(&Hint::example);
    if (in.topic != nullptr && !pick(&Hint::example_topic).empty()) {
      example = absl::StrReplaceAll(pick(&Hint::example_topic), {{"{label}", in.topic->label}});
    }
    add("missing", pick(&Hint::missing), std::move(example));
  } else if (s == Status::kPartial) {
    if (in.partial_notes[c]) {
      report->findings.push_back(*std::move(in.partial_notes[c]));
    } else if (!pick(&Hint::partial).empty()) {
      add("partial", pick(&Hint::partial), pick(&Hint::example));
    }
  }
}

}  // namespace

void Grade(const Rubric& rubric, const Language& lang, GradingInput in, Report* report) {
  int weight_sum = 0;
  int got_halves = 0;
  for (size_t c = 0; c < rubric.criterion_count; ++c) {
    const RubricEntry& entry = rubric.entries[c];
    const Status s = StatusOf(rubric, in, c);
    report->criteria.push_back({entry.id, entry.weight, s});
    if (s == Status::kSkipped) continue;
    weight_sum += entry.weight;
    got_halves += entry.weight * (s == Status::kMet ? 2 : s == Status::kPartial ? 1 : 0);
    AddHint(lang, entry, lang.hints[c], s, in, c, report);
  }
  // Rounded half up: (halves / 2) / weight_sum * 100.
  int score = weight_sum == 0 ? 0 : (got_halves * 100 + weight_sum) / (2 * weight_sum);
  for (size_t v = rubric.criterion_count; v < rubric.size(); ++v) {
    if (in.fired[v] != 0) score -= rubric.entries[v].penalty;  // once per violation type
  }
  score = std::clamp(score, 0, 100);
  // A thank-you to praise with nothing harmful in it (no warning, no problem) is never to redo;
  // nor is a harmless answer to a message that neither complains nor praises.
  if (rubric.positive_floor_criterion >= 0 &&
      ((in.floored && in.values[rubric.positive_floor_criterion] == 2) || in.neutral)) {
    bool harmful = false;
    for (size_t id = rubric.criterion_count; id < rubric.size(); ++id) {
      harmful = harmful || Fired(in, static_cast<int>(id), static_cast<int>(Severity::kWarning)) ||
                Fired(in, static_cast<int>(id), static_cast<int>(Severity::kProblem));
    }
    if (!harmful) score = std::max(score, rubric.positive_floor_min);
  }
  for (const RubricCap& cap : rubric.caps) {
    const int severity = static_cast<int>(cap.severity);
    bool applies = false;
    if (cap.violation >= 0) {
      applies = Fired(in, cap.violation, severity);
    } else {
      for (size_t id = 0; id < rubric.size(); ++id)
        applies = applies || Fired(in, static_cast<int>(id), severity);
    }
    if (applies) score = std::min(score, cap.max);
  }
  report->score = score;
  for (const RubricBand& band : rubric.bands) {
    if (score >= band.min) report->band = band.name;
  }
  std::stable_sort(report->findings.begin(), report->findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.has_span != b.has_span) return a.has_span;
                     if (!a.has_span) return false;
                     if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
                     if (a.span.end != b.span.end) return a.span.end < b.span.end;
                     return a.rule < b.rule;
                   });
}

}  // namespace tact::internal
