// mockery.wink: a winking or laughing emoji (lexicon `wink_emoji`: 😉 😄 😅 🙃 😏 ;) xD)
// in a reply to a complaint, in a sentence that neither thanks nor apologises: under a grievance, a
// wink says "don't take it so seriously" ("il faut s'armer de patience ! 😉"). With a happy
// customer the same wink is friendly, so positive reviews are left alone, and so is a mixed review
// whose customer laughed first. An ironic emoji (param `ironic`: 🙃 😏) mocks even after an
// apology ("Sorry it didn't come in a gift box 🙃").
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

CheckResult CheckWink(const CheckInput& in, Polarity polarity, const RuleOutcome& rules,
                      const std::vector<bool>& stock) {
  CheckResult out;
  const Rule* rule = in.lang.Check("mockery.wink");
  if (rule == nullptr || in.review == nullptr) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  // An unrated review with no complaint in its words (banter, "ok thx") is no grievance.
  const bool rated = in.options.rating >= 1 && in.options.rating <= 5;
  const std::vector<bool>& complaint = in.review_parts->complaint;
  if (!rated && std::find(complaint.begin(), complaint.end(), true) == complaint.end()) return out;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  if (tokens.empty()) return out;
  // What excuses a wink: a thanks, an apology, a solution, an invitation, a closing formula or a
  // mockery phrase already reported, in its sentence before it (an emoji often ends a sentence
  // with no full stop: "… ce qu'on signe 😉 Vous pouvez résilier"). First such token per sentence.
  constexpr uint32_t kNone = ~0u;
  std::vector<uint32_t> excused_from(tokens.back().sentence + 1, kNone);
  const auto excuse = [&](uint32_t begin) {
    uint32_t& first = excused_from[tokens[begin].sentence];
    first = std::min(first, begin);
  };
  for (std::string_view criterion : {"thanks", "apology", "solution", "private_channel"}) {
    const int c = in.rubric.Index(criterion);
    if (c < 0 || c >= static_cast<int>(rules.met.size())) continue;
    for (TokenRange m : rules.met[c]) excuse(m.begin);
  }
  // A sentence that opens with a closing formula ("Au plaisir de vous revoir très bientôt 😉").
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("signoffs"))) {
    if (m.begin == 0 || tokens[m.begin - 1].sentence != tokens[m.begin].sentence) excuse(m.begin);
  }
  const int mockery = in.rubric.Index("mockery");
  for (const RuleHit& hit : rules.violations) {
    if (hit.rule->criterion == mockery) excuse(hit.range.begin);
  }
  // Agreeing with the customer ("Fair call on the wifi 😅", "Agreed on the car park 😂", "Guilty
  // on the music 🙃") excuses even an ironic emoji: the joke is on the business.
  std::vector<bool> agreed(excused_from.size(), false);
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("agreement"))) {
    if (Negated(in.lang, in.reply, m)) continue;
    excuse(m.begin);
    agreed[tokens[m.begin].sentence] = true;
  }
  // Under a happy customer's reservation (mixed), a wink in a sentence that takes up what they
  // praised and no word of the rest of the review is about the praise ("the best flat white in
  // Fitzroy, they'll be unbearable now 😄").
  std::vector<bool> on_praise(tokens.back().sentence + 1, false);
  if (polarity == Polarity::kMixed) {
    const ReviewParts& parts = *in.review_parts;
    const std::vector<Token>& review = in.review->text.tokens;
    // Five letters at least: short words ("pour", "top") say nothing of what was praised.
    const std::vector<std::string_view> praised = ReviewStems(in, [&](size_t i) {
      return parts.PraiseOnly(parts.of_token[i]) && review[i].norm.size() >= 5;
    });
    const std::vector<std::string_view> other =
        ReviewStems(in, [&](size_t i) { return !parts.PraiseOnly(parts.of_token[i]); });
    std::vector<bool> on_other(on_praise.size(), false);
    for (const Token& t : tokens) {
      if (!ContentWord(in.lang, t)) continue;
      const std::string_view stem = SingularStem(t.norm);
      if (std::binary_search(other.begin(), other.end(), stem)) on_other[t.sentence] = true;
      if (std::binary_search(praised.begin(), praised.end(), stem)) on_praise[t.sentence] = true;
    }
    for (size_t s = 0; s < on_praise.size(); ++s) on_praise[s] = on_praise[s] && !on_other[s];
  }
  const auto excused = [&](uint32_t wink) {
    const uint32_t s = tokens[wink].sentence;
    if (excused_from[s] < wink || on_praise[s]) return true;
    // Nothing but formulas before it in its sentence ("À bientôt 😉").
    uint32_t b = wink;
    while (b > 0 && tokens[b - 1].sentence == s) --b;
    bool formulas = b < wink;
    for (uint32_t i = b; i < wink; ++i)
      formulas = formulas && (stock[i] || tokens[i].Has(kTokenEmoji));
    return formulas;
  };
  const std::vector<std::string>& ironic = rule->params.List("ironic");
  // A happy customer who laughed at their own reservation ("dommage, le pop-corn à 9 € 😅") set
  // the tone: a friendly wink back mirrors it.
  const bool customer_laughed =
      polarity == Polarity::kMixed && !in.review->matches.Of(in.lang.Lexicon("wink_emoji")).empty();
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("wink_emoji"))) {
    // A wink that opens a sentence comments on the one before it.
    const bool opens = m.begin > 0 && tokens[m.begin - 1].sentence != tokens[m.begin].sentence;
    const uint32_t s = tokens[opens ? m.begin - 1 : m.begin].sentence;
    if (std::find(ironic.begin(), ironic.end(), tokens[m.begin].norm) != ironic.end()) {
      if (on_praise[s] || agreed[s]) continue;
    } else if (customer_laughed ||
               (opens ? excused(m.begin - 1) || excused_from[s] != kNone : excused(m.begin))) {
      continue;
    }
    const Span span = TokenSpan(in.reply.text, m);
    AddCheckFinding(rule, &span, &out.findings);
    return out;
  }
  return out;
}

}  // namespace tact::internal
