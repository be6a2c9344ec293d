// Scorer: turns a (review, reply) pair into a Report, following the rubric (spec §2-4).
#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "embedded_packs.h"
#include "pack_loader.h"
#include "pii.h"
#include "rules.h"
#include "string_util.h"
#include "tact/tact.h"
#include "text.h"

namespace tact {
namespace internal {
namespace {

constexpr int kNegationWindow = 3;

struct Analysis {
  Text text;
  Matches matches;
};

Analysis AnalyzeWith(const LangRules& lr, std::string_view input, uint32_t max_bytes) {
  Analysis a;
  a.text = Analyze(input, max_bytes);
  a.matches = lr.matcher.Match(a.text);
  return a;
}

bool Overlaps(TokenRange a, TokenRange b) { return a.begin < b.end && b.begin < a.end; }

bool Negated(const LangRules& lr, const Analysis& a, TokenRange range) {
  const int negation = lr.Lexicon("negation");
  if (negation < 0) return false;
  const std::vector<Token>& tokens = a.text.tokens;
  const uint32_t sentence = tokens[range.begin].sentence;
  const uint32_t from = range.begin > kNegationWindow ? range.begin - kNegationWindow : 0;
  const int idioms = lr.Lexicon("negation_idioms");
  for (TokenRange m : a.matches.Of(negation)) {
    if (m.begin < from || m.end > range.begin || tokens[m.begin].sentence != sentence) continue;
    bool idiom = false;
    for (TokenRange i : a.matches.Of(idioms)) {
      if (i.begin <= m.begin && m.end <= i.end) idiom = true;
    }
    if (!idiom) return true;
  }
  return false;
}

bool Quoted(const LangRules& lr, const Analysis& a, TokenRange range) {
  const std::vector<Token>& tokens = a.text.tokens;
  for (uint32_t i = range.begin; i < range.end; ++i) {
    if (tokens[i].Has(kTokenQuoted)) return true;
  }
  const uint32_t sentence = tokens[range.begin].sentence;
  for (TokenRange m : a.matches.Of(lr.Lexicon("reported_speech"))) {
    if (m.end <= range.begin && tokens[m.begin].sentence == sentence) return true;
  }
  return false;
}

// Matches of a rule's phrase group that survive `unless`, negation and quotation.
std::vector<TokenRange> Filtered(const LangRules& lr, const Rule& rule, const Analysis& a,
                                 int group) {
  std::vector<TokenRange> out;
  for (TokenRange m : a.matches.Of(group)) {
    bool drop = false;
    for (TokenRange u : a.matches.Of(rule.unless)) {
      if (Overlaps(m, u)) drop = true;
    }
    if (drop) continue;
    if (rule.negatable && Negated(lr, a, m)) continue;
    if (!rule.in_quotes && Quoted(lr, a, m)) continue;
    out.push_back(m);
  }
  return out;
}

// Leftmost-longest, non-overlapping.
std::vector<TokenRange> NonOverlapping(std::vector<TokenRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](TokenRange x, TokenRange y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<TokenRange> out;
  for (TokenRange r : ranges) {
    if (out.empty() || r.begin >= out.back().end) out.push_back(r);
  }
  return out;
}

// Where `rule` fires in the reply.
std::vector<TokenRange> Evaluate(const LangRules& lr, const Rule& rule, const Analysis& reply,
                                 const Analysis* review) {
  std::vector<TokenRange> hits;
  switch (rule.kind) {
    case RuleKind::kPhrase:
      hits = Filtered(lr, rule, reply, rule.phrases);
      break;
    case RuleKind::kSequence: {
      const std::vector<Token>& tokens = reply.text.tokens;
      for (TokenRange first : Filtered(lr, rule, reply, rule.phrases)) {
        for (TokenRange then : reply.matches.Of(rule.then)) {
          if (then.begin < first.end ||
              then.begin - first.end > static_cast<uint32_t>(rule.within) ||
              tokens[then.begin].sentence != tokens[first.begin].sentence) {
            continue;
          }
          const TokenRange whole{first.begin, then.end};
          bool excluded = false;
          for (TokenRange u : reply.matches.Of(rule.unless))
            excluded = excluded || Overlaps(whole, u);
          if (!excluded) hits.push_back(whole);
          break;
        }
      }
      break;
    }
    case RuleKind::kRefusal: {
      if (review == nullptr) break;
      Rule review_side = rule;
      review_side.unless = -1;
      if (Filtered(lr, review_side, *review, rule.review).empty()) break;
      hits = Filtered(lr, rule, reply, rule.phrases);
      break;
    }
  }
  return NonOverlapping(std::move(hits));
}

Span SpanOf(const Text& text, uint32_t begin, uint32_t end) {
  return Span{begin, end, text.Utf16At(begin), text.Utf16At(end)};
}

Span TokenSpan(const Text& text, TokenRange r) {
  return SpanOf(text, text.tokens[r.begin].begin, text.tokens[r.end - 1].end);
}

// Stems for comparing content words: the first five letters of words of four letters or more.
std::string Stem(const std::string& norm) { return norm.substr(0, 5); }

class Scoring {
 public:
  Scoring(const LangRules& lr, Lang lang, const Analysis& reply, const Analysis* review,
          const ScoreOptions& options, Report* report)
      : lr_(lr), lang_(lang), reply_(reply), review_(review), options_(options), report_(report) {
    status_.fill(Status::kMissing);
    value_.fill(-1);
    covered_.assign(reply_.text.tokens.size(), false);
  }

