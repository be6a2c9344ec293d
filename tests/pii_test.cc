// PII scanner through the public API: which details are leaks, and which are the business's own.
#include <string>
#include <utility>
#include <vector>

#include "checks.h"
#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

using Hits = std::vector<std::pair<std::string, std::string>>;  // rule, covered text

Hits Pii(std::string_view review, const std::string& reply, std::string_view lang,
         std::string_view author = "", std::vector<std::string_view> business = {}) {
  static const Scorer scorer = *Scorer::Builtin();
  ScoreOptions options;
  options.lang = lang;
  options.author = author;
  options.business = std::move(business);
  Hits hits;
  const Report report = scorer.Score(review, reply, options).value();
  for (const Finding& f : report.findings) {
    if (f.criterion != "pii") continue;
    // A hidden first name is a warning (spec §2b); every other leak is a problem.
    EXPECT_EQ(f.severity,
              f.rule.ends_with(".pii.hidden_name") ? Severity::kWarning : Severity::kProblem);
    hits.emplace_back(f.rule, reply.substr(f.span.begin, f.span.end - f.span.begin));
  }
  return hits;
}

TEST(Pii, PhoneNumbers) {
  EXPECT_EQ(Pii("", "Nous vous rappelons au 06 12 34 56 78 demain.", "fr"),
            (Hits{{"fr.pii.phone", "06 12 34 56 78"}}));
  EXPECT_EQ(Pii("", "Je note le +33 6 12 34 56 78.", "fr"),
            (Hits{{"fr.pii.phone", "+33 6 12 34 56 78"}}));
  EXPECT_EQ(Pii("", "We will call (415) 555-0132 today.", "en"),
            (Hits{{"en.pii.phone", "(415) 555-0132"}}));
  EXPECT_EQ(Pii("", "We will call 415-555-0132 today.", "en"),
            (Hits{{"en.pii.phone", "415-555-0132"}}));
}

TEST(Pii, BusinessContactsAreNotLeaks) {
  EXPECT_EQ(Pii("", "Contactez-nous au 01 23 45 67 89, nous répondons vite.", "fr"), Hits{});
  EXPECT_EQ(Pii("", "Please call us at 0800 123 456 anytime.", "en"), Hits{});
  EXPECT_EQ(Pii("", "Écrivez-nous à aide@boutique.fr.", "fr"), Hits{});
  EXPECT_EQ(Pii("", "Le support (support@boutique.fr ou 01 23 45 67 89) vous répondra.", "fr", "",
                {"boutique.fr", "01 23 45 67 89"}),
            Hits{});
  // The same number, not the business's, is a leak.
  EXPECT_EQ(Pii("", "Le support vous rappelle au 01 99 45 67 89.", "fr", "", {"01 23 45 67 89"}),
            (Hits{{"fr.pii.phone", "01 99 45 67 89"}}));
}

TEST(Pii, Emails) {
  EXPECT_EQ(Pii("", "Nous avons écrit à sophie.martin@gmail.com hier.", "fr"),
            (Hits{{"fr.pii.email", "sophie.martin@gmail.com"}}));
  EXPECT_EQ(Pii("", "Send it to @AmazonHelp or a DM.", "en"), Hits{});  // a handle
}

TEST(Pii, References) {
  EXPECT_EQ(Pii("", "Votre commande n°20210617-4412 est partie.", "fr"),
            (Hits{{"fr.pii.reference", "20210617-4412"}}));
  EXPECT_EQ(Pii("", "Regarding booking ABX123, we are sorry.", "en"),
            (Hits{{"en.pii.reference", "ABX123"}}));
  EXPECT_EQ(Pii("", "Your order 88213 has shipped.", "en"), (Hits{{"en.pii.reference", "88213"}}));
  // Times, prices, dates and short numbers are not references.
  EXPECT_EQ(Pii("", "Sous 48h, un avoir de 15 € le 17/06/21 pour 2 articles.", "fr"), Hits{});
}

