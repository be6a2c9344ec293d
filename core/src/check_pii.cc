// pii: private details in a reply (spec §3): phone numbers, e-mails, order/booking/tracking
// references, card numbers, postal addresses and health details. Names are the greeting
// check's: the display name is public (spec §2b).
// Hand-written scanners: none of the allowed libraries offers them, and std::regex is too slow
// and too large for the wasm build. The business's own contacts (listed in `business`, or
// introduced by a phrase of the lexicon `channel_intro`) are not leaks.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "checks.h"
#include "rule_evaluation.h"

namespace tact::internal {
namespace {

struct PiiHit {
  std::string_view kind;  ///< phone, email, reference, card, address, health
  uint32_t begin = 0;     ///< UTF-8 bytes in the reply
  uint32_t end = 0;
  bool copied = false;  ///< the same detail is in the review
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (IsDigit(c)) d.push_back(c);
  }
  return d;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Index of the first token that starts at or after `byte`, or tokens.size().
size_t TokenAt(const Text& text, uint32_t byte) {
  const auto it = std::lower_bound(text.tokens.begin(), text.tokens.end(), byte,
                                   [](const Token& t, uint32_t b) { return t.begin < b; });
  return static_cast<size_t>(it - text.tokens.begin());
}

// True when a match of `group` ends within `window` tokens before token `at`, in its sentence.
bool Preceded(const Text& text, const Matches& matches, int group, size_t at, size_t window) {
  if (group < 0 || at >= text.tokens.size()) return false;
  const uint32_t sentence = text.tokens[at].sentence;
  for (TokenRange m : matches.Of(group)) {
    if (m.end <= at && m.end + window >= at && text.tokens[m.begin].sentence == sentence) {
      return true;
    }
  }
  return false;
}

// Tokens before a number that a channel introduction may stand and still claim it.
constexpr size_t kSentenceWindow = 16;

struct Scanner {
  const CheckInput& in;
  const Text& reply;
  const Matches& reply_matches;
  std::vector<PiiHit> hits;
  bool business_contact = false;  // the business's own phone or e-mail is in the reply
  std::vector<std::string> business_digits;
  std::vector<std::string> business_lower;

  explicit Scanner(const CheckInput& input)
      : in(input), reply(input.reply.text), reply_matches(input.reply.matches) {
    for (std::string_view b : in.options.business) {
      const std::string d = DigitsOf(b);
      if (d.size() >= 6) business_digits.push_back(d);
      business_lower.push_back(Lower(b));
    }
  }

  std::string_view Slice(uint32_t b, uint32_t e) const { return reply.input.substr(b, e - b); }

  bool Overlaps(uint32_t b, uint32_t e) const {
    for (const PiiHit& h : hits) {
      if (h.begin < e && b < h.end) return true;
    }
    return false;
  }

  // The business introduces its own channel: "contactez-nous au 01 …", "call us at …".
  bool BusinessChannel(uint32_t begin) const {
    return Preceded(reply, reply_matches, in.lang.Lexicon("channel_intro"), TokenAt(reply, begin),
                    3);
  }

  bool InReview(std::string_view needle) const {
    return in.review != nullptr && !needle.empty() &&
           Lower(in.review->text.input).find(Lower(needle)) != std::string::npos;
  }

  bool DigitsInReview(const std::string& digits) const {
    return in.review != nullptr && digits.size() >= 4 &&
           DigitsOf(in.review->text.input).find(digits) != std::string::npos;
  }

  void Add(std::string_view kind, uint32_t b, uint32_t e, bool copied) {
    if (Overlaps(b, e)) return;
    hits.push_back({kind, b, e, copied});
  }

