// core/packs/schema.md documents what the loader and the engine accept: every file kind, every
// registered check and its parameters, and every lexicon the engine looks up by name.
#include <filesystem>
#include <set>
#include <string>

#include "check_registry.h"
#include "gtest/gtest.h"
#include "pack_loader.h"
#include "test_util.h"

namespace tact {
namespace {

using testing::ReadFile;
using testing::SourcePath;

const std::string& Schema() {
  static const std::string schema = ReadFile(SourcePath("core/packs/schema.md"));
  return schema;
}

bool Documented(std::string_view name) {
  std::string quoted = "`";  // appended piecewise: g++ 12 warns (-Wrestrict) on "`" + s + "`"
  quoted.append(name);
  quoted.push_back('`');
  return Schema().find(quoted) != std::string::npos;
}

TEST(SchemaDoc, ListsEveryFileKind) {
  ASSERT_FALSE(Schema().empty());
  for (std::string_view kind : internal::PackKinds()) EXPECT_TRUE(Documented(kind)) << kind;
  for (std::string_view kind : {"phrase", "sequence", "refusal", "check"}) {
    EXPECT_TRUE(Documented(kind)) << kind;
  }
}

TEST(SchemaDoc, ListsEveryCheckAndParameter) {
  for (const internal::CheckSpec& c : internal::RegisteredChecks()) {
    EXPECT_TRUE(Documented(c.name)) << c.name;
    for (const internal::CheckParamSpec& p : c.params) EXPECT_TRUE(Documented(p.name)) << p.name;
  }
}

TEST(SchemaDoc, ListsEveryLexiconTheEngineLooksUp) {
  const std::set<std::string_view> registered(internal::EngineLexicons().begin(),
                                              internal::EngineLexicons().end());
  for (std::string_view name : registered) EXPECT_TRUE(Documented(name)) << name;
  // Every name the sources look up is registered (so documented). A plain scan for
  // Lexicon("x") and Word("x"): std::regex trips g++ 12's -Wmaybe-uninitialized under ASan.
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("core/src"))) {
    const std::string src = ReadFile(entry.path().string());
    for (std::string_view call : {"Lexicon(\"", "Word(\""}) {
      for (size_t at = src.find(call); at != std::string::npos; at = src.find(call, at + 1)) {
        const size_t begin = at + call.size();
        const size_t end = src.find('"', begin);
        const std::string name = src.substr(begin, end - begin);
        if (name.empty() ||
            name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
          continue;
        }
        ++found;
        EXPECT_TRUE(registered.contains(name)) << entry.path() << ": " << name;
      }
    }
  }
  EXPECT_GT(found, 8);
}

}  // namespace
}  // namespace tact
