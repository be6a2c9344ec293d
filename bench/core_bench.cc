// Core benchmarks: start-up (built-in packs) and Score() on short, typical and long replies.
// Real text comes from the shared corpus when it is present (it is never copied into the repo),
// otherwise from the bundled sample.
#include <fstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "tact/tact.h"

namespace {

struct Pair {
  std::string review;
  std::string reply;
};

// Crude field extraction: good enough for the corpus and sample files, whose lines are flat.
std::string Field(const std::string& line, const std::string& key) {
  const std::string needle = "\"" + key + "\": \"";
  size_t p = line.find(needle);
  size_t skip = needle.size();
  if (p == std::string::npos) {
    p = line.find("\"" + key + "\":\"");
    skip = key.size() + 4;
  }
  if (p == std::string::npos) return "";
  std::string out;
  for (size_t i = p + skip; i < line.size() && line[i] != '"'; ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) ++i;
    out.push_back(line[i]);
  }
  return out;
}

const std::vector<Pair>& Pairs() {
  static const std::vector<Pair> pairs = [] {
    std::vector<Pair> out;
    for (const char* path : {TACT_CORPUS_DIR "/fr_showroomprive_trustpilot.jsonl",
                             TACT_SOURCE_DIR "/native/sample/reviews.jsonl"}) {
      std::ifstream in(path);
      std::string line;
      while (std::getline(in, line)) out.push_back({Field(line, "review"), Field(line, "reply")});
      if (!out.empty()) break;
    }
    return out;
  }();
  return pairs;
}

const tact::Scorer& Builtin() {
  static const tact::Scorer scorer = *tact::Scorer::Builtin();
  return scorer;
}

void BM_BuiltinLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto scorer = tact::Scorer::Builtin();
    benchmark::DoNotOptimize(scorer);
  }
}
BENCHMARK(BM_BuiltinLoad)->Unit(benchmark::kMillisecond);

// state.range(0): 0 = short (a tweet), 1 = typical (a corpus pair), 2 = long (~20 KB reply).
void BM_Score(benchmark::State& state) {
  const std::vector<Pair>& pairs = Pairs();
  std::vector<Pair> inputs;
  if (state.range(0) == 0) {
    inputs.push_back({"Still no refund after 3 weeks!", "Sorry about that, please DM us. ^SB"});
  } else if (state.range(0) == 1) {
    inputs = pairs;
  } else {
    Pair big{pairs.front().review, ""};
    for (size_t i = 0; big.reply.size() < 20000; ++i)
      big.reply += pairs[i % pairs.size()].reply + "\n";
    inputs.push_back(big);
  }
  size_t i = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    const Pair& p = inputs[i++ % inputs.size()];
    benchmark::DoNotOptimize(tact::ToJson(Builtin().Score(p.review, p.reply).value()));
    bytes += static_cast<int64_t>(p.review.size() + p.reply.size());
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Score)->Arg(0)->Arg(1)->Arg(2)->ArgNames({"size"});

// Writing and reading back the image of a lexicon of 30,000 words (one trie node with 30,000
// children): once quadratic in the fan-out (minutes), see tests/fuzz_regression_test.cc.
void BM_ImageOfAWideTrie(benchmark::State& state) {
  std::string entries;
  for (int i = 0; i < 30000; ++i) {
    std::string word;
    for (int n = i; word.size() < 4; n /= 26) word.push_back(static_cast<char>('a' + n % 26));
    entries += (i ? ", \"" : "\"") + word + "\"";
  }
  const tact::PackSource pack{"wide.json",
                              R"({"lang": "fr", "lexicon": "wide", "entries": [)" + entries + "]}"};
  const tact::Scorer scorer = *tact::Scorer::FromPacks({&pack, 1}, /*with_builtin=*/false);
  for (auto _ : state) {
    const std::string image = scorer.Image();
    benchmark::DoNotOptimize(tact::Scorer::FromImage(image)->Image());
  }
}
BENCHMARK(BM_ImageOfAWideTrie)->Unit(benchmark::kMillisecond);

}  // namespace
