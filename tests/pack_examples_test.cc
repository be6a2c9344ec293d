// Every example of every built-in pack: the bracketed span is exactly what the rule reports,
// and nomatch examples do not fire. The wasm build runs the same examples (web/test).
#include <filesystem>
#include <string>

#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "tact/tact.h"
#include "test_util.h"

namespace tact {
namespace {

TEST(PackExamples, EveryBuiltinExamplePasses) {
  absl::StatusOr<Scorer> scorer = Scorer::Builtin();
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  int count = 0;
  for (const ExampleFailure& f : scorer->CheckExamples(&count)) {
    ADD_FAILURE() << f.pack << ": " << f.rule << ": " << f.message;
  }
  // As many as the pack files hold, counted here from the files themselves.
  namespace json = boost::json;
  int in_files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::SourcePath("core/packs"))) {
    if (entry.path().extension() != ".json") continue;
    const json::value pack = json::parse(testing::ReadFile(entry.path().string()));
    const json::value* rules = pack.as_object().if_contains("rules");
    if (rules == nullptr) continue;
    for (const json::value& rule : rules->as_array()) {
      const json::value& examples = rule.at("examples");
      for (const char* key : {"match", "nomatch"}) {
        if (const json::value* list = examples.as_object().if_contains(key)) {
          in_files += static_cast<int>(list->as_array().size());
        }
      }
    }
  }
  EXPECT_GT(in_files, 500);
  EXPECT_EQ(count, in_files);
}

}  // namespace
}  // namespace tact