  void Run() {
    Rules();
    Greeting();
    Signature();
    Length();
    Understanding();
    Generic();
    Shouting();
    Pii();
    Resolve();
  }

 private:
  absl::string_view LangPrefix() const { return lang_ == Lang::kEn ? "en" : "fr"; }

  void AddFinding(const std::string& rule, int criterion, Severity severity, const Span* span,
                  std::string message, std::string suggestion) {
    Finding f;
    f.rule = rule;
    f.criterion = std::string(kRubric[criterion].id);
    f.severity = severity;
    f.field = Field::kReply;
    if (span != nullptr) {
      f.has_span = true;
      f.span = *span;
    }
    f.message = std::move(message);
    f.suggestion = std::move(suggestion);
    report_->findings.push_back(std::move(f));
    fired_[criterion] = true;
  }

  // The hints pack's (message, suggestion) for a scanner rule; the id itself when absent.
  std::pair<std::string, std::string> Message(const std::string& id) const {
    auto it = lr_.messages.find(id);
    if (it == lr_.messages.end()) return {id, ""};
    return it->second;
  }

  // A finding for a scanner rule "<lang>.<criterion>.<name>", its text from Message().
  void ScannerFinding(std::string_view name, int criterion, const Span* span,
                      std::string suggestion_override = "", std::string_view note = "") {
    const std::string id =
        absl::StrCat(LangPrefix(), ".", Sv(kRubric[criterion].id), ".", Sv(name));
    auto [message, suggestion] = Message(id);
    if (!note.empty()) absl::StrAppend(&message, " ", Sv(note));
    if (!suggestion_override.empty()) suggestion = std::move(suggestion_override);
    AddFinding(id, criterion, kRubric[criterion].severity, span, std::move(message),
               std::move(suggestion));
  }

  // Marks reply tokens said by stock phrases (for `generic`).
  void Cover(TokenRange r) {
    for (uint32_t i = r.begin; i < r.end; ++i) covered_[i] = true;
  }

  void Raise(int criterion, int value) { value_[criterion] = std::max(value_[criterion], value); }

  void Rules() {
    for (const Rule& rule : lr_.rules) {
      if (rule.kind == RuleKind::kRefusal && review_ != nullptr &&
          review_->matches.Any(rule.review)) {
        report_->review_refusal = true;
      }
      const std::vector<TokenRange> hits = Evaluate(lr_, rule, reply_, review_);
      if (hits.empty()) continue;
      if (!kRubric[rule.criterion].violation) {
        Raise(rule.criterion, rule.partial ? 1 : 2);
        for (TokenRange h : hits) Cover(h);
        continue;
      }
      for (TokenRange h : hits) {
        const Span span = TokenSpan(reply_.text, h);
        AddFinding(rule.id, rule.criterion, rule.severity, &span, rule.message, rule.suggestion);
      }
    }
  }

