#include "check_registry.h"

namespace tact::internal {
namespace {

using P = CheckParamSpec;

constexpr P kLength[] = {{"min_words", P::kNumber, 25}, {"max_words", P::kNumber, 200}};
constexpr P kCapitals[] = {{"min_words", P::kNumber, 3}};
constexpr P kGeneric[] = {{"min_review_words", P::kNumber, 3},
                          {"short_reply_words", P::kNumber, 12},
                          {"min_stock_percent", P::kNumber, 30}};
// A national phone number: this many digits, starting with one of the prefixes.
// A mobile prefix ("06", "07") makes a number a person's.
constexpr P kPhone[] = {{"national_digits", P::kNumber, 0},
                        {"national_prefixes", P::kList, 0},
                        {"personal_prefixes", P::kList, 0}};
// Local parts of the business's own support addresses ("serviceclient.fr@…", "support@…").
// Personal mail providers ("gmail.com", "orange.fr"): an address there is a customer's.
constexpr P kEmail[] = {{"business_mailboxes", P::kList, 0}, {"personal_domains", P::kList, 0}};
// Lower-case words that may sit inside a street name ("rue [des] Lilas").
constexpr P kAddress[] = {{"name_particles", P::kList, 0}};
// Distinct content words a reply shares with the review to count as restating it.
constexpr P kUnderstanding[] = {{"restated_words_met", P::kNumber, 4},
                                {"restated_words_partial", P::kNumber, 2}};
// Word lists of argue.contradiction: a defect there before the customer ("déjà", "already"),
// degree, acknowledging, future and time words that keep a negation from denying (schema.md).
constexpr P kContradiction[] = {{"earlier_words", P::kList, 0},
                                {"degree_words", P::kList, 0},
                                {"acknowledging_words", P::kList, 0},
                                {"future_words", P::kList, 0},
                                {"time_words", P::kList, 0}};
// Tokens after a refusal cue that say what is refused; lexicons of kinds of remedy.
constexpr P kRefusal[] = {{"window", P::kNumber, 8},
                          {"kinds", P::kList, 0},
                          {"verb_after", P::kList, 0},
                          {"noun_kinds", P::kList, 0}};
// Topics that name what went wrong (others also come up as remedies or explanations).
constexpr P kOffTopic[] = {{"incident_topics", P::kList, 0}, {"implied_topics", P::kList, 0}};
// Lexicons of words that report a remedy ("fixed", "réglé"): a glad sentence with one is news.
constexpr P kCheer[] = {{"resolved_lexicons", P::kList, 0}};
constexpr P kWink[] = {{"ironic", P::kList, 0}};
// Lexicons of remedies carried out ("refunded", "remboursé"): under 4-5 stars, a complaint told
// with its remedy ("double prélèvement, mais la directrice a remboursé sous 3 jours") ended well.
constexpr P kPolarity[] = {{"remedy_lexicons", P::kList, 0}};

constexpr CheckSpec kChecks[] = {
    {"greeting", "greeting", CheckSpec::kCriterion, {}},
    {"wrong_name", "wrong_name", CheckSpec::kFindings, {}},
    {"signature", "signature", CheckSpec::kCriterion, {}},
    {"length", "length", CheckSpec::kCriterion, kLength},
    {"length.too_short", "length", CheckSpec::kFindings, {}},
    {"length.too_long", "length", CheckSpec::kFindings, {}},
    {"understanding", "understanding", CheckSpec::kCriterion, kUnderstanding},
    {"polarity", "understanding", CheckSpec::kPolarity, kPolarity},
    {"understanding.unanswered_topic", "understanding", CheckSpec::kFindings, {}},
    {"understanding.off_topic", "understanding", CheckSpec::kFindings, kOffTopic},
    {"private_channel.contact", "private_channel", CheckSpec::kCriterion, {}},
    {"argue.contradiction", "argue", CheckSpec::kFindings, kContradiction},
    {"argue.attack", "argue", CheckSpec::kFindings, {}},
    {"ignores_refusal.offered", "ignores_refusal", CheckSpec::kFindings, kRefusal},
    {"policy_wall.rule", "policy_wall", CheckSpec::kFindings, {}},
    {"mockery.wink", "mockery", CheckSpec::kFindings, kWink},
    {"mockery.cheer", "mockery", CheckSpec::kFindings, kCheer},
    {"mockery.scare_quotes", "mockery", CheckSpec::kFindings, {}},
    {"generic", "generic", CheckSpec::kFindings, kGeneric},
    {"shouting.capitals", "shouting", CheckSpec::kFindings, kCapitals},
    {"shouting.punctuation", "shouting", CheckSpec::kFindings, {}},
    {"pii.phone", "pii", CheckSpec::kFindings, kPhone},
    {"pii.email", "pii", CheckSpec::kFindings, kEmail},
    {"pii.reference", "pii", CheckSpec::kFindings, {}},
    {"pii.card", "pii", CheckSpec::kFindings, {}},
    {"pii.address", "pii", CheckSpec::kFindings, kAddress},
    {"pii.full_name", "pii", CheckSpec::kFindings, {}},
    {"pii.hidden_name", "pii", CheckSpec::kFindings, {}},
    {"pii.health", "pii", CheckSpec::kFindings, {}},
    {"pii.copied", "pii", CheckSpec::kFindings, {}},
};

constexpr std::string_view kEngineLexicons[] = {
    // clang-format off
    "negation", "negation_idioms", "reported_speech", "greetings", "signoffs", "team_words",
    "stock_phrases", "first_names", "stopwords", "channel_intro", "reference_cues",
    "address_words", "health", "health_services", "possessives", "titles", "nicknames", "complaint_cues",
    "praise_cues", "business_words", "customer_contact_cues", "addressees", "clause_breaks",
    "contrast", "assertion_cues", "assertion_details", "assertion_skips", "agreement",
    "owned_fault", "refusal_cues", "offer_cues", "rule_sources", "restriction_cues",
    "way_out_cues", "wink_emoji", "help_requests", "phone_words", "topic_idioms", "cheer_cues",
    "problem_nouns", "animals", "hedges", "shrugs", "closing_thanks", "thanks_requests",
    "case_reference_cues", "otherwise_cues", "get_well_wishes", "take_backs",
    // clang-format on
};

}  // namespace

std::span<const CheckSpec> RegisteredChecks() { return kChecks; }

std::span<const std::string_view> EngineLexicons() { return kEngineLexicons; }

const CheckSpec* FindCheck(std::string_view name) {
  for (const CheckSpec& c : kChecks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace tact::internal
