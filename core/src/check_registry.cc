#include "check_registry.h"

namespace tact::internal {
namespace {

using P = CheckParamSpec;

constexpr P kLength[] = {{"min_words", P::kNumber, 25}, {"max_words", P::kNumber, 200}};
constexpr P kCapitals[] = {{"min_words", P::kNumber, 3}};
constexpr P kGeneric[] = {{"short_reply_words", P::kNumber, 12},
                          {"min_stock_percent", P::kNumber, 30}};
// A national phone number: this many digits, starting with one of the prefixes.
constexpr P kPhone[] = {{"national_digits", P::kNumber, 0}, {"national_prefixes", P::kList, 0}};
// Local parts of the business's own support addresses ("serviceclient.fr@…", "support@…").
constexpr P kEmail[] = {{"business_mailboxes", P::kList, 0}};
// Lower-case words that may sit inside a street name ("rue [des] Lilas").
constexpr P kAddress[] = {{"name_particles", P::kList, 0}};
// Topics that name what went wrong (others also come up as remedies or explanations).
constexpr P kOffTopic[] = {{"incident_topics", P::kList, 0}};

constexpr CheckSpec kChecks[] = {
    {"greeting", "greeting", false, {}},
    {"wrong_name", "wrong_name", true, {}},
    {"signature", "signature", false, {}},
    {"length", "length", false, kLength},
    {"length.too_short", "length", true, {}},
    {"length.too_long", "length", true, {}},
    {"understanding", "understanding", false, {}},
    {"understanding.unanswered_topic", "understanding", true, {}},
    {"understanding.off_topic", "understanding", true, kOffTopic},
    {"generic", "generic", true, kGeneric},
    {"shouting.capitals", "shouting", true, kCapitals},
    {"shouting.punctuation", "shouting", true, {}},
    {"pii.phone", "pii", true, kPhone},
    {"pii.email", "pii", true, kEmail},
    {"pii.reference", "pii", true, {}},
    {"pii.card", "pii", true, {}},
    {"pii.address", "pii", true, kAddress},
    {"pii.full_name", "pii", true, {}},
    {"pii.hidden_name", "pii", true, {}},
    {"pii.health", "pii", true, {}},
    {"pii.copied", "pii", true, {}},
};

constexpr std::string_view kEngineLexicons[] = {
    "negation",  "negation_idioms", "reported_speech", "greetings",
    "signoffs",  "team_words",      "stock_phrases",   "first_names",
    "stopwords", "channel_intro",   "reference_cues",  "address_words",
    "health",    "possessives",     "titles",          "nicknames"};

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
