// Insights: what a month of scored replies says about a team (core/insights.md).
//
// Everything is aggregated in the order rows are added, with integer arithmetic and a hash that
// is the same on every platform, so the CLI and the wasm module give the same bytes.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "packs.h"
#include "string_util.h"
#include "tact/tact.h"
#include "text.h"

namespace tact {

namespace {

constexpr size_t kMaxErrorRows = 20;
constexpr size_t kExamplesPerViolation = 3;
constexpr size_t kExtremes = 10;
constexpr size_t kMaxTemplates = 20;
constexpr int kTemplateMinReplies = 3;
constexpr size_t kTemplateLines = 5;
constexpr int kTemplateMinWords = 8;     // shorter replies ("Merci !") are not templates
constexpr int kTemplateMaxDistance = 3;  // SimHash bits: near-identical, not merely similar
constexpr size_t kReviewExcerpt = 200;
constexpr size_t kReplyExcerpt = 300;
constexpr size_t kTemplateExcerpt = 400;
constexpr size_t kSpanExcerpt = 160;

constexpr std::array<std::string_view, 5> kPolarities = {"negative", "mixed", "positive", "neutral",
                                                         "none"};

// The first `max_chars` code points of `text`, valid UTF-8, with "…" when cut.
std::string Excerpt(std::string_view text, size_t max_chars) {
  const std::string clean = internal::SanitizeUtf8(text);
  size_t chars = 0;
  for (size_t i = 0; i < clean.size(); ++i) {
    if ((static_cast<unsigned char>(clean[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max_chars) return clean.substr(0, i) + "\xE2\x80\xA6";
  }
  return clean;
}

// value = num / den, written with one decimal, rounded half up ("54.3"); "null" when den is 0.
void AppendTenths(int64_t num, int64_t den, std::string* out) {
  if (den <= 0) {
    out->append("null");
    return;
  }
  const int64_t tenths = (num * 20 + den) / (den * 2);
  absl::StrAppend(out, tenths / 10, ".", tenths % 10);
}

// "2025-03-14", "2025-03-14T10:00:00Z", "2025-03-14 10:00" or "14/03/2025" -> "2025-03-14";
// anything else -> "".
std::string ParseDay(std::string_view s) {
  const auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  std::string y, m, d;
  if (digits(0, 4) && s.size() >= 10 && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
      digits(8, 2) && (s.size() == 10 || s[10] == 'T' || s[10] == ' ')) {
    y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  } else if (digits(0, 2) && s.size() >= 10 && s[2] == '/' && digits(3, 2) && s[5] == '/' &&
             digits(6, 4) && (s.size() == 10 || s[10] == ' ')) {
    d = s.substr(0, 2), m = s.substr(3, 2), y = s.substr(6, 4);
  } else {
    return "";
  }
  const int month = (m[0] - '0') * 10 + (m[1] - '0');
  const int day = (d[0] - '0') * 10 + (d[1] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return "";
  return absl::StrCat(y, "-", m, "-", d);
}

// SimHash of a reply's word pairs, leaving out what changes between copies of a template: names
// (capitalised words inside a sentence), numbers and the signing agent. False when the reply is
// too short to be a template.
bool ReplyFingerprint(std::string_view reply, std::string_view agent, uint64_t* hash) {
  const internal::Text text = internal::Analyze(reply, 16 * 1024);
  std::vector<const std::string*> words;
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    const internal::Token& t = text.tokens[i];
    if (t.Has(internal::kTokenNumber)) continue;
    const bool sentence_start = i == 0 || text.tokens[i - 1].sentence != t.sentence;
    if (t.Has(internal::kTokenCapitalized) && !sentence_start) continue;
    if (!agent.empty() && text.input.substr(t.begin, t.end - t.begin) == agent) continue;
    words.push_back(&t.norm);
  }
  if (words.size() < static_cast<size_t>(kTemplateMinWords)) return false;
  std::array<int, 64> votes{};
  std::string pair;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    pair.assign(*words[i]);
    pair.push_back(' ');
    pair.append(*words[i + 1]);
    const uint64_t h = internal::Fnv1a(pair);
    for (int b = 0; b < 64; ++b) votes[static_cast<size_t>(b)] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[static_cast<size_t>(b)] > 0) out |= uint64_t{1} << b;
  }
  *hash = out;
  return true;
}

struct Group {
  int64_t count = 0;
  int64_t score_sum = 0;
  std::vector<int64_t> bands;
  // Agents only: criterion status counts and violation counts.
  std::vector<std::array<int64_t, 5>> criteria;
  std::vector<int64_t> violations;
};

struct Extreme {
  int score = 0;
  uint64_t line = 0;
  std::string id_json;
  std::string band;
  int rating = 0;
  std::string agent;
  std::string polarity;
  std::string review;
  std::string reply;
  std::vector<std::string> problems;
};

struct Example {
  uint64_t line = 0;
  std::string id_json;
  std::string text;
  std::string message;
};

struct Cluster {
  uint64_t hash = 0;
  int64_t replies = 0;
  int64_t under_negative = 0;
  int64_t score_sum = 0;
  std::vector<uint64_t> lines;
  std::string text;  // set at the second reply: singletons keep no text
};

}  // namespace

struct Insights::State {
  std::shared_ptr<const internal::PackSet> packs;
  const internal::Rubric* rubric = nullptr;
  uint64_t rows = 0;
  int64_t scored = 0;
  int64_t errors = 0;
  std::vector<std::pair<uint64_t, std::string>> error_rows;
  std::array<int64_t, 101> scores{};
  std::vector<int64_t> bands;
  std::vector<std::array<int64_t, 5>> criteria;  // per criterion, per Status
  std::vector<int64_t> violation_replies;        // per rubric entry (violations only)
  std::vector<std::vector<Example>> violation_examples;
  std::array<Group, kPolarities.size()> by_polarity;
  std::array<Group, 6> by_rating;  // 1-5, then none
  std::map<std::string, Group> agents;
  std::map<std::string, Group> days;
  std::vector<Cluster> clusters;
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> cluster_bands;
  std::vector<Extreme> weakest;
  std::vector<Extreme> best;

