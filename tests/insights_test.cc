// Insights over hand-made reports: every expected number below is worked out by hand from the
// rows, not by the code under test.
#include <cstdio>
#include <string>
#include <vector>

#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

namespace json = boost::json;

const Scorer& Builtin() {
  static const Scorer* scorer = new Scorer(*Scorer::Builtin());
  return *scorer;
}

constexpr const char* kCriteria[] = {"thanks",          "apology",  "understanding", "solution",
                                     "private_channel", "greeting", "signature",     "length"};

struct Row {
  int score = 0;
  std::string band;
  std::string polarity;
  std::string agent;
  std::vector<Status> statuses;  // thanks, apology, ...; the rest missing
};

using Violations = std::vector<std::pair<std::string, std::string>>;  // id, spanned reply text

// A report as the scorer would give it for `row`, over `request.reply`.
Report MakeReport(const Row& row, const Request& request, const Violations& violations = {}) {
  Report r;
  r.score = row.score;
  r.band = row.band;
  r.lang = "fr";
  r.polarity = row.polarity;
  r.agent = row.agent;
  for (size_t i = 0; i < std::size(kCriteria); ++i) {
    r.criteria.push_back(
        {kCriteria[i], 0, i < row.statuses.size() ? row.statuses[i] : Status::kMissing});
  }
  for (const auto& [id, text] : violations) {
    Finding f;
    f.rule = "fr." + id + ".x";
    f.criterion = id;
    f.severity = Severity::kProblem;
    const size_t at = request.reply.find(text);
    if (at != std::string::npos) {
      f.has_span = true;
      f.span.begin = static_cast<uint32_t>(at);
      f.span.end = static_cast<uint32_t>(at + text.size());
    }
    f.message = "message " + id;
    r.findings.push_back(f);
  }
  // A hint (a missing criterion) is not a violation.
  Finding hint;
  hint.criterion = "solution";
  hint.message = "add a next step";
  r.findings.push_back(hint);
  return r;
}

json::object Parse(const Insights& insights) {
  const std::string text = insights.ToJson();
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return v.is_object() ? v.as_object() : json::object();
}

// Compact JSON with every non-integer number written with one decimal, as Insights writes them
// (Boost.JSON would write 51.7 as 5.17E1).
std::string Str(const json::value& v) {
  if (const double* d = v.if_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *d);
    return buf;
  }
  if (const json::array* a = v.if_array()) {
    std::string out = "[";
    for (size_t i = 0; i < a->size(); ++i) out += (i ? "," : "") + Str((*a)[i]);
    return out + "]";
  }
  if (const json::object* o = v.if_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : *o) {
      out += (first ? "" : ",") + json::serialize(json::string(key)) + ":" + Str(value);
      first = false;
    }
    return out + "}";
  }
  return json::serialize(v);
}