  void Greeting() {
    const int c = RubricIndex("greeting");
    const std::vector<Token>& tokens = reply_.text.tokens;
    std::optional<TokenRange> greeting;
    for (TokenRange m : reply_.matches.Of(lr_.Lexicon("greetings"))) {
      if (m.begin <= 1 && tokens[m.begin].sentence == 0) {
        if (!greeting || m.end > greeting->end) greeting = m;
      }
    }
    if (!greeting) return;
    // The author's words, normalised ("Sophie M." -> "sophie").
    const Text author_text = Analyze(options_.author, 256);
    std::vector<std::string> author;
    for (const Token& t : author_text.tokens) {
      if (t.Has(kTokenLetters) && t.norm.size() >= 2) author.push_back(t.norm);
    }
    if (author.empty()) {
      Raise(c, 2);
      return;
    }
    // The name is the first capitalised word after the greeting, in the same sentence.
    std::optional<uint32_t> name;
    for (uint32_t i = greeting->end; i < tokens.size() && i < greeting->end + 2; ++i) {
      if (tokens[i].sentence != tokens[greeting->begin].sentence) break;
      if (tokens[i].Has(kTokenCapitalized) && tokens[i].Has(kTokenLetters)) {
        name = i;
        break;
      }
    }
    if (!name) {
      Raise(c, 1);
      return;
    }
    const std::string& said = tokens[*name].norm;
    if (std::find(author.begin(), author.end(), said) != author.end()) {
      Raise(c, 2);
      return;
    }
    Raise(c, 1);
    if (lr_.first_names.contains(said)) {
      const Span span = TokenSpan(reply_.text, {*name, *name + 1});
      // The fix is the reviewer's own first name, as they wrote it.
      std::string fix;
      for (const Token& t : author_text.tokens) {
        if (t.Has(kTokenLetters)) {
          fix = SanitizeUtf8(author_text.input.substr(t.begin, t.end - t.begin));
          break;
        }
      }
      ScannerFinding("greeting", RubricIndex("wrong_name"), &span, std::move(fix));
    }
  }

  void Signature() {
    const int c = RubricIndex("signature");
    const std::vector<Token>& tokens = reply_.text.tokens;
    if (tokens.empty()) return;
    // The signature is at the end: the last line, or the last sentence of a one-line reply.
    const Token& last = tokens.back();
    size_t first = tokens.size();
    while (first > 0 && tokens[first - 1].sentence == last.sentence && tokens.size() - first < 8) {
      --first;
    }
    const std::string_view input = reply_.text.input;
    for (size_t i = tokens.size(); i-- > first;) {
      const Token& t = tokens[i];
      if (i + 4 < tokens.size()) break;
      // "^HSB": agent initials, Twitter style.
      if (t.Has(kTokenAllCaps) && t.begin > 0 && input[t.begin - 1] == '^') {
        Raise(c, 2);
        return;
      }
      if (t.Has(kTokenCapitalized) && t.Has(kTokenLetters) && lr_.first_names.contains(t.norm)) {
        Raise(c, 2);
        return;
      }
    }
    // A sign-off followed by a capitalised word that is not a team word: a person.
    const int team = lr_.Lexicon("team_words");
    for (TokenRange m : reply_.matches.Of(lr_.Lexicon("signoffs"))) {
      if (m.end < tokens.size() && m.end >= first && tokens[m.end].Has(kTokenCapitalized)) {
        bool team_word = false;
        for (TokenRange t : reply_.matches.Of(team)) {
          if (t.begin == m.end) team_word = true;
        }
        if (!team_word) {
          Raise(c, 2);
          return;
        }
      }
    }
    for (TokenRange t : reply_.matches.Of(team)) {
      if (t.end + 3 >= tokens.size() && tokens[t.begin].sentence >= tokens[first].sentence) {
        Raise(c, 1);
        return;
      }
    }
  }

  void Length() {
    const int c = RubricIndex("length");
    int words = 0;
    for (const Token& t : reply_.text.tokens) {
      if (!t.Has(kTokenEmoji)) ++words;
    }
    if (words == 0) return;
    if (words >= 25 && words <= 200) {
      Raise(c, 2);
      return;
    }
    Raise(c, 1);
    length_note_ = words < 25 ? "too_short" : "too_long";
  }

  // Reply tokens said by formulas that fit any review: greetings, sign-offs, team names and
  // stock phrases ("Faisant suite à votre message"). They never show understanding.
  void MarkStock() {
    stock_.assign(reply_.text.tokens.size(), false);
    for (std::string_view lexicon : {"greetings", "signoffs", "team_words", "stock_phrases"}) {
      for (TokenRange m : reply_.matches.Of(lr_.Lexicon(lexicon))) {
        for (uint32_t i = m.begin; i < m.end; ++i) stock_[i] = true;
      }
    }
  }

