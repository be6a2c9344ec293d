// mockery.scare_quotes: one or two of the customer's own words put between quotation marks by
// the reply ("we see a lot of 'faulty' kettles", « votre colis "perdu" »): quoting a complaint
// word to doubt it, without a mocking word. A longer quotation cites the review, a capitalised
// one names a label ("tap 'Refund'"), and a word the customer quoted themselves ("the map said
// 'restored'") is cited back; a sentence that apologises, agrees, owns the fault, solves or
// invites quotes to take the customer up or to say what to write, not to doubt them.
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {
namespace {

constexpr size_t kMaxQuotedWords = 2;  // more is a citation of the review
constexpr size_t kMaxReviewQuote = 8;  // what the customer quotes ("every rep says '…'")

// The quotations of `text` of at most `max_words` tokens, as token ranges. Double quotes and
// guillemets come from the tokenizer (kTokenQuoted). Single quotes are apostrophes to it
// ("don't", « l'avis »): here a word that a single quote opens (after a space or a bracket) and
// one closes (before a space or punctuation) within `max_words` words is quoted too.
std::vector<TokenRange> ShortQuotes(const Text& text, size_t max_words) {
  const std::vector<Token>& tokens = text.tokens;
  const auto has_mark = [](std::string_view gap) {
    for (std::string_view mark : {"\"", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D"}) {
      if (gap.find(mark) != std::string_view::npos) return true;
    }
    return false;
  };
  std::vector<TokenRange> quotes;
  for (size_t b = 0; b < tokens.size();) {
    size_t e = b + 1;
    if (tokens[b].Has(kTokenQuoted)) {
      // One quotation: quoted tokens on one line with no quotation mark between them.
      while (e < tokens.size() && tokens[e].Has(kTokenQuoted) && tokens[e].line == tokens[b].line &&
             !has_mark(text.Gap(e - 1, e))) {
        ++e;
      }
    } else if (text.SingleQuoteOpens(b)) {
      e = b;
      while (e + 1 < tokens.size() && e < b + max_words - 1 && !text.SingleQuoteCloses(e)) ++e;
      if (!text.SingleQuoteCloses(e)) {
        ++b;
        continue;
      }
      ++e;
    } else {
      ++b;
      continue;
    }
    if (e - b <= max_words) {
      quotes.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    }
    b = e;
  }
  return quotes;
}

}  // namespace

CheckResult CheckScareQuotes(const CheckInput& in, Polarity polarity, const RuleOutcome& rules) {
  CheckResult out;
  const Rule* rule = in.lang.Check("mockery.scare_quotes");
  if (rule == nullptr || in.review == nullptr || in.review_parts == nullptr) return out;
  if (polarity != Polarity::kNegative && polarity != Polarity::kMixed) return out;
  const std::vector<Token>& tokens = in.reply.text.tokens;
  if (tokens.empty()) return out;
  const std::vector<TokenRange> quotes = ShortQuotes(in.reply.text, kMaxQuotedWords);
  if (quotes.empty()) return out;
  // The customer's complaint words, less those they quoted themselves.
  const std::vector<Token>& review = in.review->text.tokens;
  std::vector<bool> quoted_in_review(review.size(), false);
  for (TokenRange q : ShortQuotes(in.review->text, kMaxReviewQuote)) {
    for (uint32_t i = q.begin; i < q.end; ++i) quoted_in_review[i] = true;
  }
  for (size_t i = 0; i < review.size(); ++i) {
    if (review[i].Has(kTokenQuoted)) quoted_in_review[i] = true;
  }
  const ReviewParts& parts = *in.review_parts;
  const std::vector<std::string_view> complained = ReviewStems(in, [&](size_t i) {
    return ComplaintPart(parts, polarity, parts.of_token[i]) && !quoted_in_review[i];
  });
  const std::vector<std::string_view> cited =
      ReviewStems(in, [&](size_t i) { return quoted_in_review[i]; });
  if (complained.empty()) return out;
  std::vector<bool> excused(tokens.back().sentence + 1, false);
  for (std::string_view lexicon : {"agreement", "owned_fault"}) {
    for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon(lexicon))) {
      if (!Negated(in.lang, in.reply, m)) excused[tokens[m.begin].sentence] = true;
    }
  }
  // "Écrivez-nous à … en mentionnant « remboursement essai »": what to write, not a doubt.
  MarkSentences(in.reply, in.reply.matches.Of(in.lang.Lexicon("channel_intro")), &excused);
  // So is a quotation just after an address to write to (an e-mail, a link; the dots of
  // "lectio-app.com" end a sentence to the tokenizer, so look back by words on the line).
  constexpr uint32_t kAddressReach = 12;
  const auto after_address = [&](uint32_t q) {
    for (uint32_t i = q; i > 0 && q - i < kAddressReach && tokens[i - 1].line == tokens[q].line;
         --i) {
      if (in.reply.text.Gap(i - 1, i).find('@') != std::string_view::npos) return true;
      const std::string& w = tokens[i - 1].norm;
      if (w == "http" || w == "https" || w == "www") return true;
    }
    return false;
  };
  MarkAnsweringSentences(in, rules, &excused);
  for (TokenRange q : quotes) {
    // A capitalised quotation is a name or a label to tap ("'Orders' then 'Refund'").
    if (tokens[q.begin].Has(kTokenCapitalized) || tokens[q.begin].Has(kTokenAllCaps)) continue;
    if (excused[tokens[q.begin].sentence] || after_address(q.begin)) continue;
    bool theirs = false;
    for (uint32_t i = q.begin; i < q.end; ++i) {
      if (!ContentWord(in.lang, tokens[i])) continue;
      const std::string_view stem = SingularStem(tokens[i].norm);
      if (std::binary_search(cited.begin(), cited.end(), stem)) {
        theirs = false;
        break;
      }
      theirs = theirs || std::binary_search(complained.begin(), complained.end(), stem);
    }
    if (!theirs) continue;
    const Span span = TokenSpan(in.reply.text, q);
    AddCheckFinding(rule, &span, &out.findings);
    break;  // once per reply
  }
  return out;
}

}  // namespace tact::internal