TEST(InsightsTest, AggregatesScoresCriteriaViolationsAndGroups) {
  Insights insights(Builtin());
  Request a;
  a.id_json = "\"r1\"";
  a.reply = "Bonjour, vous auriez dû lire la description. Léa";
  a.review = "Nul";
  a.rating = 1;
  a.date = "2025-03-01";
  insights.Add(2, a,
               MakeReport({10, "rework", "negative", "Léa", {Status::kMet, Status::kMissing}}, a,
                          {{"argue", "vous auriez dû lire"}, {"blame", "la description"}}));
  Request b;
  b.reply = "Merci beaucoup !";
  b.rating = 5;
  b.date = "15/04/2025";
  insights.Add(3, b,
               MakeReport({55, "fair", "positive", "", {Status::kPartial, Status::kSkipped}}, b));
  Request c;
  c.reply = "Merci, nous sommes désolés. Léa";
  insights.Add(4, c, MakeReport({90, "excellent", "", "Léa", {Status::kMet, Status::kMet}}, c));
  insights.AddError(5, "row has 2 fields, the header has 3");

  const json::object o = Parse(insights);
  // Numbers as they are written (the parsed checks below reformat them).
  EXPECT_NE(insights.ToJson().find(R"("score":{"mean":51.7,"median":55,)"), std::string::npos);
  EXPECT_NE(insights.ToJson().find(R"("met_rate":83.3})"), std::string::npos);
  EXPECT_EQ(Str(o.at("insights_version")), "1");
  EXPECT_EQ(Str(o.at("rows")), "4");
  EXPECT_EQ(Str(o.at("scored")), "3");
  EXPECT_EQ(Str(o.at("errors")), "1");
  EXPECT_EQ(Str(o.at("error_rows")),
            R"([{"line":5,"error":"row has 2 fields, the header has 3"}])");
  EXPECT_EQ(Str(o.at("score")), R"({"mean":51.7,"median":55,"histogram":[0,1,0,0,0,1,0,0,0,1]})");
  EXPECT_EQ(Str(o.at("bands")), R"([{"band":"rework","count":1},{"band":"fair","count":1},)"
                                R"({"band":"good","count":0},{"band":"excellent","count":1}])");
  const json::array& criteria = o.at("criteria").as_array();
  ASSERT_EQ(criteria.size(), 8u);
  EXPECT_EQ(Str(criteria[0]), R"({"id":"thanks","weight":10,"met":2,"partial":1,"missing":0,)"
                              R"("violated":0,"skipped":0,"met_rate":83.3})");
  EXPECT_EQ(Str(criteria[1].at("met_rate")), "50.0");  // met, missing; skipped left out
  EXPECT_EQ(Str(criteria[3].at("met_rate")), "0.0");
  // Both violations in one reply: by count, then rubric order (argue before blame).
  EXPECT_EQ(Str(o.at("violations")),
            R"([{"id":"argue","replies":1,"rate":33.3,"examples":[{"line":2,"id":"r1",)"
            R"("text":"vous auriez dû lire","message":"message argue"}]},)"
            R"({"id":"blame","replies":1,"rate":33.3,"examples":[{"line":2,"id":"r1",)"
            R"("text":"la description","message":"message blame"}]}])");
  EXPECT_EQ(Str(o.at("by_polarity")),
            R"([{"key":"negative","count":1,"mean":10.0,"bands":[1,0,0,0]},)"
            R"({"key":"positive","count":1,"mean":55.0,"bands":[0,1,0,0]},)"
            R"({"key":"none","count":1,"mean":90.0,"bands":[0,0,0,1]}])");
  EXPECT_EQ(Str(o.at("by_rating")), R"([{"key":"1","count":1,"mean":10.0,"bands":[1,0,0,0]},)"
                                    R"({"key":"5","count":1,"mean":55.0,"bands":[0,1,0,0]},)"
                                    R"({"key":"none","count":1,"mean":90.0,"bands":[0,0,0,1]}])");
  const json::array& agents = o.at("agents").as_array();
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(Str(agents[0].at("agent")), "\"Léa\"");
  EXPECT_EQ(Str(agents[0].at("count")), "2");
  EXPECT_EQ(Str(agents[0].at("mean")), "50.0");
  EXPECT_EQ(Str(agents[0].at("criteria")), "[100.0,50.0,0.0,0.0,0.0,0.0,0.0,0.0]");
  EXPECT_EQ(Str(agents[0].at("violations")),
            R"([{"id":"argue","replies":1},{"id":"blame","replies":1}])");
  EXPECT_EQ(Str(agents[1].at("agent")), "\"\"");
  EXPECT_EQ(Str(agents[1].at("criteria")), "[50.0,null,0.0,0.0,0.0,0.0,0.0,0.0]");
  EXPECT_EQ(Str(o.at("trend")),
            R"({"unit":"month","periods":[{"period":"2025-03","count":1,"mean":10.0,)"
            R"("bands":[1,0,0,0]},{"period":"2025-04","count":1,"mean":55.0,"bands":[0,1,0,0]}]})");
  const json::array& weakest = o.at("weakest").as_array();
  ASSERT_EQ(weakest.size(), 3u);
  EXPECT_EQ(Str(weakest[0]),
            R"({"line":2,"id":"r1","score":10,"band":"rework","rating":1,"agent":"Léa",)"
            R"("polarity":"negative","review":"Nul","reply":"Bonjour, vous auriez dû lire la )"
            R"(description. Léa","problems":["argue","blame"]})");
  EXPECT_EQ(Str(weakest[1].at("line")), "3");
  EXPECT_EQ(Str(weakest[2].at("line")), "4");
  EXPECT_EQ(Str(weakest[2].at("rating")), "null");
  EXPECT_EQ(Str(weakest[2].at("polarity")), "\"none\"");
  const json::array& best = o.at("best").as_array();
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(Str(best[0].at("line")), "4");
  EXPECT_EQ(Str(best[2].at("line")), "2");
  EXPECT_EQ(Str(o.at("templates")), "[]");
  EXPECT_EQ(insights.ToJson(), insights.ToJson());
}