  void Emails() {
    const std::string_view s = reply.input;
    for (size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
      size_t b = at;
      while (b > 0 && (IsAlnum(s[b - 1]) ||
                       std::string_view("._%+-").find(s[b - 1]) != std::string_view::npos)) {
        --b;
      }
      size_t e = at + 1;
      while (e < s.size() && (IsAlnum(s[e]) || s[e] == '.' || s[e] == '-')) ++e;
      while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
      const std::string_view domain = s.substr(at + 1, e - at - 1);
      const size_t dot = domain.rfind('.');
      if (b == at || dot == std::string_view::npos || domain.size() - dot < 3) continue;
      const std::string lower = Lower(s.substr(b, e - b));
      const std::string lower_domain = Lower(domain);
      bool own = false;
      for (const std::string& biz : business_lower) {
        if (biz == lower || biz == lower_domain ||
            (lower_domain.size() > biz.size() &&
             lower_domain.compare(lower_domain.size() - biz.size(), biz.size(), biz) == 0 &&
             lower_domain[lower_domain.size() - biz.size() - 1] == '.')) {
          own = true;
        }
      }
      // A customer's address is copied from the review, at a personal mail provider, or said to
      // be theirs ("votre adresse", "your email"); any other is the business's own contact.
      const bool theirs = InReview(lower) || PersonalDomain(lower_domain) ||
                          Preceded(reply, reply_matches, in.lang.Lexicon("customer_contact_cues"),
                                   TokenAt(reply, static_cast<uint32_t>(b)), 4);
      if (own || !theirs || SupportMailbox(lower.substr(0, at - b)) ||
          BusinessChannel(static_cast<uint32_t>(b))) {
        business_contact = true;
        continue;
      }
      Add("email", static_cast<uint32_t>(b), static_cast<uint32_t>(e), InReview(lower));
    }
  }