  bool AllStock(TokenRange r) const {
    for (uint32_t i = r.begin; i < r.end; ++i) {
      if (!stock_[i]) return false;
    }
    return true;
  }

  void Understanding() {
    const int c = RubricIndex("understanding");
    MarkStock();
    if (review_ == nullptr) {
      status_[c] = Status::kSkipped;
      return;
    }
    std::vector<const Topic*> raised;
    std::vector<const Topic*> unanswered;
    for (const Topic& topic : lr_.topics) {
      // Not negation-filtered: "toujours pas d'étiquette de retour" raises returns.
      if (!review_->matches.Any(topic.group)) continue;
      raised.push_back(&topic);
      report_->review_topics.push_back(topic.id);
      const std::span<const TokenRange> said = reply_.matches.Of(topic.group);
      if (std::all_of(said.begin(), said.end(), [&](TokenRange m) { return AllStock(m); })) {
        unanswered.push_back(&topic);
      }
    }
    if (!raised.empty()) {
      first_topic_ = unanswered.empty() ? raised.front() : unanswered.front();
      if (unanswered.empty()) {
        Raise(c, 2);
      } else if (unanswered.size() < raised.size()) {
        Raise(c, 1);
      } else if (SharedContentWords() >= 2) {
        // No topic term, but the reply restates the review in its own words ("vous indiquez
        // avoir reçu un article sur les deux commandés").
        Raise(c, 1);
      }
      const std::string& tmpl = lr_.hints[c].partial;
      for (const Topic* t : unanswered) {
        if (tmpl.empty()) break;
        AddFinding(absl::StrCat(LangPrefix(), ".understanding.topic_", t->id), c, Severity::kHint,
                   nullptr, absl::StrReplaceAll(tmpl, {{"{label}", t->label}}), "");
      }
      if (value_[c] < 0) OffTopic(raised);
      return;
    }
    // No known topic: share content words with the review.
    const int shared = SharedContentWords();
    if (shared >= 2) {
      Raise(c, 2);
    } else if (shared == 1) {
      Raise(c, 1);
    }
  }

  // Distinct content-word stems of the reply (stock formulas aside) also in the review.
  int SharedContentWords() const {
    std::vector<std::string> review_stems;
    for (const Token& t : review_->text.tokens) {
      if (t.Has(kTokenLetters) && t.norm.size() >= 4 && !lr_.stopwords.contains(t.norm)) {
        review_stems.push_back(Stem(t.norm));
      }
    }
    std::sort(review_stems.begin(), review_stems.end());
    std::vector<std::string> seen;
    for (size_t i = 0; i < reply_.text.tokens.size(); ++i) {
      const Token& t = reply_.text.tokens[i];
      if (!t.Has(kTokenLetters) || t.norm.size() < 4 || lr_.stopwords.contains(t.norm) ||
          stock_[i]) {
        continue;
      }
      const std::string stem = Stem(t.norm);
      if (std::binary_search(review_stems.begin(), review_stems.end(), stem) &&
          std::find(seen.begin(), seen.end(), stem) == seen.end()) {
        seen.push_back(stem);
      }
    }
    return static_cast<int>(seen.size());
  }

  // Topics that name what went wrong. Others (refund, returns, customer service, booking,
  // the website or app) also come up as remedies or explanations, so they are never off topic.
  static bool IsIncidentTopic(std::string_view id) {
    for (std::string_view t : {"delivery", "product_quality", "size_fit", "cleanliness", "food",
                               "noise", "billing", "price_fees"}) {
      if (id == t) return true;
    }
    return false;
  }

