// The example runner: every example of every loaded pack, run as `tact packs check` and the
// tests do. Phrase rules run alone on their example; checks run the whole scoring path and are
// matched to the rule that declared them.
#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "check_registry.h"
#include "rule_evaluation.h"
#include "scoring.h"
#include "string_util.h"
#include "tact/tact.h"

namespace tact {
namespace {

using internal::Example;
using internal::Language;
using internal::Rule;
using internal::RuleKind;

// "[désolés], [si vous]" or "nothing".
std::string SpansOf(std::string_view text, const std::vector<Span>& spans) {
  std::string got;
  for (const Span& s : spans) {
    absl::StrAppend(&got, got.empty() ? "" : ", ", "[",
                    internal::Sv(text.substr(s.begin, s.end - s.begin)), "]");
  }
  return got.empty() ? "nothing" : got;
}

// The spans where a phrase, sequence or refusal rule fires on its example.
std::vector<Span> RunRule(const Language& lang, const Rule& rule, const Example& ex) {
  const internal::Analysis reply =
      internal::Match(lang, internal::Analyze(ex.text, static_cast<uint32_t>(ex.text.size())));
  std::optional<internal::Analysis> review;
  if (!ex.review.empty()) {
    review = internal::Match(lang,
                             internal::Analyze(ex.review, static_cast<uint32_t>(ex.review.size())));
  }
  std::vector<Span> spans;
  for (internal::TokenRange r :
       internal::Evaluate(lang, rule, reply, review ? &*review : nullptr)) {
    spans.push_back(internal::TokenSpan(reply.text, r));
  }
  return spans;
}

// What a check example expects, or an empty string when it holds.
std::string RunCheck(const internal::PackSet& packs, const Language& lang, const Rule& rule,
                     const Example& ex) {
  ScoreOptions options;
  options.author = ex.author;
  options.rating = ex.rating;
  std::vector<internal::CheckFinding> found;
  const absl::StatusOr<Report> scored =
      internal::ScoreRequest(packs, &lang, ex.review, ex.text, options, &found);
  if (!scored.ok()) return std::string(scored.status().message());
  const Report& report = *scored;
  const internal::CheckSpec* spec = internal::FindCheck(rule.check);
  if (spec->reports == internal::CheckSpec::kPolarity) {
    if (report.polarity == ex.polarity) return "";
    return absl::StrCat("expected polarity ", ex.polarity, " for \"", ex.review, "\", got ",
                        report.polarity.empty() ? "none" : report.polarity);
  }
  if (spec->reports == internal::CheckSpec::kCriterion) {
    Status got = Status::kMissing;
    for (const CriterionResult& c : report.criteria) {
      if (c.id == spec->criterion) got = c.status;
    }
    const Status want = ex.should_match ? ex.status : Status::kMissing;
    if (got == want) return "";
    return absl::StrCat("expected ", internal::Sv(StatusName(want)), " in \"", ex.text, "\", got ",
                        internal::Sv(StatusName(got)));
  }
  std::vector<Span> spans;
  bool any = false;
  for (const internal::CheckFinding& c : found) {
    if (c.rule != &rule && c.note != &rule) continue;
    any = true;
    if (c.has_span) spans.push_back(c.span);
  }
  const std::string got =
      any && spans.empty() ? "a finding without a span" : SpansOf(ex.text, spans);
  if (!ex.should_match) {
    return any ? absl::StrCat("expected no finding in \"", ex.text, "\", got ", got) : "";
  }
  if (!ex.has_span)
    return any ? "" : absl::StrCat("expected a finding in \"", ex.text, "\", got nothing");
  for (const Span& s : spans) {
    if (s.begin == ex.begin && s.end == ex.end) return "";
  }
  return absl::StrCat("expected ", ex.original, ", got ", got);
}

}  // namespace

std::vector<ExampleFailure> Scorer::CheckExamples(int* count) const {
  std::vector<ExampleFailure> failures;
  int n = 0;
  if (absl::Status loaded = packs_->LoadAll(); !loaded.ok()) {
    failures.push_back({"", "", std::string(loaded.message())});
  }
  for (const Language& lang : packs_->languages) {
    if (!packs_->Load(lang).ok()) continue;
    for (const Rule& rule : lang.rules) {
      for (const Example& ex : rule.examples) {
        ++n;
        std::string failure;
        if (rule.kind == RuleKind::kCheck) {
          failure = RunCheck(*packs_, lang, rule, ex);
        } else {
          const std::vector<Span> spans = RunRule(lang, rule, ex);
          if (ex.should_match) {
            const bool ok = std::any_of(spans.begin(), spans.end(), [&](const Span& s) {
              return s.begin == ex.begin && s.end == ex.end;
            });
            if (!ok)
              failure = absl::StrCat("expected ", ex.original, ", got ", SpansOf(ex.text, spans));
          } else if (!spans.empty()) {
            failure = absl::StrCat("expected no match in \"", ex.text, "\", got ",
                                   SpansOf(ex.text, spans));
          }
        }
        if (!failure.empty()) failures.push_back({rule.pack, rule.id, std::move(failure)});
      }
    }
  }
  if (count != nullptr) *count = n;
  return failures;
}

}  // namespace tact
