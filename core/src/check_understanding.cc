// understanding: the reply speaks of the review's complaint topics (partial: some of them, or
// the review restated in shared content words); hints name the topics left unanswered, and
// an off-topic hint flags an incident the review never raised.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "checks.h"

namespace tact::internal {
namespace {

bool AllStock(const std::vector<bool>& stock, TokenRange r) {
  for (uint32_t i = r.begin; i < r.end; ++i) {
    if (!stock[i]) return false;
  }
  return true;
}

// Per review token: a content word the reply takes up (stock formulas aside).
std::vector<bool> EchoedWords(const CheckInput& in, const std::vector<bool>& stock) {
  std::vector<std::string_view> reply_stems;
  for (size_t j = 0; j < in.reply.text.tokens.size(); ++j) {
    const Token& t = in.reply.text.tokens[j];
    if (!stock[j] && ContentWord(in.lang, t)) reply_stems.push_back(SingularStem(t.norm));
  }
  std::sort(reply_stems.begin(), reply_stems.end());
  const std::vector<Token>& tokens = in.review->text.tokens;
  std::vector<bool> echoed(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    echoed[i] =
        ContentWord(in.lang, tokens[i]) &&
        std::binary_search(reply_stems.begin(), reply_stems.end(), SingularStem(tokens[i].norm));
  }
  return echoed;
}

// Distinct content-word stems the reply shares with the review, from EchoedWords.
int SharedContentWords(const CheckInput& in, const std::vector<bool>& echoed) {
  std::vector<std::string_view> stems;
  for (size_t i = 0; i < echoed.size(); ++i) {
    if (echoed[i]) stems.push_back(SingularStem(in.review->text.tokens[i].norm));
  }
  std::sort(stems.begin(), stems.end());
  return static_cast<int>(std::unique(stems.begin(), stems.end()) - stems.begin());
}

// A person the customer names (the stylist, the driver: a first name of the lexicon, capitalised
// inside a sentence) taken up in the reply: under praise, that is this review's reply and no
// other's. Brand and place names are left out: "à bientôt sur Showroomprive.com" echoes nothing.
// A name that opens a sentence ("Tracy always has a chat") counts when it is no common word
// (stopwords: "Will", "May") and the reply writes it capitalised too.
bool EchoesAName(const CheckInput& in, const std::vector<bool>& echoed) {
  const std::vector<Token>& tokens = in.review->text.tokens;
  const auto capitalised_in_reply = [&](const std::string& norm) {
    for (const Token& t : in.reply.text.tokens) {
      if (t.norm == norm && t.Has(kTokenCapitalized)) return true;
    }
    return false;
  };
  for (TokenRange m : in.review->matches.Of(in.lang.Lexicon("first_names"))) {
    const uint32_t i = m.begin;
    if (m.end != i + 1 || !echoed[i] || !tokens[i].Has(kTokenCapitalized)) continue;
    if (i > 0 && tokens[i - 1].sentence == tokens[i].sentence) return true;
    if (!in.lang.stopwords.contains(tokens[i].norm) && capitalised_in_reply(tokens[i].norm)) {
      return true;
    }
  }
  return false;
}

// The reply takes up the customer's own words for a topic: a content word of one of the
// review's matches of the topic ("en retard de deux heures" → "ce retard"), or
// `restated_words_partial` content words around it, in its part of the review ("ma carte n'est
// toujours pas arrivée" → "votre carte qui n'arrive pas"; "colis abîmé et toujours pas
// d'étiquette de retour" → "l'étiquette de retour" does not answer the damaged parcel).
bool Echoed(const CheckInput& in, std::span<const TokenRange> raised_by, const ReviewParts& parts,
            const std::vector<bool>& echoed, int around_words) {
  constexpr uint32_t kAround = 6;  // tokens either side of the topic's words
  const std::vector<Token>& review = in.review->text.tokens;
  for (TokenRange m : raised_by) {
    for (uint32_t i = m.begin; i < m.end; ++i) {
      if (echoed[i]) return true;
    }
    const uint32_t part = parts.of_token[m.begin];
    const uint32_t from = m.begin > kAround ? m.begin - kAround : 0;
    const uint32_t to = std::min<uint32_t>(m.end + kAround, review.size());
    std::vector<std::string_view> stems;
    for (uint32_t i = from; i < to; ++i) {
      if (echoed[i] && parts.of_token[i] == part) {
        stems.push_back(SingularStem(review[i].norm));
      }
    }
    std::sort(stems.begin(), stems.end());
    if (std::unique(stems.begin(), stems.end()) - stems.begin() >= around_words) return true;
  }
  return false;
}

// A closing name or company line ("Service Crédit", "L'équipe Chalets des Aravis") says who
// signs, not what the review said: for understanding its words echo nothing.
void MarkClosingLine(const Language& lang, const Analysis& reply, std::vector<bool>* stock) {
  const std::vector<Token>& tokens = reply.text.tokens;
  constexpr size_t kNameLineTokens = 8;  // "L'équipe du Chalet du Lac"
  constexpr int kNameLineWords = 4;      // of them not formulas nor stopwords
  size_t first = tokens.size();
  while (first > 0 && tokens[first - 1].sentence == tokens.back().sentence &&
         tokens[first - 1].line == tokens.back().line) {
    --first;
  }
  bool name_line = first < tokens.size() && tokens.size() - first <= kNameLineTokens;
  int words = 0;
  for (size_t i = first; name_line && i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.Has(kTokenLetters) || (*stock)[i] || lang.stopwords.contains(t.norm)) continue;
    name_line = (t.Has(kTokenCapitalized) || t.Has(kTokenAllCaps)) && ++words <= kNameLineWords;
  }
  for (size_t i = first; name_line && i < tokens.size(); ++i) (*stock)[i] = true;
  if (name_line) return;
  // A signature glued to the last sentence ("… autour de vous 😊 L'équipe Factura"): the
  // capitalised words right after a formula or a team word.
  size_t i = tokens.size();
  while (i > 0 && tokens.size() - i < static_cast<size_t>(kNameLineWords) && !(*stock)[i - 1] &&
         tokens[i - 1].Has(kTokenLetters) &&
         (tokens[i - 1].Has(kTokenCapitalized) || tokens[i - 1].Has(kTokenAllCaps))) {
    --i;
  }
  if (i < tokens.size() && i > 0 && (*stock)[i - 1]) {
    for (size_t k = i; k < tokens.size(); ++k) (*stock)[k] = true;
  }
}

// The reply answers none of the review's topics but speaks of an incident it never raised
// ("vos robes défectueuses" under a complaint about being asked for an order number).
void OffTopic(const CheckInput& in, const std::vector<const Topic*>& raised,
              std::vector<CheckFinding>* out) {
  const Rule* rule = in.lang.Check("understanding.off_topic");
  if (rule == nullptr) return;
  const std::vector<std::string>& incidents = rule->params.List("incident_topics");
  // "topic:raised" pairs: a reply may speak of the first when the review raised the second
  // (broken glasses → the parcel or the packing they travelled in).
  const std::vector<std::string>& implied = rule->params.List("implied_topics");
  const auto implied_by_review = [&](const Topic& topic) {
    return std::any_of(raised.begin(), raised.end(), [&](const Topic* r) {
      return std::find(implied.begin(), implied.end(), absl::StrCat(topic.id, ":", r->id)) !=
             implied.end();
    });
  };
  for (const Topic& topic : in.lang.topics) {
    if (std::find(incidents.begin(), incidents.end(), topic.id) == incidents.end()) continue;
    if (std::find(raised.begin(), raised.end(), &topic) != raised.end()) continue;
    if (implied_by_review(topic)) continue;
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
  const std::vector<Token>& tokens = reply.text.tokens;
  std::vector<bool> stock(tokens.size(), false);
  for (std::string_view lexicon : {"greetings", "signoffs", "team_words", "stock_phrases"}) {
    for (TokenRange m : reply.matches.Of(lang.Lexicon(lexicon))) {
      for (uint32_t i = m.begin; i < m.end; ++i) stock[i] = true;
    }
  }
  return stock;
}

UnderstandingResult CheckUnderstanding(const CheckInput& in, const std::vector<bool>& formulas,
                                       bool positive) {
  UnderstandingResult u;
  if (in.review == nullptr) {
    u.skipped = true;
    return u;
  }
  const Rule* rule = in.lang.Check("understanding");
  if (rule == nullptr) return u;
  std::vector<bool> stock = formulas;
  MarkClosingLine(in.lang, in.reply, &stock);
  const int restated_met = static_cast<int>(rule->params.Number("restated_words_met"));
  const int restated_partial = static_cast<int>(rule->params.Number("restated_words_partial"));
  int& value = u.result.value;
  std::vector<const Topic*> unanswered;
  const ReviewParts& parts = *in.review_parts;
  const std::vector<bool> echoed = EchoedWords(in, stock);
  const int shared = SharedContentWords(in, echoed);
  const bool shared_name = EchoesAName(in, echoed);
  std::vector<TokenRange> answered_by;  // the review words of the topics the reply answers
  std::vector<std::span<const TokenRange>> unanswered_by;
  for (const Topic& topic : in.lang.topics) {
    // Not negation-filtered: "toujours pas d'étiquette de retour" raises returns.
    const std::span<const TokenRange> raised_by = in.review->matches.Of(topic.group);
    if (raised_by.empty()) continue;
    const std::span<const TokenRange> said = in.reply.matches.Of(topic.group);
    const std::span<const TokenRange> said_in_reply_words = in.reply.matches.Of(topic.reply_group);
    const auto stock_only = [&](std::span<const TokenRange> ms) {
      return std::all_of(ms.begin(), ms.end(), [&](TokenRange m) { return AllStock(stock, m); });
    };
    const bool only_stock = stock_only(said) && stock_only(said_in_reply_words);
    // A complaint's understanding is judged on the complaint topics only.
    if (!positive && std::all_of(raised_by.begin(), raised_by.end(), [&](TokenRange m) {
          return parts.PraiseOnly(parts.of_token[m.begin]);
        })) {
      u.names_praise = u.names_praise || !only_stock;
      continue;
    }
    u.raised.push_back(&topic);
    if (only_stock && !Echoed(in, raised_by, parts, echoed, restated_partial)) {
      unanswered.push_back(&topic);
      unanswered_by.push_back(raised_by);
    } else {
      answered_by.insert(answered_by.end(), raised_by.begin(), raised_by.end());
    }
  }
  // Topics raised in one clause of the review are one complaint ("douches froides aux vestiaires"
  // is the showers and the changing rooms; "la facture a augmenté sans prévenir" the bill and
  // the warning): answering it by one topic answers the others raised only in clauses it
  // answered. A comma or a semicolon between them keeps two complaints apart
  // ("trois mois pour mon passeport, aucune information").
  const auto one_clause = [&](TokenRange a, TokenRange b) {
    if (parts.of_token[a.begin] != parts.of_token[b.begin]) return false;
    const uint32_t before = std::min(a.end, b.end) - 1;
    const uint32_t after = std::max(a.begin, b.begin);
    if (after <= before) return true;  // the same words
    return in.review->text.Gap(before, after).find_first_of(",;") == std::string_view::npos;
  };
  const auto touches_answered = [&](TokenRange m) {
    return std::any_of(answered_by.begin(), answered_by.end(),
                       [&](TokenRange a) { return one_clause(m, a); });
  };
  for (size_t t = unanswered.size(); t-- > 0;) {
    if (std::all_of(unanswered_by[t].begin(), unanswered_by[t].end(), touches_answered)) {
      unanswered.erase(unanswered.begin() + static_cast<std::ptrdiff_t>(t));
    }
  }
  if (u.raised.empty()) {
    // No known topic: share content words with the review.
    if (shared >= 2 || (positive && shared_name)) {
      value = 2;
    } else if (shared == 1) {
      value = 1;
    }
    return u;
  }
  u.first_topic = unanswered.empty() ? u.raised.front() : unanswered.front();
  // Praise needs one thing the customer liked named back, not every one; a reply that restates
  // the review at length in its own words ("seating a family at 8.40, then telling you the
  // menu was off") has understood it, whatever the topic words.
  if (unanswered.empty() || shared >= restated_met ||
      (positive &&
       (unanswered.size() < u.raised.size() || shared >= restated_partial || shared_name))) {
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
