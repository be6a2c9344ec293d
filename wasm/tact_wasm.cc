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
#include "tact/tact.h"

namespace {

// Bumped whenever a signature or the meaning of a call changes; tact.js refuses other versions.
constexpr uint32_t kAbiVersion = 3;

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

// The built-in packs, each language's loaded when a text first needs it (or preloaded); NULL on
// failure, with the reason in tact_last_error().
TactScorer* tact_scorer_builtin() {
  absl::StatusOr<tact::Scorer> scorer = tact::Scorer::Builtin(tact::Scorer::Loading::kLazy);
  if (!scorer.ok()) {
    LastError() = std::string(scorer.status().message());
    return nullptr;
  }
  return new TactScorer{*std::move(scorer)};
}

// The first `n` bytes of the arena hold a pack image (`tact packs compile`). NULL on failure,
// with the reason in tact_last_error().
TactScorer* tact_scorer_from_image(size_t n) {
  absl::StatusOr<tact::Scorer> scorer =
      tact::Scorer::FromImage(Input(n), tact::Scorer::Loading::kLazy);
  if (!scorer.ok()) {
    LastError() = std::string(scorer.status().message());
    return nullptr;
  }
  return new TactScorer{*std::move(scorer)};
}

void tact_scorer_free(TactScorer* scorer) { delete scorer; }

// Loads the language named by the first `lang_n` bytes of the arena now. 1, or 0 on failure
// (no pack reads it, or its part is damaged), with the reason in tact_last_error().
int32_t tact_scorer_preload(const TactScorer* scorer, size_t lang_n) {
  if (scorer == nullptr) return 0;
  const absl::Status loaded = scorer->scorer.Preload(Input(lang_n));
  if (!loaded.ok()) {
    LastError() = std::string(loaded.message());
    return 0;
  }
  return 1;
}

// The arena holds, one after the other, the review, reply, author, lang, business (names
// separated by newlines) and id, of the given byte lengths; rating is 1-5 or 0, id_kind 0 (no
// id), 1 (a string) or 2 (an integer, as text). Returns the report line, or
// {"id":…,"error":"…"}: the same bytes as the native CLI for the same request.
const char* tact_score(const TactScorer* scorer, size_t review_n, size_t reply_n, size_t author_n,
                       size_t lang_n, size_t business_n, size_t id_n, int32_t rating,
                       int32_t id_kind) {
  if (scorer == nullptr) return SetResult("{\"error\":\"no scorer\"}");
  std::string_view in = Input(review_n + reply_n + author_n + lang_n + business_n + id_n);
  const auto take = [&in](size_t n) {
    const std::string_view part = in.substr(0, n);
    in.remove_prefix(part.size());
    return part;
  };
  const std::string_view review = take(review_n);
  const std::string_view reply = take(reply_n);
  tact::ScoreOptions options;
  options.author = take(author_n);
  options.lang = take(lang_n);
  for (std::string_view names = take(business_n); !names.empty();) {
    const size_t end = names.find('\n');
    options.business.push_back(names.substr(0, end));
    names.remove_prefix(end == std::string_view::npos ? names.size() : end + 1);
  }
  options.rating = rating;
  const std::string_view id = take(id_n);
  std::string id_json;
  if (id_kind == 1) {
    tact::AppendJsonString(id, &id_json);  // from a JS string: valid UTF-8
  } else if (id_kind == 2) {
    id_json = std::string(id);
  }
  absl::StatusOr<tact::Report> report = scorer->scorer.Score(review, reply, options);
  if (!report.ok())
    return SetResult(tact::ErrorJson(id_json, std::string(report.status().message())));
  return SetResult(tact::ToJson(*report, id_json));
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
