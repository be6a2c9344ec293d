// The C ABI that web/src/tact.js calls (no embind), declared in tact_wasm.h: strings cross as
// UTF-8 in a grow-only input arena (tact_buffer) and come back as module-owned NUL-terminated
// results (tact_result_size). Nothing here allocates per keystroke once the arena is large
// enough, and nothing but a scorer handle is ever freed by the caller.
#include "tact_wasm.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "boost/json.hpp"
#include "tact/tact.h"

namespace {

// Bumped whenever a signature or the meaning of a call changes; tact.js refuses other versions.
constexpr uint32_t kAbiVersion = 1;

struct Arena {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
};

Arena& InputArena() {
  static Arena* arena = new Arena();
  return *arena;
}

std::string& Result() {
  static std::string* result = new std::string();
  return *result;
}

std::string& LastError() {
  static std::string* error = new std::string();
  return *error;
}

std::string_view Input(size_t n) {
  const Arena& arena = InputArena();
  if (n > arena.capacity) n = arena.capacity;
  return std::string_view(arena.data.get(), n);
}

const char* SetResult(std::string value) {
  Result() = std::move(value);
  return Result().c_str();
}

// Parses `[{"name": "...", "json": "..."}, ...]` into pack sources.
bool ParsePackList(std::string_view text, std::vector<tact::PackSource>* packs,
                   std::string* error) {
  boost::json::error_code ec;
  boost::json::value list =
      boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  if (ec) {
    *error = "packs: not a JSON array of {name, json}: " + ec.message();
    return false;
  }
  const boost::json::array* array = list.if_array();
  if (array == nullptr) {
    *error = "packs: expected a JSON array of {name, json}";
    return false;
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const boost::json::object* pack = (*array)[i].if_object();
    const boost::json::value* name = pack ? pack->if_contains("name") : nullptr;
    const boost::json::value* json = pack ? pack->if_contains("json") : nullptr;
    if (name == nullptr || json == nullptr || !name->is_string() || !json->is_string()) {
      *error = absl::StrCat("packs: item ", i, " must be {\"name\": string, \"json\": string}");
      return false;
    }
    const boost::json::string& n = name->get_string();
    const boost::json::string& j = json->get_string();
    packs->push_back({std::string(n.data(), n.size()), std::string(j.data(), j.size())});
  }
  return true;
}

}  // namespace

struct TactScorer {
  tact::Scorer scorer;
};

extern "C" {

uint32_t tact_abi_version() { return kAbiVersion; }

// Returns an arena of at least `n` bytes; its contents are not kept when it grows.
char* tact_buffer(size_t n) {
  Arena& arena = InputArena();
  if (n > arena.capacity) {
    size_t capacity = arena.capacity == 0 ? 4096 : arena.capacity;
    while (capacity < n) capacity *= 2;
    arena.data.reset(new char[capacity]);
    arena.capacity = capacity;
  }
  return arena.data.get();
}

// The built-in packs; NULL on failure, with the reason in tact_last_error().
TactScorer* tact_scorer_builtin() {
  absl::StatusOr<tact::Scorer> scorer = tact::Scorer::Builtin();
  if (!scorer.ok()) {
    LastError() = std::string(scorer.status().message());
    return nullptr;
  }
  return new TactScorer{*std::move(scorer)};
}

// The first `n` bytes of the arena hold a JSON array of {name, json}: the packs, on top of the
// built-in ones. NULL on failure, with the loader's message in tact_last_error().
TactScorer* tact_scorer_from_packs(size_t n) {
  std::vector<tact::PackSource> packs;
  std::string error;
  if (!ParsePackList(Input(n), &packs, &error)) {
    LastError() = std::move(error);
    return nullptr;
  }
  absl::StatusOr<tact::Scorer> scorer = tact::Scorer::FromPacks(packs);
  if (!scorer.ok()) {
    LastError() = std::string(scorer.status().message());
    return nullptr;
  }
  return new TactScorer{*std::move(scorer)};
}

void tact_scorer_free(TactScorer* scorer) { delete scorer; }

// The first `n` bytes of the arena hold one request object (one JSONL line of the CLI); returns
// the report line, or {"id":…,"error":"…"} — the same bytes as the native CLI.
const char* tact_score(const TactScorer* scorer, size_t n) {
  if (scorer == nullptr) return SetResult("{\"error\":\"no scorer\"}");
  return SetResult(tact::ScoreJson(scorer->scorer, Input(n)));
}

size_t tact_result_size() { return Result().size(); }

// Runs every example of every loaded pack: {"count": N, "failures": [{pack, rule, message}]}.
const char* tact_scorer_check_examples(const TactScorer* scorer) {
  if (scorer == nullptr) return SetResult("{\"error\":\"no scorer\"}");
  int count = 0;
  std::vector<tact::ExampleFailure> failures = scorer->scorer.CheckExamples(&count);
  std::string out = absl::StrCat("{\"count\":", count, ",\"failures\":[");
  for (size_t i = 0; i < failures.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"pack\":");
    tact::AppendJsonString(failures[i].pack, &out);
    out.append(",\"rule\":");
    tact::AppendJsonString(failures[i].rule, &out);
    out.append(",\"message\":");
    tact::AppendJsonString(failures[i].message, &out);
    out.push_back('}');
  }
  out.append("]}");
  return SetResult(std::move(out));
}

const char* tact_last_error() { return LastError().c_str(); }

}  // extern "C"
