// Real flawed replies from the shared French corpus (issue 4, "Evidence"), each caught by the
// fitting rule. The corpus is read from TACT_CORPUS_DIR (../shared/corpus next to the
// repository), never copied into the repository; the tests skip when it is absent.
//
// The corpus has no `author` field, so every row is scored without one. Expected spans are
// literal excerpts of the corpus replies, written here by hand.
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

namespace json = boost::json;

constexpr char kFrCorpus[] = "fr_showroomprive_trustpilot.jsonl";

struct Row {
  std::string id;
  std::string review;
  std::string reply;
  int rating = 0;
};

std::string CorpusPath(std::string_view file) {
  return std::string(TACT_CORPUS_DIR) + "/" + std::string(file);
}

std::string JsonString(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return "";
  return std::string(v->get_string().data(), v->get_string().size());
}

// The row of the French corpus whose id is "fr-showroomprive-<suffix>".
std::optional<Row> FindRow(std::string_view suffix) {
  std::ifstream in(CorpusPath(kFrCorpus), std::ios::binary);
  const std::string want = "fr-showroomprive-" + std::string(suffix);
  std::string line;
  while (std::getline(in, line)) {
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) continue;
    const json::object& o = v.get_object();
    if (JsonString(o, "id") != want) continue;
    Row row{want, JsonString(o, "review"), JsonString(o, "reply")};
    if (const json::value* r = o.if_contains("rating"); r != nullptr && r->is_int64()) {
      row.rating = static_cast<int>(r->get_int64());
    }
    return row;
  }
  return std::nullopt;
}

class FrCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(CorpusPath(kFrCorpus))) {
      GTEST_SKIP() << "shared corpus not found at " << CorpusPath(kFrCorpus)
                   << " (it lives next to the repository, in ../shared/corpus)";
    }
  }

  // Scores the row as the corpus gives it: French, no author, its rating.
  Report ScoreRow(std::string_view suffix) {
    std::optional<Row> found = FindRow(suffix);
    EXPECT_TRUE(found.has_value()) << "row -" << suffix << " is not in the corpus";
    if (!found.has_value()) return Report{};
    row_ = *found;
    static const absl::StatusOr<Scorer> scorer = Scorer::Builtin();
    EXPECT_TRUE(scorer.ok()) << scorer.status();
    if (!scorer.ok()) return Report{};
    ScoreOptions options;
    options.lang = "fr";
    options.rating = row_.rating;
    Report report = scorer->Score(row_.review, row_.reply, options).value();
    trace_ = ToJson(report);
    return report;
  }

  std::string SpanText(const Finding& f) const {
    const std::string& text = row_.reply;
    if (!f.has_span || f.span.end > text.size() || f.span.begin > f.span.end) return "";
    return text.substr(f.span.begin, f.span.end - f.span.begin);
  }

  // A reply finding of `criterion` whose span contains `excerpt`.
  bool HasFinding(const Report& report, std::string_view criterion,
                  std::string_view excerpt) const {
    for (const Finding& f : report.findings) {
      if (f.criterion == criterion && f.has_span &&
          SpanText(f).find(excerpt) != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  static std::string StatusOf(const Report& report, std::string_view criterion) {
    for (const CriterionResult& c : report.criteria) {
      if (c.id == criterion) return std::string(StatusName(c.status));
    }
    return "absent";
  }

  // The stock-reply hint, spanning the whole reply (leading and trailing spaces aside).
  bool HasGenericOnWholeReply(const Report& report) const {
    const size_t first = row_.reply.find_first_not_of(" \t\r\n");
    const size_t last = row_.reply.find_last_not_of(" \t\r\n");
    for (const Finding& f : report.findings) {
      if (f.rule == "fr.generic.stock_reply" && f.criterion == "generic" &&
          f.severity == Severity::kHint && f.has_span && f.span.begin <= first &&
          f.span.end > last) {
        return true;
      }
    }
    return false;
  }

  Row row_;
  std::string trace_;
};

TEST_F(FrCorpusTest, Row0071ConditionalApologyAndCounterfeitDenial) {
  const Report report = ScoreRow("0071");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "conditional_apology", "navrés que vous ayez ce sentiment"));
  // Feelings-framed (spec v2 §2c): a warning, apology partial rather than violated.
  EXPECT_EQ(StatusOf(report, "apology"), "partial");
  EXPECT_TRUE(HasFinding(report, "argue", "nous vous assurons que tous les produits"));
}

