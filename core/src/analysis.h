// A text as every step reads it: its analysis (tokens, sentences, offsets) and the matches of
// every phrase of one language's packs. Built once per field per request.
#ifndef TACT_CORE_SRC_ANALYSIS_H_
#define TACT_CORE_SRC_ANALYSIS_H_

#include <cstdint>

#include "matcher.h"
#include "packs.h"
#include "tact/tact.h"
#include "text.h"

namespace tact::internal {

struct Analysis {
  Text text;
  Matches matches;
};

inline Analysis Match(const Language& lang, Text text) {
  Analysis a{std::move(text), {}};
  a.matches = lang.matcher.Match(a.text);
  // A topic's word in a fixed expression ("a pain", "fix it", "dry cleaning") is no topic.
  const int idioms = lang.Lexicon("topic_idioms");
  if (a.matches.Any(idioms)) {
    std::vector<int> topic_groups;
    for (const Topic& topic : lang.topics) topic_groups.push_back(topic.group);
    a.matches.DropInside(topic_groups, idioms);
  }
  return a;
}

inline Span SpanOf(const Text& text, uint32_t begin, uint32_t end) {
  return Span{begin, end, text.Utf16At(begin), text.Utf16At(end)};
}

inline Span TokenSpan(const Text& text, TokenRange r) {
  return SpanOf(text, text.tokens[r.begin].begin, text.tokens[r.end - 1].end);
}

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_ANALYSIS_H_