  // The reply answers none of the review's topics but speaks of another one ("vos robes
  // défectueuses" under a complaint about being asked for an order number).
  void OffTopic(const std::vector<const Topic*>& raised) {
    const int c = RubricIndex("understanding");
    for (const Topic& topic : lr_.topics) {
      if (!IsIncidentTopic(topic.id)) continue;
      if (std::find(raised.begin(), raised.end(), &topic) != raised.end()) continue;
      const std::span<const TokenRange> m = reply_.matches.Of(topic.group);
      if (m.empty()) continue;
      const Span span = TokenSpan(reply_.text, m.front());
      const std::string id = absl::StrCat(LangPrefix(), ".understanding.off_topic_", topic.id);
      const std::string tmpl =
          Message(absl::StrCat(LangPrefix(), ".understanding.off_topic")).first;
      AddFinding(id, c, Severity::kHint, &span,
                 absl::StrReplaceAll(tmpl, {{"{label}", topic.label}}), "");
    }
  }

  // Nothing specific to the review, and mostly stock phrases.
  void Generic() {
    const int understanding = RubricIndex("understanding");
    const std::vector<Token>& tokens = reply_.text.tokens;
    if (review_ == nullptr || value_[understanding] > 0 || tokens.empty()) return;
    size_t words = 0;
    size_t stock = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].Has(kTokenEmoji)) continue;
      ++words;
      if (covered_[i] || stock_[i]) ++stock;
    }
    if (words > 12 && stock * 10 < words * 3) return;  // under 30 % stock phrases
    // The whole reply, from its first byte ("@115741 Noted" starts at '@').
    const Span span = SpanOf(reply_.text, 0, tokens.back().end);
    ScannerFinding("stock_reply", RubricIndex("generic"), &span);
  }

  void Pii() {
    const int c = RubricIndex("pii");
    const PiiInput in{lr_,
                      reply_.text,
                      reply_.matches,
                      review_ != nullptr ? &review_->text : nullptr,
                      review_ != nullptr ? &review_->matches : nullptr,
                      options_.author,
                      options_.business};
    const std::string copied_id = absl::StrCat(LangPrefix(), ".pii.copied");
    const bool has_note = lr_.messages.contains(copied_id);
    const std::string note = has_note ? Message(copied_id).first : "";
    for (const PiiHit& hit : ScanPii(in)) {
      const Span span = SpanOf(reply_.text, hit.begin, hit.end);
      std::string first_name;
      if (hit.kind == "full_name") {
        // Keep the first name only.
        const std::string_view name = reply_.text.input.substr(hit.begin, hit.end - hit.begin);
        first_name = SanitizeUtf8(name.substr(0, name.find(' ')));
      }
      ScannerFinding(hit.kind, c, &span, std::move(first_name), hit.copied ? note : "");
    }
  }

