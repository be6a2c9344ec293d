// Every example of every built-in pack: the bracketed span is exactly what the rule reports,
// and nomatch examples do not fire. The wasm build runs the same examples (web/test).
#include <string>

#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

TEST(PackExamples, EveryBuiltinExamplePasses) {
  absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  int count = 0;
  for (const ExampleFailure& f : scorer->CheckExamples(&count)) {
    ADD_FAILURE() << f.pack << ": " << f.rule << ": " << f.message;
  }
  EXPECT_GT(count, 50);
}

}  // namespace
}  // namespace tact