  // A support address is the business's ("serviceclient.fr@…", "support@…"): its local part
  // starts with a mailbox word of the email check, then ends or goes on after a separator.
  bool SupportMailbox(std::string_view local) const {
    const Rule* email = in.lang.Check("pii.email");
    if (email == nullptr) return false;
    for (const std::string& box : email->params.List("business_mailboxes")) {
      if (local.substr(0, box.size()) != box) continue;
      if (local.size() == box.size() ||
          std::string_view(".-_0123456789").find(local[box.size()]) != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }

  bool PersonalDomain(std::string_view domain) const {
    const Rule* email = in.lang.Check("pii.email");
    if (email == nullptr) return false;
    for (const std::string& d : email->params.List("personal_domains")) {
      if (domain.size() >= d.size() && domain.compare(domain.size() - d.size(), d.size(), d) == 0 &&
          (domain.size() == d.size() || domain[domain.size() - d.size() - 1] == '.')) {
        return true;
      }
    }
    return false;
  }

  // Runs of digits joined by single separators: phones, cards, long references.
  void Numbers() {
    const std::string_view s = reply.input;
    size_t i = 0;
    while (i < s.size()) {
      const bool plus = s[i] == '+' && i + 1 < s.size() && IsDigit(s[i + 1]);
      const bool paren = s[i] == '(' && i + 1 < s.size() && IsDigit(s[i + 1]);
      if (!(IsDigit(s[i]) || plus || paren) || (i > 0 && IsAlnum(s[i - 1]))) {
        ++i;
        continue;
      }
      // A user handle ("@116447"), not a number. A handle starts with a letter or digit: after
      // "@+" or "@(" this skipped nothing and looped for ever.
      if (i > 0 && s[i - 1] == '@' && IsDigit(s[i])) {
        while (i < s.size() && IsAlnum(s[i])) ++i;
        continue;
      }
      size_t e = i + 1;
      int groups = 1;
      while (e < s.size()) {
        if (IsDigit(s[e])) {
          ++e;
        } else if ((s[e] == ' ' || s[e] == '.' || s[e] == '-' || s[e] == ')') && e + 1 < s.size() &&
                   (IsDigit(s[e + 1]) ||
                    (s[e] == ')' && s[e + 1] == ' ' && e + 2 < s.size() && IsDigit(s[e + 2])))) {
          e += (s[e] == ')' && s[e + 1] == ' ') ? 2 : 1;
          ++groups;
        } else {
          break;
        }
      }
      // A number glued to letters ("ABX123") is a reference, handled by References().
      if (e < s.size() && IsAlpha(s[e])) {
        i = e;
        continue;
      }
      const std::string digits = DigitsOf(s.substr(i, e - i));
      Classify(static_cast<uint32_t>(i), static_cast<uint32_t>(e), digits, groups, plus);
      i = e;
    }
  }

  // The same number with or without its country code: compare the last nine digits.
  bool BusinessNumber(const std::string& digits) const {
    const auto tail = [](const std::string& d) {
      return d.substr(d.size() > 9 ? d.size() - 9 : 0);
    };
    for (const std::string& biz : business_digits) {
      if (tail(biz) == tail(digits)) return true;
    }
    return false;
  }

  // A national number as the language's phone check declares it ("0" + 9 digits in France).
  bool National(const std::string& digits) const {
    const Rule* phone = in.lang.Check("pii.phone");
    if (phone == nullptr ||
        digits.size() != static_cast<size_t>(phone->params.Number("national_digits"))) {
      return false;
    }
    for (const std::string& prefix : phone->params.List("national_prefixes")) {
      if (digits.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
  }

  // A mobile number ("06…" in France, "07…" in the UK): a person's, not a switchboard.
  bool PersonalPrefix(const std::string& digits) const {
    const Rule* phone = in.lang.Check("pii.phone");
    if (phone == nullptr) return false;
    for (const std::string& prefix : phone->params.List("personal_prefixes")) {
      if (digits.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
  }

  void Classify(uint32_t b, uint32_t e, const std::string& digits, int groups, bool plus) {
    const size_t n = digits.size();
    if (n >= 6 && (BusinessNumber(digits) || BusinessChannel(b))) {
      business_contact = true;
      return;
    }
    const size_t at = TokenAt(reply, b);
    // "their telephone number is 0344 493 0787": a number said to be a phone is no reference.
    const bool phone_said = Preceded(reply, reply_matches, in.lang.Lexicon("phone_words"), at, 4);
    const bool cued =
        !phone_said && Preceded(reply, reply_matches, in.lang.Lexicon("reference_cues"), at, 3);
    if (CaseReference(at)) return;
    if (n >= 13 && n <= 19 && LuhnValid(digits) && !cued) {
      Add("card", b, e, DigitsInReview(digits));
      return;
    }
    const bool international = plus && n >= 9 && n <= 15;
    const bool grouped = groups >= 3 && n >= 9 && n <= 12;
    if (!cued && (National(digits) || international || grouped)) {
      // A number in a public reply is the business's own unless it is the customer's: copied
      // from the review, said to be theirs ("vous rappeler au", "your mobile"), a personal
      // (mobile) prefix, or an international number given without "call us on".
      const bool copied = DigitsInReview(digits);
      const bool theirs =
          Preceded(reply, reply_matches, in.lang.Lexicon("customer_contact_cues"), at, 4);
      // An international number anywhere after "call us", "please call" in its sentence is
      // the business's line from abroad.
      const bool foreign_line =
          international &&
          !Preceded(reply, reply_matches, in.lang.Lexicon("channel_intro"), at, kSentenceWindow);
      // A mobile that ends a reply of several sentences is the signature's ("…you'll get your
      // £220 back. Steve, Murray Plumbing, 07700 900 642"): a tradesperson's line.
      const bool signed_with = reply.tokens.back().end <= e &&
                               reply.tokens.front().sentence != reply.tokens.back().sentence;
      if (copied || theirs || foreign_line || (PersonalPrefix(digits) && !signed_with)) {
        Add("phone", b, e, copied);
      } else {
        business_contact = true;
      }
      return;
    }
    // Uncued, only one long run of digits ("2880-3480" is a range, not a reference).
    if (n >= 5 && (cued || (n >= 8 && groups == 1))) Add("reference", b, e, DigitsInReview(digits));
  }

  // The business's own case reference, given to quote in a private channel ("email me quoting
  // WS-2291", « en rappelant la référence 48812 »): no leak, unless said to be the customer's
  // ("quoting your order number").
  bool CaseReference(size_t at) const {
    return Preceded(reply, reply_matches, in.lang.Lexicon("case_reference_cues"), at, 4) &&
           !Preceded(reply, reply_matches, in.lang.Lexicon("possessives"), at, 3);
  }

  // Alphanumeric references: "ABX123", "FR-2021-0042", after a cue or with mixed letters/digits.
  void References() {
    const std::string_view s = reply.input;
    size_t i = 0;
    while (i < s.size()) {
      if (!IsAlnum(s[i]) ||
          (i > 0 && (IsAlnum(s[i - 1]) || s[i - 1] == '@' || s[i - 1] == '.' || s[i - 1] == '/'))) {
        ++i;
        continue;
      }
      size_t e = i;
      int letters = 0;
      int digits = 0;
      while (e < s.size() && (IsAlnum(s[e]) || ((s[e] == '-' || s[e] == '_') && e + 1 < s.size() &&
                                                IsAlnum(s[e + 1])))) {
        if (IsDigit(s[e])) ++digits;
        if (IsAlpha(s[e])) ++letters;
        ++e;
      }
      if (e < s.size() && (s[e] == '@' || (s[e] == '.' && e + 1 < s.size() && IsAlpha(s[e + 1])))) {
        i = e;  // part of an e-mail or a domain
        continue;
      }
      const size_t len = e - i;
      if (letters > 0 && digits >= 3 && len >= 5) {
        const bool cued = Preceded(reply, reply_matches, in.lang.Lexicon("reference_cues"),
                                   TokenAt(reply, static_cast<uint32_t>(i)), 3);
        // Mixed runs like "ABX123" are references on their own; "2e" or "48h" are not, and
        // neither is a flight number ("BA1441": two letters, then up to four digits).
        const bool flight = letters == 2 && IsAlpha(s[i]) && IsAlpha(s[i + 1]) && digits <= 4 &&
                            len == static_cast<size_t>(2 + digits);
        // Uncued, its letters are capitals: "500mb", "120-point", "mp3" are no references.
        bool lower_case = false;
        for (size_t k = i; k < e; ++k) lower_case = lower_case || (s[k] >= 'a' && s[k] <= 'z');
        // Digits then a unit ("100GB", "250ML") are a quantity.
        const bool quantity = IsDigit(s[i]) && letters <= 3 && IsAlpha(s[e - 1]) &&
                              std::all_of(s.begin() + static_cast<std::ptrdiff_t>(e - letters),
                                          s.begin() + static_cast<std::ptrdiff_t>(e), IsAlpha);
        const size_t token = TokenAt(reply, static_cast<uint32_t>(i));
        if (CaseReference(token)) {
          i = e;
          continue;
        }
        if (cued || (letters >= 2 && digits >= 3 && !flight && !lower_case && !quantity)) {
          Add("reference", static_cast<uint32_t>(i), static_cast<uint32_t>(e),
              InReview(s.substr(i, len)));
        }
      }
      i = e;
    }
  }

  // "12 rue des Lilas", "221B Baker Street": a number, then a street word within two tokens.
  void Addresses() {
    const int streets = in.lang.Lexicon("address_words");
    if (streets < 0) return;
    const std::vector<Token>& tokens = reply.tokens;
    const Rule* address = in.lang.Check("pii.address");
    if (address == nullptr) return;
    const std::vector<std::string>& particles = address->params.List("name_particles");
    const auto particle = [&](const Token& t) {
      return std::find(particles.begin(), particles.end(), t.norm) != particles.end();
    };
    for (TokenRange m : reply_matches.Of(streets)) {
      if (m.begin == 0) continue;
      size_t number = m.begin;
      for (size_t k = m.begin; k-- > 0 && k + 3 >= m.begin;) {
        if (tokens[k].Has(kTokenNumber)) {
          number = k;
          break;
        }
      }
      if (number == m.begin || tokens[number].sentence != tokens[m.begin].sentence) continue;
      // "1st try", "21st of November": an ordinal, glued to its letters; "@116239": a handle.
      if (tokens[number].end == tokens[number + 1].begin || reply.Mention(number)) continue;
      size_t last = m.end - 1;
      while (last + 1 < tokens.size() && last + 1 < m.end + 4 &&
             tokens[last + 1].sentence == tokens[m.begin].sentence &&
             (tokens[last + 1].Has(kTokenCapitalized) || particle(tokens[last + 1]))) {
        ++last;
      }
      while (last > m.end - 1 && !tokens[last].Has(kTokenCapitalized)) --last;
      // A street has a name: a capitalised word between the number and the street word or
      // after it ("12 rue des Lilas", "221 Baker Street"); "20 minutes de route" and "un 40 à
      // la place du 38" have none.
      bool named = false;
      for (size_t k = number + 1; k <= last; ++k) {
        if (k < m.begin || k >= m.end) named = named || tokens[k].Has(kTokenCapitalized);
      }
      if (!named) continue;
      const uint32_t b = tokens[number].begin;
      if (BusinessChannel(b)) continue;
      Add("address", b, tokens[last].end, false);
    }
  }

  // Health details about the customer: a health term copied from the review, or after a
  // possessive ("votre grossesse", "your son's allergy").
  void Health() {
    const int health = in.lang.Lexicon("health");
    if (health < 0) return;
    // A condition told in a sentence that names an animal ("my dog's leg surgery", « l'otite de
    // mon chat ») is the animal's: it says nothing of the customer's health.
    const int animals = in.lang.Lexicon("animals");
    const auto of_animal = [&](const Analysis& text, TokenRange m) {
      const uint32_t sentence = text.text.tokens[m.begin].sentence;
      for (TokenRange a : text.matches.Of(animals)) {
        if (text.text.tokens[a.begin].sentence == sentence) return true;
      }
      return false;
    };
    bool review_health = false;
    if (in.review != nullptr) {
      for (TokenRange m : in.review->matches.Of(health)) {
        review_health = review_health || !of_animal(*in.review, m);
      }
    }
    const int possessives = in.lang.Lexicon("possessives");
    const std::span<const TokenRange> terms = reply_matches.Of(health);
    for (size_t k = 0; k < terms.size(); ++k) {
      const TokenRange m = terms[k];
      // Sorted by begin then end: keep the longest term at a position ("allergic reaction").
      if (k + 1 < terms.size() && terms[k + 1].begin == m.begin) continue;
      if (of_animal(in.reply, m)) continue;
      if (!review_health && !Preceded(reply, reply_matches, possessives, m.begin, 2)) {
        continue;
      }
      // "aucun autre client n'a été malade" says nothing about this customer.
      if (Negated(in.lang, in.reply, m)) continue;
      Add("health", reply.tokens[m.begin].begin, reply.tokens[m.end - 1].end, review_health);
    }
    // A treatment or a check-up ("your shoulder rehab", « votre prise de sang ») tells of the
    // customer's health only when the review did not: after a possessive, and only if the
    // review names none itself (answering "my blood test results are late" about them is fine).
    const int services = in.lang.Lexicon("health_services");
    if (services < 0 || (in.review != nullptr && in.review->matches.Any(services))) return;
    for (TokenRange m : reply_matches.Of(services)) {
      if (!Preceded(reply, reply_matches, possessives, m.begin, 2)) continue;
      if (Negated(in.lang, in.reply, m)) continue;
      Add("health", reply.tokens[m.begin].begin, reply.tokens[m.end - 1].end, false);
    }
  }
};

}  // namespace

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  int count = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) continue;
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
    ++count;
  }
  return count > 0 && sum % 10 == 0;
}

CheckResult CheckPii(const CheckInput& in) {
  Scanner scanner(in);
  scanner.Emails();
  scanner.Numbers();
  scanner.References();
  scanner.Addresses();
  scanner.Health();
  std::sort(scanner.hits.begin(), scanner.hits.end(),
            [](const PiiHit& a, const PiiHit& b) { return a.begin < b.begin; });
  CheckResult out;
  out.gives_contact = scanner.business_contact;
  const Rule* copied = in.lang.Check("pii.copied");
  for (const PiiHit& hit : scanner.hits) {
    const Rule* rule = in.lang.Check(absl::StrCat("pii.", Sv(hit.kind)));
    const Span span = SpanOf(in.reply.text, hit.begin, hit.end);
    AddCheckFinding(rule, &span, &out.findings);
    if (rule != nullptr && hit.copied) out.findings.back().note = copied;
  }
  return out;
}

}  // namespace tact::internal