TEST_F(FrCorpusTest, Row0146ConditionalApologyAndCounterfeitDenial) {
  const Report report = ScoreRow("0146");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "conditional_apology", "navré que vous ayez ce sentiment"));
  // Feelings-framed (spec v2 §2c): a warning, apology partial rather than violated.
  EXPECT_EQ(StatusOf(report, "apology"), "partial");
  EXPECT_TRUE(HasFinding(report, "argue", "nous vous assurons que tous les produits"));
}

TEST_F(FrCorpusTest, Row0119ReturnFeesPolicyWall) {
  const Report report = ScoreRow("0119");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "policy_wall", "frais de retour sont à votre charge"));
}

TEST_F(FrCorpusTest, Row0121TermsOfSalePolicyWallAndNoWayForward) {
  const Report report = ScoreRow("0121");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "policy_wall", "Selon nos conditions"));
  EXPECT_EQ(StatusOf(report, "solution"), "missing");
}

TEST_F(FrCorpusTest, Row0143ContradictsTheCustomer) {
  const Report report = ScoreRow("0143");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "argue", "je vous confirme qu'un appel"));
}

TEST_F(FrCorpusTest, Row0169OffTopicReplyAndIgnoredRefusal) {
  const Report report = ScoreRow("0169");
  SCOPED_TRACE(trace_);
  EXPECT_EQ(StatusOf(report, "understanding"), "missing");
  // The reply speaks of "robes défectueuses", which the review never mentions.
  constexpr std::string_view kOffTopic = "robes défectueuses";
  bool off_topic = false;
  for (const Finding& f : report.findings) {
    const std::string span = SpanText(f);
    if (f.rule.starts_with("fr.understanding.off_topic_") && f.criterion == "understanding" &&
        f.severity == Severity::kHint && !span.empty() &&
        kOffTopic.find(span) != std::string_view::npos) {
      off_topic = true;
    }
  }
  EXPECT_TRUE(off_topic) << "no off-topic finding inside '" << kOffTopic << "'";
  // The review refuses to give the order number; the reply asks for it.
  EXPECT_TRUE(report.review_refusal);
  EXPECT_TRUE(HasFinding(report, "ignores_refusal", "numéro de commande"));
}

TEST_F(FrCorpusTest, Row0196StockReplyToTemplateComplaint) {
  const Report report = ScoreRow("0196");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasGenericOnWholeReply(report));
  EXPECT_EQ(StatusOf(report, "understanding"), "missing");
}

TEST_F(FrCorpusTest, Row0138StockReplyToSpecificComplaint) {
  const Report report = ScoreRow("0138");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasGenericOnWholeReply(report));
  EXPECT_EQ(StatusOf(report, "understanding"), "missing");
}

TEST_F(FrCorpusTest, Row0209BlamesTheCustomerAndRefuses) {
  const Report report = ScoreRow("0209");
  SCOPED_TRACE(trace_);
  EXPECT_TRUE(HasFinding(report, "blame", "pas eu de réponse de votre part"));
  EXPECT_EQ(StatusOf(report, "solution"), "missing");
}

TEST_F(FrCorpusTest, Row0298FiveStarSizeComplaintGetsThanksOnly) {
  const Report report = ScoreRow("0298");
  SCOPED_TRACE(trace_);
  EXPECT_EQ(StatusOf(report, "understanding"), "missing");
  bool size_fit = false;
  for (const std::string& topic : report.review_topics) size_fit |= topic == "size_fit";
  EXPECT_TRUE(size_fit) << "'Taille petit.' should raise the size_fit topic";
}

}  // namespace
}  // namespace tact