  void Shouting() {
    const int c = RubricIndex("shouting");
    const std::vector<Token>& tokens = reply_.text.tokens;
    for (size_t i = 0; i < tokens.size();) {
      // A run of capitals in one sentence; agent initials ("^HSB") are a signature.
      const auto capital = [&](size_t k) {
        return tokens[k].Has(kTokenAllCaps) && tokens[k].sentence == tokens[i].sentence &&
               !(tokens[k].begin > 0 && reply_.text.input[tokens[k].begin - 1] == '^');
      };
      size_t j = i;
      while (j < tokens.size() && capital(j)) ++j;
      if (j - i >= 3) {
        const Span span =
            TokenSpan(reply_.text, {static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
        const std::string_view shouted =
            reply_.text.input.substr(span.begin, span.end - span.begin);
        ScannerFinding("capitals", c, &span, LowerUtf8(SanitizeUtf8(shouted)));
      }
      i = j == i ? i + 1 : j;
    }
    for (const Mark& m : reply_.text.bang_runs) {
      const Span span = SpanOf(reply_.text, m.begin, m.end);
      ScannerFinding("punctuation", c, &span);
    }
  }

  void Resolve() {
    const int apology = RubricIndex("apology");
    if (fired_[RubricIndex("conditional_apology")]) {
      status_[apology] = Status::kViolated;
    } else if (fired_[RubricIndex("apology_but")] && value_[apology] == 2) {
      value_[apology] = 1;
    }
    // Criteria statuses.
    int weight_sum = 0;
    int got_halves = 0;
    for (size_t c = 0; c < kCriterionCount; ++c) {
      Status& s = status_[c];
      if (s != Status::kSkipped && s != Status::kViolated) {
        s = value_[c] == 2 ? Status::kMet : value_[c] == 1 ? Status::kPartial : Status::kMissing;
      }
      report_->criteria.push_back({std::string(kRubric[c].id), kRubric[c].weight, s});
      if (s == Status::kSkipped) continue;
      weight_sum += kRubric[c].weight;
      got_halves += kRubric[c].weight * (s == Status::kMet ? 2 : s == Status::kPartial ? 1 : 0);
      HintFor(static_cast<int>(c), s);
    }
    int score = weight_sum == 0 ? 0 : (got_halves * 100 + weight_sum) / (2 * weight_sum);
    bool problem = false;
    for (size_t v = kCriterionCount; v < kRubricSize; ++v) {
      if (fired_[v]) score -= kRubric[v].penalty;
    }
    for (const Finding& f : report_->findings) {
      if (f.severity == Severity::kProblem) problem = true;
    }
    score = std::clamp(score, 0, 100);
    if (problem) score = std::min(score, 49);
    if (fired_[RubricIndex("pii")]) score = std::min(score, 40);
    report_->score = score;
    report_->band = score < 50 ? "rework" : score < 75 ? "fair" : score < 90 ? "good" : "excellent";
    std::stable_sort(report_->findings.begin(), report_->findings.end(),
                     [](const Finding& a, const Finding& b) {
                       if (a.has_span != b.has_span) return a.has_span;
                       if (!a.has_span) return false;
                       if (a.field != b.field) return a.field < b.field;
                       if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
                       if (a.span.end != b.span.end) return a.span.end < b.span.end;
                       return a.rule < b.rule;
                     });
  }

  // A finding without a span for a criterion that is missing or partial.
  void HintFor(int c, Status s) {
    const Hint& hint = lr_.hints[c];
    const std::string_view id = kRubric[c].id;
    if (s == Status::kMissing && !hint.missing.empty()) {
      std::string example = hint.example;
      if (first_topic_ != nullptr && !hint.example_topic.empty()) {
        example = absl::StrReplaceAll(hint.example_topic, {{"{label}", first_topic_->label}});
      }
      AddFinding(absl::StrCat(LangPrefix(), ".", Sv(id), ".missing"), c, Severity::kHint, nullptr,
                 hint.missing, std::move(example));
      return;
    }
    if (s != Status::kPartial) return;
    if (id == "length") {
      ScannerFinding(length_note_, c, nullptr);
    } else if (id != "apology" && id != "understanding" && !hint.partial.empty()) {
      AddFinding(absl::StrCat(LangPrefix(), ".", Sv(id), ".partial"), c, Severity::kHint, nullptr,
                 hint.partial, hint.example);
    }
  }

  const LangRules& lr_;
  Lang lang_;
  const Analysis& reply_;
  const Analysis* review_;
  const ScoreOptions& options_;
  Report* report_;
  std::array<Status, kRubricSize> status_;
  std::array<int, kRubricSize> value_;  // -1 nothing, 1 partial, 2 met
  std::array<bool, kRubricSize> fired_{};
  const Topic* first_topic_ = nullptr;
  std::vector<bool> covered_;
  std::vector<bool> stock_;
  std::string length_note_;
};

// Language from stop words: the reply first, then the review.
Lang Detect(const RuleSet& set, const Text& reply, const Text* review, bool* guessed) {
  const auto vote = [&](const Text& text) -> std::optional<Lang> {
    int fr = 0;
    int en = 0;
    for (const Token& t : text.tokens) {
      if (set.fr.stopwords.contains(t.norm)) ++fr;
      if (set.en.stopwords.contains(t.norm)) ++en;
    }
    if (fr + en < 3) return std::nullopt;
    if (fr >= 2 * en) return Lang::kFr;
    if (en >= 2 * fr) return Lang::kEn;
    return std::nullopt;
  };
  *guessed = false;
  if (std::optional<Lang> l = vote(reply)) return *l;
  *guessed = true;
  if (review != nullptr) {
    if (std::optional<Lang> l = vote(*review)) return *l;
  }
  return Lang::kFr;
}

// Runs one rule on its own (examples and `tact packs check`).
std::vector<Span> RunRule(const LangRules& lr, const Rule& rule, std::string_view review,
                          std::string_view text) {
  const Analysis reply = AnalyzeWith(lr, text, static_cast<uint32_t>(text.size()));
  std::optional<Analysis> rev;
  if (!review.empty()) rev = AnalyzeWith(lr, review, static_cast<uint32_t>(review.size()));
  std::vector<Span> spans;
  for (TokenRange r : Evaluate(lr, rule, reply, rev ? &*rev : nullptr)) {
    spans.push_back(TokenSpan(reply.text, r));
  }
  return spans;
}

}  // namespace
}  // namespace internal