TEST(Pii, CardNumbersNeedLuhn) {
  EXPECT_TRUE(internal::LuhnValid("4970 1012 3456 7899") ==
              internal::LuhnValid("4970101234567899"));
  EXPECT_TRUE(internal::LuhnValid("4539 1488 0343 6467"));
  EXPECT_FALSE(internal::LuhnValid("4539 1488 0343 6468"));
  EXPECT_EQ(Pii("", "The card 4539 1488 0343 6467 was charged.", "en"),
            (Hits{{"en.pii.card", "4539 1488 0343 6467"}}));
}

// The display name is public; a leak is a name it hides (spec §2b).
TEST(Pii, NamesFollowTheDisplayName) {
  EXPECT_EQ(Pii("", "Bonjour Mme Sophie Martin, désolés.", "fr", "Sophie Martin"), Hits{});
  EXPECT_EQ(Pii("", "Bonjour Sophie, désolés.", "fr", "Sophie Martin"), Hits{});
  EXPECT_EQ(Pii("", "Bonjour Jean-Claude, désolés.", "fr", "Jean-Claude"), Hits{});
  EXPECT_EQ(Pii("", "Bonjour Marie Noëlle, désolés.", "fr", "Marie Noëlle MORALI"), Hits{});
  EXPECT_EQ(Pii("", "Dear Mr van Houten, we are sorry.", "en", "Mr van Houten"), Hits{});
  EXPECT_EQ(Pii("", "Bonjour Monsieur DURANDEAU, désolés.", "fr", "Bernard DURANDEAU"), Hits{});
  // The initial says "Martin" is her surname, which the display name did not show.
  EXPECT_EQ(Pii("", "Bonjour Sophie Martin, désolés.", "fr", "Sophie M."),
            (Hits{{"fr.pii.full_name", "Sophie Martin"}}));
  // A pseudonym answered by a real name.
  EXPECT_EQ(Pii("", "Bonjour Nathalie, désolés.", "fr", "diabolo"),
            (Hits{{"fr.pii.hidden_name", "Nathalie"}}));
  EXPECT_EQ(Pii("", "Bonjour Nathalie Dupont, désolés.", "fr", "diabolo"),
            (Hits{{"fr.pii.full_name", "Nathalie Dupont"}}));
  EXPECT_EQ(Pii("", "Hi Sarah, we're sorry.", "en", "Customer"),
            (Hits{{"en.pii.hidden_name", "Sarah"}}));
}

TEST(Pii, HealthAboutTheCustomer) {
  EXPECT_EQ(Pii("", "Étant donné votre grossesse, nous livrons chez vous.", "fr"),
            (Hits{{"fr.pii.health", "grossesse"}}));
  EXPECT_EQ(
      Pii("My son had an allergic reaction.", "Sorry your son had an allergic reaction.", "en"),
      (Hits{{"en.pii.health", "allergic reaction"}}));
  // A general statement is not about the customer.
  EXPECT_EQ(Pii("", "Our menu lists every allergy clearly.", "en"), Hits{});
}

TEST(Pii, PostalAddress) {
  EXPECT_EQ(Pii("", "Le colis ira au 12 rue des Lilas demain.", "fr"),
            (Hits{{"fr.pii.address", "12 rue des Lilas"}}));
}

TEST(Pii, CopiedFromReviewIsSaid) {
  static const Scorer scorer = *Scorer::Builtin();
  ScoreOptions o;
  o.lang = "fr";
  const Report r = scorer
                       .Score("Ma commande 20210617-4412 n'est pas arrivée.",
                              "Votre commande 20210617-4412 est en route.", o)
                       .value();
  ASSERT_EQ(r.findings.size() >= 1, true);
  bool copied = false;
  for (const Finding& f : r.findings) {
    if (f.rule == "fr.pii.reference")
      copied = f.message.find("avis du client") != std::string::npos;
  }
  EXPECT_TRUE(copied);
  EXPECT_LE(r.score, 40);
}

}  // namespace
}  // namespace tact
