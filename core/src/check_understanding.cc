// understanding: the reply speaks of the review's complaint topics (partial: some of them, or
// the review restated in shared content words); hints name the topics left unanswered, and
// an off-topic hint flags an incident the review never raised.
#include <algorithm>

#include "checks.h"

namespace tact::internal {
namespace {

// Stems for comparing content words: the first five letters of words of four letters or more.
std::string_view StemView(const std::string& norm) { return std::string_view(norm).substr(0, 5); }

bool AllStock(const std::vector<bool>& stock, TokenRange r) {
  for (uint32_t i = r.begin; i < r.end; ++i) {
    if (!stock[i]) return false;
  }
  return true;
}

// Distinct content-word stems of the reply (stock formulas aside) also in the review.
int SharedContentWords(const CheckInput& in, const std::vector<bool>& stock) {
  // Views into the tokens, not copies: this runs on every request.
  std::vector<std::string_view> review_stems;
  for (const Token& t : in.review->text.tokens) {
    if (t.Has(kTokenLetters) && t.norm.size() >= 4 && !in.lang.stopwords.contains(t.norm)) {
      review_stems.push_back(StemView(t.norm));
    }
  }
  std::sort(review_stems.begin(), review_stems.end());
  std::vector<std::string_view> seen;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.Has(kTokenLetters) || t.norm.size() < 4 || in.lang.stopwords.contains(t.norm) ||
        stock[i]) {
      continue;
    }
    const std::string_view stem = StemView(t.norm);
    if (std::binary_search(review_stems.begin(), review_stems.end(), stem) &&
        std::find(seen.begin(), seen.end(), stem) == seen.end()) {
      seen.push_back(stem);
    }
  }
  return static_cast<int>(seen.size());
}

// The reply answers none of the review's topics but speaks of an incident it never raised
// ("vos robes défectueuses" under a complaint about being asked for an order number).
void OffTopic(const CheckInput& in, const std::vector<const Topic*>& raised,
              std::vector<CheckFinding>* out) {
  const Rule* rule = in.lang.Check("understanding.off_topic");
  if (rule == nullptr) return;
  const std::vector<std::string>& incidents = rule->params.List("incident_topics");
  for (const Topic& topic : in.lang.topics) {
    if (std::find(incidents.begin(), incidents.end(), topic.id) == incidents.end()) continue;
    if (std::find(raised.begin(), raised.end(), &topic) != raised.end()) continue;
    const std::span<const TokenRange> m = in.reply.matches.Of(topic.group);
    if (m.empty()) continue;
    const Span span = TokenSpan(in.reply.text, m.front());
    AddCheckFinding(rule, &span, out);
    out->back().id_suffix = "_" + topic.id;
    out->back().label = topic.label;
  }
}

}  // namespace

std::vector<bool> StockTokens(const Language& lang, const Analysis& reply) {
  std::vector<bool> stock(reply.text.tokens.size(), false);
  for (std::string_view lexicon : {"greetings", "signoffs", "team_words", "stock_phrases"}) {
    for (TokenRange m : reply.matches.Of(lang.Lexicon(lexicon))) {
      for (uint32_t i = m.begin; i < m.end; ++i) stock[i] = true;
    }
  }
  return stock;
}

UnderstandingResult CheckUnderstanding(const CheckInput& in, const std::vector<bool>& stock,
                                       bool positive) {
  UnderstandingResult u;
  if (in.review == nullptr) {
    u.skipped = true;
    return u;
  }
  if (in.lang.Check("understanding") == nullptr) return u;
  int& value = u.result.value;
  std::vector<const Topic*> unanswered;
  for (const Topic& topic : in.lang.topics) {
    // Not negation-filtered: "toujours pas d'étiquette de retour" raises returns.
    if (!in.review->matches.Any(topic.group)) continue;
    u.raised.push_back(&topic);
    const std::span<const TokenRange> said = in.reply.matches.Of(topic.group);
    if (std::all_of(said.begin(), said.end(), [&](TokenRange m) { return AllStock(stock, m); })) {
      unanswered.push_back(&topic);
    }
  }
  if (u.raised.empty()) {
    // No known topic: share content words with the review.
    const int shared = SharedContentWords(in, stock);
    if (shared >= 2) {
      value = 2;
    } else if (shared == 1) {
      value = 1;
    }
    return u;
  }
  u.first_topic = unanswered.empty() ? u.raised.front() : unanswered.front();
  const int shared = SharedContentWords(in, stock);
  const Rule* rule = in.lang.Check("understanding");
  const int restated_met = static_cast<int>(rule->params.Number("restated_words_met"));
  const int restated_partial = static_cast<int>(rule->params.Number("restated_words_partial"));
  // Praise needs one thing the customer liked named back, not every one; a reply that restates
  // the review at length in its own words ("seating a family at 8.40, then telling you the
  // menu was off") has understood it, whatever the topic words.
  if (unanswered.empty() || shared >= restated_met ||
      (positive && (unanswered.size() < u.raised.size() || shared >= restated_partial))) {
    value = 2;
    return u;
  } else if (unanswered.size() < u.raised.size() || shared >= restated_partial) {
    value = 1;
  }
  const Rule* hint = in.lang.Check("understanding.unanswered_topic");
  for (const Topic* t : unanswered) {
    AddCheckFinding(hint, nullptr, &u.result.findings);
    if (hint == nullptr) break;
    u.result.findings.back().id_suffix = "_" + t->id;
    u.result.findings.back().label = t->label;
  }
  if (value < 0 && !positive) OffTopic(in, u.raised, &u.result.findings);
  return u;
}

}  // namespace tact::internal