using internal::Analysis;
using internal::AnalyzeWith;

Scorer::Scorer(std::shared_ptr<const internal::RuleSet> rules) : rules_(std::move(rules)) {}

absl::StatusOr<Scorer> Scorer::Builtin() { return FromPacks({}, true); }

absl::StatusOr<Scorer> Scorer::FromPacks(std::span<const PackSource> packs, bool with_builtin) {
  std::vector<PackSource> all;
  if (with_builtin) {
    for (const internal::EmbeddedPack& p : internal::EmbeddedPacks()) {
      if (p.name.size() > 5 && p.name.substr(p.name.size() - 5) == ".json") {
        all.push_back({absl::StrCat("builtin:", std::string(p.name)), std::string(p.json)});
      }
    }
    std::sort(all.begin(), all.end(),
              [](const PackSource& a, const PackSource& b) { return a.name < b.name; });
  }
  all.insert(all.end(), packs.begin(), packs.end());
  absl::StatusOr<std::shared_ptr<const internal::RuleSet>> set =
      internal::LoadRuleSet(all, !internal::EmbeddedPacksHaveExamples());
  if (!set.ok()) return set.status();
  return Scorer(*std::move(set));
}

Report Scorer::Score(std::string_view review, std::string_view reply,
                     const ScoreOptions& options) const {
  Report report;
  const uint32_t max = options.max_input_bytes;
  // Detect on plain text first; then match with the chosen language's packs.
  internal::Text reply_text = internal::Analyze(reply, max);
  std::optional<internal::Text> review_text;
  if (!review.empty()) review_text = internal::Analyze(review, max);
  bool guessed = false;
  Lang lang = options.lang;
  if (lang == Lang::kAuto) {
    lang = internal::Detect(*rules_, reply_text, review_text ? &*review_text : nullptr, &guessed);
  }
  const internal::LangRules& lr = rules_->For(lang);
  Analysis reply_a{std::move(reply_text), {}};
  reply_a.matches = lr.matcher.Match(reply_a.text);
  std::optional<Analysis> review_a;
  if (review_text) {
    review_a.emplace(Analysis{std::move(*review_text), {}});
    review_a->matches = lr.matcher.Match(review_a->text);
  }
  report.lang = lang;
  if (reply_a.text.truncated || (review_a && review_a->text.truncated)) {
    report.flags |= kFlagTruncated;
  }
  if (reply_a.text.invalid_utf8 || (review_a && review_a->text.invalid_utf8)) {
    report.flags |= kFlagInvalidUtf8;
  }
  if (guessed) report.flags |= kFlagLangGuessed;
  internal::Scoring scoring(lr, lang, reply_a, review_a ? &*review_a : nullptr, options, &report);
  scoring.Run();
  return report;
}

std::vector<ExampleFailure> Scorer::CheckExamples(int* count) const {
  std::vector<ExampleFailure> failures;
  int n = 0;
  for (const internal::LangRules* lr : {&rules_->fr, &rules_->en}) {
    for (const internal::Rule& rule : lr->rules) {
      for (const internal::Example& ex : rule.examples) {
        ++n;
        const std::vector<Span> spans = internal::RunRule(*lr, rule, ex.review, ex.text);
        std::string got;
        for (const Span& s : spans) {
          absl::StrAppend(&got, got.empty() ? "" : ", ", "[",
                          internal::Sv(std::string_view(ex.text).substr(s.begin, s.end - s.begin)),
                          "]");
        }
        if (got.empty()) got = "nothing";
        if (ex.should_match) {
          const bool ok = std::any_of(spans.begin(), spans.end(), [&](const Span& s) {
            return s.begin == ex.begin && s.end == ex.end;
          });
          if (!ok) {
            failures.push_back(
                {rule.pack, rule.id, absl::StrCat("expected ", ex.original, ", got ", got)});
          }
        } else if (!spans.empty()) {
          failures.push_back({rule.pack, rule.id,
                              absl::StrCat("expected no match in \"", ex.text, "\", got ", got)});
        }
      }
    }
  }
  if (count != nullptr) *count = n;
  return failures;
}

}  // namespace tact
