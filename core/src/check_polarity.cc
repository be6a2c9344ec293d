// polarity: is the review a complaint, praise, or both (spec §2a)?
#include <algorithm>

#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {

std::string_view PolarityName(Polarity polarity) {
  switch (polarity) {
    case Polarity::kNegative:
      return "negative";
    case Polarity::kMixed:
      return "mixed";
    case Polarity::kPositive:
      return "positive";
    case Polarity::kNeutral:
      return "neutral";
    case Polarity::kNone:
      break;
  }
  return "";
}

Polarity CheckPolarity(const CheckInput& in) {
  if (in.lang.Check("polarity") == nullptr) return Polarity::kNone;
  const int rating = in.options.rating;
  const bool rated = rating >= 1 && rating <= 5;
  // Stars without words (a rating-only review, common on Google) still say how the customer
  // felt (spec §2a: from the rating when given): a 5-star rating needs no apology.
  if (in.review == nullptr) {
    if (!rated) return Polarity::kNone;
    return rating <= 2 ? Polarity::kNegative : rating == 3 ? Polarity::kMixed : Polarity::kPositive;
  }
  // "pas terrible" is a complaint, "aucun problème" praise; a cue inside a longer cue of the
  // other side ("problems" in "no problems") does not count.
  const std::span<const TokenRange> complaint_cues =
      in.review->matches.Of(in.lang.Lexicon("complaint_cues"));
  const std::span<const TokenRange> praise_cues =
      in.review->matches.Of(in.lang.Lexicon("praise_cues"));
  int complaints = 0;
  int praise = 0;
  // Under a 4-5 star rating, a complaint in a part that also praises ("Got a real person who
  // fixed my billing issue", "à 84 ans pas facile la banque en ligne, merci pour votre
  // patience") tells a story that ended well: a complaint needs a part of its own or a turn.
  // Nor does a complaint the customer waves off in the same sentence, turning back to praise
  // ("road noise in the front room, but earplugs were provided so no bother", "un peu cher mais
  // ça vaut le coup").
  const ReviewParts& parts = *in.review_parts;
  const std::vector<Token>& tokens = in.review->text.tokens;
  const bool praised_rating = in.options.rating >= 4 && in.options.rating <= 5;
  // A part that tells of a remedy carried out ("they fixed both for £12", "mais la directrice a
  // remboursé sous 3 jours") reads, under 4-5 stars, as praise.
  std::vector<bool> remedied(parts.turned.size(), false);
  if (praised_rating) {
    for (const std::string& lexicon : in.lang.Check("polarity")->params.List("remedy_lexicons")) {
      for (TokenRange m : in.review->matches.Of(in.lang.Lexicon(lexicon))) {
        if (!Negated(in.lang, *in.review, m)) remedied[parts.of_token[m.begin]] = true;
      }
    }
  }
  const auto praises = [&](size_t p) { return parts.praise[p] || remedied[p]; };
  // A shrug (lexicon shrugs: "but what do you expect", « mais on ne va pas chipoter ») waves off
  // its own part and the ones before it in the sentence; without a rating it is sarcasm.
  std::vector<bool> waved_off(parts.turned.size(), false);
  if (praised_rating) {
    for (TokenRange m : in.review->matches.Of(in.lang.Lexicon("shrugs"))) {
      waved_off[parts.of_token[m.begin]] = true;
    }
    std::vector<uint32_t> sentence_of(parts.turned.size(), 0);
    for (size_t i = 0; i < tokens.size(); ++i) sentence_of[parts.of_token[i]] = tokens[i].sentence;
    for (size_t p = parts.turned.size(); p-- > 1;) {
      if (sentence_of[p] != sentence_of[p - 1]) continue;
      waved_off[p - 1] = waved_off[p - 1] ||
                         (parts.turned[p] && praises(p) && !parts.complaint[p]) || waved_off[p];
    }
  }
  // A complaint softened by a hedge ("Super resto, un peu bruyant", "great food, slightly
  // pricey") is a reservation: under 4-5 stars it makes the review mixed (spec §2a) even in a
  // part that praises, unless waved off.
  const std::span<const TokenRange> hedges = in.review->matches.Of(in.lang.Lexicon("hedges"));
  const auto hedged = [&](TokenRange m) {
    for (TokenRange h : hedges) {
      if (h.begin <= m.begin && h.end + 1 >= m.begin && h.end <= m.end &&
          tokens[h.begin].sentence == tokens[m.begin].sentence) {
        return true;
      }
    }
    return false;
  };
  const auto count_complaint = [&](TokenRange m) {
    const uint32_t p = parts.of_token[m.begin];
    if (!praised_rating || ((!praises(p) || parts.turned[p] || hedged(m)) && !waved_off[p])) {
      ++complaints;
    }
  };
  // A question with no negation and no request for a remedy ("pouvez-vous me rembourser ?",
  // lexicon help_requests) asks about what it names: "Vous livrez le dimanche ?" raises no
  // topic, and without a rating "Is the system back up?" is no praise.
  const std::span<const TokenRange> negations = in.review->matches.Of(in.lang.Lexicon("negation"));
  const std::span<const TokenRange> help = in.review->matches.Of(in.lang.Lexicon("help_requests"));
  const auto plain_question = [&](uint32_t token) {
    if (!tokens[token].Has(kTokenQuestion)) return false;
    for (std::span<const TokenRange> cues : {negations, help}) {
      for (TokenRange n : cues) {
        if (tokens[n.begin].sentence == tokens[token].sentence) return false;
      }
    }
    return true;
  };
  // A cue inside a longer one of its own side does not count either: "recommend" in "can't
  // recommend them enough" is not negated praise.
  for (TokenRange m : complaint_cues) {
    if (InsideLonger(m, praise_cues) || InsideLonger(m, complaint_cues)) continue;
    if (NegatedCue(in.lang, *in.review, m)) {
      ++praise;
    } else {
      count_complaint(m);
    }
  }
  // Thanks that only close a message ("Still no refund. Thanks", « Colis pas reçu. Merci. ») or
  // introduce a request (« merci de me rembourser », "thanks in advance") are courtesy, not
  // praise: the complaint before them stands alone. Nor is praise in quotes or reported ("la
  // couverture est 'excellente'", "got 'thanks for your feedback'"): the customer's words.
  const auto inside = [](TokenRange m, std::span<const TokenRange> spans, auto&& also) {
    for (TokenRange c : spans) {
      if (c.begin <= m.begin && m.end <= c.end && also(c)) return true;
    }
    return false;
  };
  const auto closes_sentence = [&](TokenRange c) {
    for (size_t i = c.end; i < tokens.size(); ++i) {
      if (tokens[i].sentence != tokens[c.begin].sentence) return true;
      if (!tokens[i].Has(kTokenEmoji)) return false;
    }
    return true;
  };
  // A message that is only thanks ("@Delta Thank you.") thanks: something must come before.
  const auto said_before = [&](TokenRange c) {
    for (uint32_t i = 0; i < c.begin; ++i) {
      if (!in.review->text.Mention(i) && !tokens[i].Has(kTokenEmoji)) return true;
    }
    return false;
  };
  // Without a rating, thanks that a complaint follows in their sentence are sarcasm ("thanks
  // for the replacement charger that doesn't work either", « merci pour rien, service nul »).
  const auto complaint_follows = [&](TokenRange c) {
    return !rated && std::any_of(complaint_cues.begin(), complaint_cues.end(), [&](TokenRange k) {
      return k.begin >= c.end && tokens[k.begin].sentence == tokens[c.begin].sentence &&
             !NegatedCue(in.lang, *in.review, k);
    });
  };
  const auto courtesy = [&](TokenRange m) {
    return inside(m, in.review->matches.Of(in.lang.Lexicon("thanks_requests")),
                  [](TokenRange) { return true; }) ||
           inside(m, in.review->matches.Of(in.lang.Lexicon("closing_thanks")), [&](TokenRange c) {
             return (closes_sentence(c) && said_before(c)) || complaint_follows(c);
           });
  };
  uint32_t last_praise = 0;
  for (TokenRange m : praise_cues) {
    if (InsideLonger(m, complaint_cues) || InsideLonger(m, praise_cues) ||
        (!rated && plain_question(m.begin)) || courtesy(m) || Quoted(in.lang, *in.review, m)) {
      continue;
    }
    if (NegatedCue(in.lang, *in.review, m)) {
      count_complaint(m);
    } else {
      ++praise;
      last_praise = std::max(last_praise, m.begin);
    }
  }
  // A turn to a complaint topic ("Super camping, mais la piscine fermée 3 jours sur 7") is a
  // complaint even in words no cue lists: a part opened by a contrast word that names a topic
  // and no praise. Without a rating, any part naming a topic and no praise ("rdv pour passeport
  // annulé 2 fois") is one, unless asked about (above) or praise follows it: a review that
  // closes on praise ("Free drinks and snacks on board. Great stuff guys") lists what was liked;
  // one that closes on the grievance ("Lovely staff. Paperwork lost twice") is mixed, and so is
  // one whose grievance the next part sets aside while praising ("un vélo sans freins 😂 mais
  // trajet au top sinon", lexicon otherwise_cues), wherever the praise stands.
  std::vector<bool> sets_aside(parts.turned.size(), false);
  for (TokenRange m : in.review->matches.Of(in.lang.Lexicon("otherwise_cues"))) {
    sets_aside[parts.of_token[m.begin]] = true;
  }
  const auto unrated_topic_complains = [&](TokenRange m) {
    const uint32_t p = parts.of_token[m.begin];
    const bool turned_to_praise =
        p + 1 < parts.turned.size() && parts.praise[p + 1] && sets_aside[p + 1];
    return !rated && !plain_question(m.begin) &&
           (praise == 0 || m.begin > last_praise || turned_to_praise);
  };
  std::vector<bool> counted(parts.turned.size(), false);
  for (const Topic& topic : in.lang.topics) {
    for (TokenRange m : in.review->matches.Of(topic.group)) {
      const uint32_t p = parts.of_token[m.begin];
      if ((parts.turned[p] || unrated_topic_complains(m)) && !parts.praise[p] &&
          !parts.complaint[p] && !counted[p] && !waved_off[p] && !remedied[p]) {
        counted[p] = true;
        ++complaints;
      }
    }
  }
  // Without a rating or a cue, "??" or "?!" is exasperation ("Are you even reading this??").
  if (!rated && complaints == 0 && praise == 0) {
    for (const Mark& run : in.review->text.bang_runs) {
      if (in.review->text.input.substr(run.begin, run.end - run.begin).find('?') !=
          std::string_view::npos) {
        ++complaints;
        break;
      }
    }
  }
  if (rating >= 1 && rating <= 2) return Polarity::kNegative;
  if (rating == 3) return Polarity::kMixed;
  if (rating >= 4) return complaints > 0 ? Polarity::kMixed : Polarity::kPositive;
  if (complaints > 0) return praise > 0 ? Polarity::kMixed : Polarity::kNegative;
  // No complaint in the words: praise is positive; a message with neither (a question, banter,
  // the next message of a conversation) is no complaint either, and no praise to thank for.
  return praise > 0 ? Polarity::kPositive : Polarity::kNeutral;
}

}  // namespace tact::internal
