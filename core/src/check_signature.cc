// signature (spec §2b): a person's first name closing the reply, wherever it stands: after a
// sign-off, alone on the last line, glued after the last sentence ("… compréhension.
// Arimbola"), before a role or company line ("Léa\nRiverside Bank"), or agent initials ("^HSB").
// A team or a company alone is partial.
#include "checks.h"

namespace tact::internal {
namespace {

// A capitalised word that can be a person's name: not an article, a title, a greeting or a
// formula word ("Cordialement", "Merci").
bool NameLike(const Language& lang, const Token& t) {
  return t.Has(kTokenLetters) && (t.Has(kTokenCapitalized) || t.Has(kTokenAllCaps)) &&
         t.norm.size() >= 2 && !lang.stopwords.contains(t.norm) && !lang.Word("titles", t.norm) &&
         !lang.Word("signoffs", t.norm) && !lang.Word("greetings", t.norm) &&
         !lang.Word("team_words", t.norm);
}

// The business's own name ("Showroomprivé") closing a reply is a company, not a person.
bool Business(const CheckInput& in, const Token& t) {
  for (std::string_view b : in.options.business) {
    if (NormalizeWord(b) == t.norm) return true;
  }
  return false;
}

// A brand's shape: a capital inside the word ("SkyLink", "DriveAway", "BrightWatt"), unless
// after a name prefix ("McKenzie", "MacLeod", "DeShawn", "LaToya", "DiMaggio", "VanDyke").
bool BrandShaped(std::string_view written) {
  for (size_t k = 2; k < written.size(); ++k) {
    if (written[k] < 'A' || written[k] > 'Z' || written[k - 1] < 'a' || written[k - 1] > 'z') {
      continue;
    }
    const std::string_view prefix = written.substr(0, k);
    if (prefix == "Mc" || prefix == "Mac" || prefix == "De" || prefix == "La" || prefix == "Le" ||
        prefix == "Di" || prefix == "Da" || prefix == "Van" || prefix == "Von") {
      continue;
    }
    return true;
  }
  return false;
}

// A closing word shaped like a brand, unless an agent's mark ("*KatGrisham", "^JoanO") or a
// first name glued to a surname ("KatGrisham") says it is a person.
bool Brand(const CheckInput& in, const Token& t) {
  const std::string_view input = in.reply.text.input;
  const std::string_view written = input.substr(t.begin, t.end - t.begin);
  if (t.begin > 0 && (input[t.begin - 1] == '*' || input[t.begin - 1] == '^')) return false;
  if (!BrandShaped(written)) return false;
  size_t inner = 1;
  while (inner < written.size() && !(written[inner] >= 'A' && written[inner] <= 'Z')) ++inner;
  return !in.lang.first_names.contains(NormalizeWord(written.substr(0, inner)));
}

enum class Closing { kNone, kPerson, kCompany };

// The line of token `i` names a business ("Salon Bella"): its first name is the shop's.
bool BusinessLine(const CheckInput& in, size_t i) {
  const std::vector<Token>& tokens = in.reply.text.tokens;
  for (const Token& t : tokens) {
    if (t.line == tokens[i].line && in.lang.Word("business_words", t.norm)) return true;
  }
  return false;
}

}  // namespace

CheckResult CheckSignature(const CheckInput& in) {
  CheckResult out;
  if (in.lang.Check("signature") == nullptr) return out;
  const Text& text = in.reply.text;
  const std::vector<Token>& tokens = text.tokens;
  if (tokens.empty()) return out;
  const size_t n = tokens.size();
  const std::vector<bool> stock = StockTokens(in.lang, in.reply);
  // The customer's own name at the end ("Bonne journée, Sophie") is not a signature, unless it
  // stands on a line of its own.
  const auto customer = [&](size_t i) {
    return SameName(in.lang, in.author, tokens[i].norm) &&
           (i == 0 || tokens[i - 1].line == tokens[i].line);
  };
  const uint32_t last_line = tokens.back().line;
  const auto signed_by = [&](size_t i) {
    out.value = 2;
    out.signer = text.input.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    return out;
  };
  for (size_t i = n; i-- > 0 && i + 4 >= n;) {
    const Token& t = tokens[i];
    // "^HSB": agent initials, Twitter style.
    if (t.Has(kTokenAllCaps) && t.begin > 0 && text.input[t.begin - 1] == '^') {
      return signed_by(i);
    }
    if (t.Has(kTokenCapitalized) && t.Has(kTokenLetters) && in.lang.first_names.contains(t.norm) &&
        tokens[i].sentence == tokens.back().sentence && !customer(i) && !BusinessLine(in, i)) {
      return signed_by(i);
    }
  }
  // The closing segments: one to three words set apart at the very end by a sentence end, a
  // comma, a dash or a line break ("… compréhension. Arimbola", "À bientôt, Kanto", "- Marcus,
  // Store Manager", "Best regards, Tom Smith", "Cordialement,\nGarage Lambert").
  const auto hashtag = [&](size_t k) {
    return tokens[k].begin > 0 && text.input[tokens[k].begin - 1] == '#';
  };
  const auto classify = [&](size_t begin, size_t stop) {
    for (size_t k = begin; k < stop; ++k) {
      if (hashtag(k)) continue;
      if (in.lang.Word("business_words", tokens[k].norm) ||
          in.lang.Word("team_words", tokens[k].norm) || Business(in, tokens[k]) ||
          Brand(in, tokens[k])) {
        return Closing::kCompany;
      }
    }
    // "#HappyHalloween" is a hashtag, not a name.
    if (hashtag(begin)) return Closing::kNone;
    if (!NameLike(in.lang, tokens[begin]) || stock[begin] || customer(begin)) return Closing::kNone;
    // A known first name, or a lone capitalised word ("Arimbola"); "Bonne lecture" is neither.
    if (in.lang.first_names.contains(tokens[begin].norm) || stop - begin == 1) {
      return Closing::kPerson;
    }
    return Closing::kNone;
  };
  bool company = false;
  size_t end = n;
  while (end > 0 && tokens[end - 1].Has(kTokenEmoji)) --end;
  // A closing segment that starts with a first name and goes on to the team or a role, on the
  // reply's last line too: "… on the road! Warmly, Lena & the Steady Wheels team", "Callum and
  // all at Whitfield & Co", "Claire (Practice Manager)", « Léa et toute l'équipe du magasin ».
  for (size_t i = end; i-- > 1 && i + 9 >= end;) {
    if (i + 1 >= end || tokens[i].line != tokens[end - 1].line) continue;
    const std::string_view gap = text.Gap(i - 1, i);
    if (gap.find_first_of(".,!?;:\n-") == std::string_view::npos) continue;
    if (in.lang.first_names.contains(tokens[i].norm) && NameLike(in.lang, tokens[i]) &&
        !customer(i) &&
        (text.Gap(i, i + 1).find_first_of("&(") != std::string_view::npos ||
         tokens[i + 1].norm == "and" || tokens[i + 1].norm == "et")) {
      return signed_by(i);
    }
  }
  for (size_t i = end; i-- > 1 && i + 6 >= end;) {
    const std::string_view gap = text.Gap(i - 1, i);
    const bool apart = gap.find_first_of(".,!?;:\n-") != std::string_view::npos ||
                       gap.find("\xE2\x80\x94") != std::string_view::npos ||  // an em dash
                       tokens[i - 1].Has(kTokenEmoji);
    if (!apart) continue;
    size_t seg_end = i + 1;
    while (seg_end < end &&
           text.Gap(seg_end - 1, seg_end).find_first_of(".,!?;:\n-") == std::string_view::npos) {
      ++seg_end;
    }
    if (seg_end - i > 3) continue;
    const Closing closing = classify(i, seg_end);
    if (closing == Closing::kPerson) return signed_by(i);
    company = company || (closing == Closing::kCompany && tokens[i].line + 2 >= last_line);
  }
  // A company line after a sign-off line ("Cordialement,\nLa Banque du Coin": partial).
  std::vector<bool> signoff(n, false);
  for (TokenRange m : in.reply.matches.Of(in.lang.Lexicon("signoffs"))) {
    for (uint32_t i = m.begin; i < m.end; ++i) signoff[i] = true;
  }
  for (size_t i = 1; i < n; ++i) {
    if (tokens[i].line + 2 < last_line || tokens[i].line == tokens[i - 1].line) continue;
    // A last line that starts with a first name: "Kelly & the girls at Curl Up & Dye",
    // "Lina (one of the devs)"; after a sign-off line, a closing segment that is a person.
    if (in.lang.first_names.contains(tokens[i].norm) && tokens[i].Has(kTokenCapitalized) &&
        !customer(i)) {
      return signed_by(i);
    }
    if (!signoff[i - 1]) continue;
    size_t stop = i + 1;
    while (stop < n && stop < i + 2 && tokens[stop].line == tokens[i].line &&
           text.Gap(stop - 1, stop).find_first_of(".,!?;:-(") == std::string_view::npos) {
      ++stop;
    }
    if (classify(i, stop) == Closing::kPerson) return signed_by(i);
    if (tokens[i].Has(kTokenCapitalized)) company = true;
  }
  // A team word at the end: "L'équipe du service client".
  for (TokenRange t : in.reply.matches.Of(in.lang.Lexicon("team_words"))) {
    if (t.end + 3 >= n && tokens[t.begin].line + 2 >= last_line) company = true;
  }
  if (company) out.value = 1;
  return out;
}

}  // namespace tact::internal