  Group NewGroup(bool detailed) const {
    Group g;
    g.bands.assign(rubric->bands.size(), 0);
    if (detailed) {
      g.criteria.assign(rubric->criterion_count, {});
      g.violations.assign(rubric->size(), 0);
    }
    return g;
  }
  void AddTemplate(uint64_t line, std::string_view reply, const Report& report);
  void AddExtreme(const Extreme& row, bool weakest);
};

Insights::Insights(const Scorer& scorer) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.packs = scorer.packs_;
  s.rubric = &s.packs->rubric;
  s.bands.assign(s.rubric->bands.size(), 0);
  s.criteria.assign(s.rubric->criterion_count, {});
  s.violation_replies.assign(s.rubric->size(), 0);
  s.violation_examples.resize(s.rubric->size());
  for (Group& g : s.by_polarity) g = s.NewGroup(false);
  for (Group& g : s.by_rating) g = s.NewGroup(false);
}

Insights::Insights(Insights&&) noexcept = default;
Insights& Insights::operator=(Insights&&) noexcept = default;
Insights::~Insights() = default;

uint64_t Insights::rows() const { return state_->rows; }

void Insights::AddError(uint64_t line, std::string_view error) {
  State& s = *state_;
  ++s.rows;
  ++s.errors;
  if (s.error_rows.size() < kMaxErrorRows) {
    s.error_rows.emplace_back(line, internal::SanitizeUtf8(error));
  }
}

void Insights::Add(uint64_t line, const Request& request, const Report& report) {
  State& s = *state_;
  const internal::Rubric& rubric = *s.rubric;
  ++s.rows;
  ++s.scored;
  const int score = std::clamp(report.score, 0, 100);
  ++s.scores[static_cast<size_t>(score)];
  size_t band = 0;
  for (size_t b = 0; b < rubric.bands.size(); ++b) {
    if (rubric.bands[b].name == report.band) band = b;
  }
  ++s.bands[band];
  for (size_t c = 0; c < report.criteria.size() && c < s.criteria.size(); ++c) {
    ++s.criteria[c][static_cast<size_t>(report.criteria[c].status)];
  }
  // Violations: each counted once per reply; examples from the first replies that have one.
  std::vector<bool> seen(rubric.size(), false);
  std::vector<std::string> problems;
  for (const Finding& f : report.findings) {
    const int v = rubric.Index(f.criterion);
    if (v < 0 || !rubric.entries[static_cast<size_t>(v)].violation) continue;
    const size_t vi = static_cast<size_t>(v);
    if (seen[vi]) continue;
    seen[vi] = true;
    problems.push_back(f.criterion);
    ++s.violation_replies[vi];
    if (s.violation_examples[vi].size() < kExamplesPerViolation) {
      Example e;
      e.line = line;
      e.id_json = request.id_json;
      if (f.has_span && f.span.end <= request.reply.size() && f.span.begin <= f.span.end) {
        e.text =
            Excerpt(std::string_view(request.reply).substr(f.span.begin, f.span.end - f.span.begin),
                    kSpanExcerpt);
      }
      e.message = f.message;
      s.violation_examples[vi].push_back(std::move(e));
    }
  }
  const auto add_to = [&](Group& g) {
    ++g.count;
    g.score_sum += score;
    ++g.bands[band];
    if (!g.criteria.empty()) {
      for (size_t c = 0; c < report.criteria.size() && c < g.criteria.size(); ++c) {
        ++g.criteria[c][static_cast<size_t>(report.criteria[c].status)];
      }
      for (size_t v = 0; v < seen.size(); ++v) g.violations[v] += seen[v] ? 1 : 0;
    }
  };
  size_t polarity = kPolarities.size() - 1;  // "none"
  for (size_t p = 0; p + 1 < kPolarities.size(); ++p) {
    if (report.polarity == kPolarities[p]) polarity = p;
  }
  add_to(s.by_polarity[polarity]);
  add_to(s.by_rating[request.rating >= 1 && request.rating <= 5
                         ? static_cast<size_t>(request.rating - 1)
                         : 5]);
  auto agent = s.agents.find(report.agent);
  if (agent == s.agents.end()) agent = s.agents.emplace(report.agent, s.NewGroup(true)).first;
  add_to(agent->second);
  if (std::string day = ParseDay(request.date); !day.empty()) {
    auto it = s.days.find(day);
    if (it == s.days.end()) it = s.days.emplace(std::move(day), s.NewGroup(false)).first;
    add_to(it->second);
  }
  s.AddTemplate(line, request.reply, report);

  const bool weak = s.weakest.size() < kExtremes || score < s.weakest.back().score;
  const bool strong = s.best.size() < kExtremes || score > s.best.back().score;
  if (weak || strong) {
    Extreme row;
    row.score = score;
    row.line = line;
    row.id_json = request.id_json;
    row.band = report.band;
    row.rating = request.rating;
    row.agent = report.agent;
    row.polarity = kPolarities[polarity];
    row.review = Excerpt(request.review, kReviewExcerpt);
    row.reply = Excerpt(request.reply, kReplyExcerpt);
    row.problems = std::move(problems);
    if (weak) s.AddExtreme(row, true);
    if (strong) s.AddExtreme(row, false);
  }
}

void Insights::State::AddExtreme(const Extreme& row, bool lowest) {
  std::vector<Extreme>& list = lowest ? weakest : best;
  // Rows come in line order, so a tie keeps the earlier row ahead.
  auto at = std::find_if(list.begin(), list.end(), [&](const Extreme& e) {
    return lowest ? row.score < e.score : row.score > e.score;
  });
  list.insert(at, row);
  if (list.size() > kExtremes) list.pop_back();
}

void Insights::State::AddTemplate(uint64_t line, std::string_view reply, const Report& report) {
  uint64_t hash = 0;
  if (!ReplyFingerprint(reply, report.agent, &hash)) return;
  const auto band_key = [&](int b) {
    return static_cast<uint32_t>(b) << 16 | static_cast<uint32_t>((hash >> (16 * b)) & 0xFFFF);
  };
  // Pigeonhole: two hashes within 3 bits agree on at least one of the four 16-bit bands.
  int found = -1;
  int best_distance = kTemplateMaxDistance + 1;
  for (int b = 0; b < 4; ++b) {
    auto it = cluster_bands.find(band_key(b));
    if (it == cluster_bands.end()) continue;
    for (uint32_t c : it->second) {
      const int distance = __builtin_popcountll(clusters[c].hash ^ hash);
      if (distance < best_distance || (distance == best_distance && static_cast<int>(c) < found)) {
        best_distance = distance;
        found = static_cast<int>(c);
      }
    }
  }
  if (found < 0) {
    found = static_cast<int>(clusters.size());
    clusters.emplace_back();
    clusters.back().hash = hash;
    for (int b = 0; b < 4; ++b) cluster_bands[band_key(b)].push_back(static_cast<uint32_t>(found));
  }
  Cluster& c = clusters[static_cast<size_t>(found)];
  ++c.replies;
  c.score_sum += std::clamp(report.score, 0, 100);
  if (report.polarity == "negative") ++c.under_negative;
  if (c.lines.size() < kTemplateLines) c.lines.push_back(line);
  if (c.replies == 2) c.text = Excerpt(reply, kTemplateExcerpt);
}

std::string Insights::ToJson() const {
  const State& s = *state_;
  const internal::Rubric& rubric = *s.rubric;
  std::string out;
  out.reserve(16 * 1024);
  absl::StrAppend(&out, "{\"insights_version\":1,\"tact_version\":");
  AppendJsonString(Version(), &out);
  absl::StrAppend(&out, ",\"rows\":", s.rows, ",\"scored\":", s.scored, ",\"errors\":", s.errors,
                  ",\"error_rows\":[");
  for (size_t i = 0; i < s.error_rows.size(); ++i) {
    absl::StrAppend(&out, i ? "," : "", "{\"line\":", s.error_rows[i].first, ",\"error\":");
    AppendJsonString(s.error_rows[i].second, &out);
    out.push_back('}');
  }
  // Score: mean, lower median, histogram by tens (90-100 together).
  int64_t sum = 0;
  for (size_t v = 0; v <= 100; ++v) sum += static_cast<int64_t>(v) * s.scores[v];
  int median = 0;
  {
    int64_t seen = 0;
    const int64_t target = s.scored > 0 ? (s.scored - 1) / 2 : 0;
    for (size_t v = 0; v <= 100; ++v) {
      seen += s.scores[v];
      if (s.scored > 0 && seen > target) {
        median = static_cast<int>(v);
        break;
      }
    }
  }
  out.append("],\"score\":{\"mean\":");
  AppendTenths(sum, s.scored, &out);
  absl::StrAppend(&out, ",\"median\":", median, ",\"histogram\":[");
  for (size_t b = 0; b < 10; ++b) {
    int64_t n = 0;
    for (size_t v = b * 10; v < (b == 9 ? 101 : b * 10 + 10); ++v) n += s.scores[v];
    absl::StrAppend(&out, b ? "," : "", n);
  }
  out.append("]},\"bands\":[");
  for (size_t b = 0; b < rubric.bands.size(); ++b) {
    absl::StrAppend(&out, b ? "," : "", "{\"band\":");
    AppendJsonString(rubric.bands[b].name, &out);
    absl::StrAppend(&out, ",\"count\":", s.bands[b], "}");
  }
  const auto met_rate = [&](const std::array<int64_t, 5>& st) {
    std::string r;
    const int64_t met = st[static_cast<size_t>(Status::kMet)];
    const int64_t partial = st[static_cast<size_t>(Status::kPartial)];
    int64_t total = 0;
    for (size_t k = 0; k < 5; ++k) total += st[k];
    total -= st[static_cast<size_t>(Status::kSkipped)];
    AppendTenths((2 * met + partial) * 50, total, &r);
    return r;
  };
  out.append("],\"criteria\":[");
  for (size_t c = 0; c < rubric.criterion_count; ++c) {
    const std::array<int64_t, 5>& st = s.criteria[c];
    absl::StrAppend(&out, c ? "," : "", "{\"id\":");
    AppendJsonString(rubric.entries[c].id, &out);
    absl::StrAppend(&out, ",\"weight\":", rubric.entries[c].weight);
    for (Status k :
         {Status::kMet, Status::kPartial, Status::kMissing, Status::kViolated, Status::kSkipped}) {
      absl::StrAppend(&out, ",\"", internal::Sv(StatusName(k)), "\":", st[static_cast<size_t>(k)]);
    }
    absl::StrAppend(&out, ",\"met_rate\":", met_rate(st), "}");
  }
  // Violations by how many replies have one, then rubric order.
  std::vector<size_t> order;
  for (size_t v = rubric.criterion_count; v < rubric.size(); ++v) {
    if (s.violation_replies[v] > 0) order.push_back(v);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return s.violation_replies[a] > s.violation_replies[b];
  });
  out.append("],\"violations\":[");
  for (size_t i = 0; i < order.size(); ++i) {
    const size_t v = order[i];
    absl::StrAppend(&out, i ? "," : "", "{\"id\":");
    AppendJsonString(rubric.entries[v].id, &out);
    absl::StrAppend(&out, ",\"replies\":", s.violation_replies[v], ",\"rate\":");
    AppendTenths(s.violation_replies[v] * 100, s.scored, &out);
    out.append(",\"examples\":[");
    for (size_t e = 0; e < s.violation_examples[v].size(); ++e) {
      const Example& ex = s.violation_examples[v][e];
      absl::StrAppend(&out, e ? "," : "", "{\"line\":", ex.line,
                      ",\"id\":", ex.id_json.empty() ? "null" : ex.id_json, ",\"text\":");
      AppendJsonString(ex.text, &out);
      out.append(",\"message\":");
      AppendJsonString(ex.message, &out);
      out.push_back('}');
    }
    out.append("]}");
  }
  const auto group = [&](std::string_view key_name, std::string_view key, const Group& g) {
    out.append("{\"");
    out.append(key_name);
    out.append("\":");
    AppendJsonString(key, &out);
    absl::StrAppend(&out, ",\"count\":", g.count, ",\"mean\":");
    AppendTenths(g.score_sum, g.count, &out);
    out.append(",\"bands\":[");
    for (size_t b = 0; b < g.bands.size(); ++b) absl::StrAppend(&out, b ? "," : "", g.bands[b]);
    out.push_back(']');
    if (!g.criteria.empty()) {
      out.append(",\"criteria\":[");
      for (size_t c = 0; c < g.criteria.size(); ++c) {
        absl::StrAppend(&out, c ? "," : "", met_rate(g.criteria[c]));
      }
      out.append("],\"violations\":[");
      std::vector<size_t> vs;
      for (size_t v = rubric.criterion_count; v < g.violations.size(); ++v) {
        if (g.violations[v] > 0) vs.push_back(v);
      }
      std::stable_sort(vs.begin(), vs.end(),
                       [&](size_t a, size_t b) { return g.violations[a] > g.violations[b]; });
      for (size_t i = 0; i < vs.size(); ++i) {
        absl::StrAppend(&out, i ? "," : "", "{\"id\":");
        AppendJsonString(rubric.entries[vs[i]].id, &out);
        absl::StrAppend(&out, ",\"replies\":", g.violations[vs[i]], "}");
      }
      out.push_back(']');
    }
    out.push_back('}');
  };
  out.append("],\"by_polarity\":[");
  bool first = true;
  for (size_t p = 0; p < kPolarities.size(); ++p) {
    if (s.by_polarity[p].count == 0) continue;
    if (!first) out.push_back(',');
    first = false;
    group("key", kPolarities[p], s.by_polarity[p]);
  }
  out.append("],\"by_rating\":[");
  first = true;
  for (size_t r = 0; r < s.by_rating.size(); ++r) {
    if (s.by_rating[r].count == 0) continue;
    if (!first) out.push_back(',');
    first = false;
    group("key", r < 5 ? std::string_view("12345").substr(r, 1) : "none", s.by_rating[r]);
  }
  // Agents by replies, the unsigned ("") among them.
  std::vector<const std::pair<const std::string, Group>*> agents;
  for (const auto& entry : s.agents) agents.push_back(&entry);
  std::stable_sort(agents.begin(), agents.end(),
                   [](const auto* a, const auto* b) { return a->second.count > b->second.count; });
  out.append("],\"agents\":[");
  for (size_t i = 0; i < agents.size(); ++i) {
    if (i) out.push_back(',');
    group("agent", agents[i]->first, agents[i]->second);
  }
  // Templates: clusters of kTemplateMinReplies or more, by replies, then first line.
  std::vector<const Cluster*> templates;
  for (const Cluster& c : s.clusters) {
    if (c.replies >= kTemplateMinReplies) templates.push_back(&c);
  }
  std::stable_sort(templates.begin(), templates.end(),
                   [](const Cluster* a, const Cluster* b) { return a->replies > b->replies; });
  if (templates.size() > kMaxTemplates) templates.resize(kMaxTemplates);
  out.append("],\"templates\":[");
  for (size_t i = 0; i < templates.size(); ++i) {
    const Cluster& c = *templates[i];
    absl::StrAppend(&out, i ? "," : "", "{\"replies\":", c.replies,
                    ",\"under_negative\":", c.under_negative, ",\"mean\":");
    AppendTenths(c.score_sum, c.replies, &out);
    out.append(",\"text\":");
    AppendJsonString(c.text, &out);
    out.append(",\"lines\":[");
    for (size_t l = 0; l < c.lines.size(); ++l) absl::StrAppend(&out, l ? "," : "", c.lines[l]);
    out.append("]}");
  }
  // Trend: by month, or by day when every date falls in one month.
  const bool one_month =
      !s.days.empty() && s.days.begin()->first.substr(0, 7) == s.days.rbegin()->first.substr(0, 7);
  std::map<std::string, Group> periods;
  for (const auto& [day, g] : s.days) {
    const std::string key = one_month ? day : day.substr(0, 7);
    auto it = periods.find(key);
    if (it == periods.end()) it = periods.emplace(key, s.NewGroup(false)).first;
    it->second.count += g.count;
    it->second.score_sum += g.score_sum;
    for (size_t b = 0; b < g.bands.size(); ++b) it->second.bands[b] += g.bands[b];
  }
  absl::StrAppend(&out, "],\"trend\":{\"unit\":\"", one_month ? "day" : "month",
                  "\",\"periods\":[");
  first = true;
  for (const auto& [period, g] : periods) {
    if (!first) out.push_back(',');
    first = false;
    group("period", period, g);
  }
  out.append("]}");
  for (const auto& [name, list] : {std::pair{"weakest", &s.weakest}, {"best", &s.best}}) {
    absl::StrAppend(&out, ",\"", name, "\":[");
    for (size_t i = 0; i < list->size(); ++i) {
      const Extreme& e = (*list)[i];
      absl::StrAppend(&out, i ? "," : "", "{\"line\":", e.line,
                      ",\"id\":", e.id_json.empty() ? "null" : e.id_json, ",\"score\":", e.score,
                      ",\"band\":");
      AppendJsonString(e.band, &out);
      out.append(",\"rating\":");
      out.append(e.rating > 0 ? absl::StrCat(e.rating) : "null");
      out.append(",\"agent\":");
      AppendJsonString(e.agent, &out);
      out.append(",\"polarity\":");
      AppendJsonString(e.polarity, &out);
      out.append(",\"review\":");
      AppendJsonString(e.review, &out);
      out.append(",\"reply\":");
      AppendJsonString(e.reply, &out);
      out.append(",\"problems\":[");
      for (size_t p = 0; p < e.problems.size(); ++p) {
        if (p) out.push_back(',');
        AppendJsonString(e.problems[p], &out);
      }
      out.append("]}");
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

}  // namespace tact