TEST(InsightsTest, FindsTemplatesPastNamesNumbersAndTheSigningAgent) {
  Insights insights(Builtin());
  const std::vector<std::pair<std::string, std::string>> replies = {
      // name, agent: the same stock reply to different people, signed by different agents
      {"Martine", "Valisoa"},
      {"Paul", "Arimbola"},
      {"Zoé", "Valisoa"},
      {"Jean-Marc", "Kanto"}};
  uint64_t line = 1;
  int negative = 0;
  for (const auto& [name, agent] : replies) {
    Request q;
    q.reply = "Bonjour " + name +
              ", merci pour votre évaluation, nous comprenons votre point de vue et nous "
              "travaillons constamment pour améliorer notre service (commande " +
              std::to_string(1000 + line) + "). À bientôt ! " + agent;
    const bool neg = line % 2 == 1;
    negative += neg ? 1 : 0;
    insights.Add(++line, q,
                 MakeReport({40, "rework", neg ? "negative" : "positive", agent, {}}, q));
  }
  // Short stock replies are not templates; a different long reply is not one either.
  for (int i = 0; i < 5; ++i) {
    Request q;
    q.reply = "Merci beaucoup !";
    insights.Add(++line, q, MakeReport({30, "rework", "positive", "", {}}, q));
  }
  Request other;
  other.reply =
      "Bonjour Paul, votre colis est reparti ce matin avec un suivi, et je vous rembourse les "
      "frais de port. Léa";
  insights.Add(++line, other, MakeReport({95, "excellent", "negative", "Léa", {}}, other));

  const json::object o = Parse(insights);
  const json::array& templates = o.at("templates").as_array();
  ASSERT_EQ(templates.size(), 1u) << Str(o.at("templates"));
  EXPECT_EQ(Str(templates[0].at("replies")), "4");
  EXPECT_EQ(Str(templates[0].at("under_negative")), std::to_string(negative));
  EXPECT_EQ(Str(templates[0].at("mean")), "40.0");
  EXPECT_EQ(Str(templates[0].at("lines")), "[2,3,4,5]");
  // The text of the second reply of the cluster (the first is kept by no one).
  EXPECT_EQ(templates[0].at("text").as_string().subview().substr(0, 14), "Bonjour Paul, ");
}

TEST(InsightsTest, TrendsByDayWithinOneMonthAndIgnoresWhatIsNoDate) {
  Insights insights(Builtin());
  const char* dates[] = {"2025-03-01",      "2025-03-01T10:00:00Z", "02/03/2025",
                         "yesterday",       "2025-13-01",           "",
                         "2025-03-02 08:15"};
  uint64_t line = 1;
  for (const char* date : dates) {
    Request q;
    q.reply = "Merci";
    q.date = date;
    insights.Add(++line, q, MakeReport({60, "fair", "positive", "", {}}, q));
  }
  const json::object o = Parse(insights);
  EXPECT_EQ(Str(o.at("trend")),
            R"({"unit":"day","periods":[{"period":"2025-03-01","count":2,"mean":60.0,)"
            R"("bands":[0,2,0,0]},{"period":"2025-03-02","count":2,"mean":60.0,)"
            R"("bands":[0,2,0,0]}]})");
}

TEST(InsightsTest, KeepsTheTenWeakestAndBestWithTiesInLineOrder) {
  Insights insights(Builtin());
  for (uint64_t line = 1; line <= 14; ++line) {
    Request q;
    q.reply = std::string(250, 'a') + "\xC3\xA9";           // 251 characters: under 300, kept whole
    q.review = std::string(199, 'b') + "\xC3\xA9\xC3\xA9";  // 201 characters: cut at 200
    const int score = line == 7 ? 5 : line == 9 ? 99 : 50;
    insights.Add(line, q, MakeReport({score, "fair", "mixed", "", {}}, q));
  }
  const json::object o = Parse(insights);
  std::string weakest;
  for (const json::value& v : o.at("weakest").as_array()) weakest += Str(v.at("line")) + " ";
  EXPECT_EQ(weakest, "7 1 2 3 4 5 6 8 10 11 ");
  std::string best;
  for (const json::value& v : o.at("best").as_array()) best += Str(v.at("line")) + " ";
  EXPECT_EQ(best, "9 1 2 3 4 5 6 8 10 11 ");
  const json::object& first = o.at("weakest").as_array()[0].as_object();
  EXPECT_EQ(first.at("review").as_string(), std::string(199, 'b') + "\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(first.at("reply").as_string(), std::string(250, 'a') + "\xC3\xA9");
}

TEST(InsightsTest, AnEmptyInputGivesZeroesNotNonsense) {
  Insights insights(Builtin());
  const json::object o = Parse(insights);
  EXPECT_EQ(Str(o.at("rows")), "0");
  EXPECT_EQ(Str(o.at("score")), R"({"mean":null,"median":0,"histogram":[0,0,0,0,0,0,0,0,0,0]})");
  EXPECT_EQ(Str(o.at("criteria").as_array()[0].at("met_rate")), "null");
  EXPECT_EQ(Str(o.at("agents")), "[]");
  EXPECT_EQ(Str(o.at("trend")), R"({"unit":"month","periods":[]})");
}

}  // namespace
}  // namespace tact
