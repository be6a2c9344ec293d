#include "text.h"

#include <algorithm>
#include <cstring>

namespace tact::internal {
namespace {

#include "fold_table.inc"

enum class CharClass : uint8_t {
  kLetter,
  kDigit,
  kSpace,
  kNewline,
  kSentenceEnd,  // ! ? … ;
  kPeriod,       // ends a sentence unless between digits
  kBang,         // ! and ? also feed shouting's "!!" runs
  kQuoteOpen,
  kQuoteClose,
  kQuoteToggle,
  kEmoji,
  kInvisible,  // combining marks, variation selectors, joiners: part of the previous char
  kOther,
};

constexpr CharClass ClassifyAscii(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
  if (cp >= '0' && cp <= '9') return CharClass::kDigit;
  switch (cp) {
    case ' ':
    case '\t':
    case '\r':
    case '\v':
    case '\f':
      return CharClass::kSpace;
    case '\n':
      return CharClass::kNewline;
    case '.':
      return CharClass::kPeriod;
    case '!':
    case '?':
      return CharClass::kBang;
    case ';':
      return CharClass::kSentenceEnd;
    case '"':
      return CharClass::kQuoteToggle;
    default:
      return CharClass::kOther;
  }
}

// ASCII, most of a text, by a table lookup rather than a chain of comparisons (128 bytes).
struct AsciiClasses {
  CharClass of[128];
  constexpr AsciiClasses() : of() {
    for (char32_t c = 0; c < 128; ++c) of[c] = ClassifyAscii(c);
  }
};
constexpr AsciiClasses kAsciiClasses;

CharClass Classify(char32_t cp) {
  if (cp < 0x80) return kAsciiClasses.of[cp];
  switch (cp) {
    case 0xA0:
    case 0x2007:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return CharClass::kSpace;
    case 0x85:
    case 0x2028:
    case 0x2029:
      return CharClass::kNewline;
    case 0x2026:
      return CharClass::kSentenceEnd;  // …
    case 0xAB:
    case 0x201C:
    case 0x201E:
      return CharClass::kQuoteOpen;
    case 0xBB:
    case 0x201D:
      return CharClass::kQuoteClose;
    case 0xFFFD:
      return CharClass::kOther;
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return CharClass::kInvisible;
    default:
      break;
  }
  if (cp < 0x250) {
    const char* fold = kFoldTable[cp - 0x80];
    return (fold != nullptr && fold[0] == '\0') ? CharClass::kOther : CharClass::kLetter;
  }
  if (cp >= 0x300 && cp <= 0x36F) return CharClass::kInvisible;
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::kSpace;
  if (cp >= 0xFE00 && cp <= 0xFE0F) return CharClass::kInvisible;
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return CharClass::kInvisible;  // skin tones
  if (cp >= 0xE0000 && cp <= 0xE007F) return CharClass::kInvisible;  // tag characters
  if ((cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
      (cp >= 0x1F000 && cp <= 0x1FAFF)) {
    return CharClass::kEmoji;
  }
  if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
      (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF0F)) {
    return CharClass::kOther;
  }
  return CharClass::kLetter;
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp == 0x178) return true;  // Ÿ
  // Latin Extended-A pairs upper/lower as even/odd, except in two runs where it is odd/even.
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0 && cp != 0x138;
  return false;
}

void AppendFolded(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
  } else if (cp < 0x250 && kFoldTable[cp - 0x80] != nullptr) {
    out->append(kFoldTable[cp - 0x80]);
  } else {
    AppendUtf8(cp, out);
  }
}

// "desoleee" -> "desole", "merciii" -> "merci": runs of three or more identical letters.
void CollapseRuns(std::string* s) {
  // Most words have no such run: find the first one before rewriting anything.
  size_t start = 0;
  while (start + 2 < s->size() &&
         !((*s)[start] == (*s)[start + 1] && (*s)[start] == (*s)[start + 2] && (*s)[start] >= 'a' &&
           (*s)[start] <= 'z')) {
    ++start;
  }
  if (start + 2 >= s->size()) return;
  size_t w = start;
  for (size_t r = start; r < s->size();) {
    size_t run = 1;
    while (r + run < s->size() && (*s)[r + run] == (*s)[r]) ++run;
    const unsigned char c = static_cast<unsigned char>((*s)[r]);
    const bool letter = (c >= 'a' && c <= 'z');
    const size_t keep = (letter && run >= 3) ? 1 : run;
    for (size_t k = 0; k < keep; ++k) (*s)[w++] = (*s)[r];
    r += run;
  }
  s->resize(w);
}

constexpr std::string_view kEmoticons[] = {";-)", ":-)", ":-(", ":-D", ":-p", ";)", ":)",
                                           ":(",  ":D",  ":p",  ":P",  ";D",  "^^"};

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t pos, int* len, bool* invalid) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  *invalid = false;
  *len = 1;
  if (b0 < 0x80) return b0;
  int need;
  char32_t cp;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    *invalid = true;
    return 0xFFFD;
  }
  if (pos + need >= s.size()) {  // truncated sequence
    *invalid = true;
    return 0xFFFD;
  }
  for (int i = 1; i <= need; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      *invalid = true;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *invalid = true;
    return 0xFFFD;
  }
  *len = need + 1;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    int len;
    bool invalid;
    const char32_t cp = DecodeUtf8(s, pos, &len, &invalid);
    if (invalid) {
      AppendUtf8(cp, &out);
    } else {
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

uint32_t Text::Utf16At(uint32_t byte) const {
  return utf16_of_byte[std::min<size_t>(byte, utf16_of_byte.size() - 1)];
}

Text Analyze(std::string_view input, uint32_t max_bytes) {
  Text text;
  if (input.size() > max_bytes) {
    size_t cut = max_bytes;
    // Back off to a code point start so the cut never splits a character.
    for (int k = 0; k < 3 && cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80;
         ++k) {
      --cut;
    }
    input = input.substr(0, cut);
    text.truncated = true;
  }
  text.input = input;
  text.utf16_of_byte.assign(input.size() + 1, 0);
  text.tokens.reserve(input.size() / 4 + 1);  // about one token per 5-6 bytes of text

  struct QuoteEvent {
    uint32_t pos;
    uint32_t line;
    CharClass kind;
  };
  std::vector<QuoteEvent> quotes;

  Token current;
  bool in_token = false;
  bool current_digits = false;
  int letters = 0;
  int upper_letters = 0;
  uint32_t sentence = 0;
  uint32_t line = 0;
  bool sentence_has_tokens = false;
  uint32_t bang_begin = 0;
  int bang_count = 0;

  // Appends a finished token to the current sentence and line.
  const auto emit = [&](Token&& token) {
    token.sentence = sentence;
    token.line = line;
    text.tokens.push_back(std::move(token));
    sentence_has_tokens = true;
  };
  const auto flush = [&]() {
    if (!in_token) return;
    in_token = false;
    if (current_digits) {
      current.flags |= kTokenNumber;
    } else {
      CollapseRuns(&current.norm);
      current.flags |= kTokenLetters;
      if (letters >= 2 && upper_letters == letters) current.flags |= kTokenAllCaps;
    }
    emit(std::move(current));
    current = Token{};
  };
  // A single-token emoji or emoticon, after whatever word was in progress.
  const auto emit_emoji = [&](uint32_t from, uint32_t to, std::string norm) {
    flush();
    Token emoji;
    emoji.begin = from;
    emoji.end = to;
    emoji.norm = std::move(norm);
    emoji.flags = kTokenEmoji;
    emit(std::move(emoji));
  };
  const auto end_sentence = [&]() {
    if (sentence_has_tokens) {
      ++sentence;
      sentence_has_tokens = false;
    }
  };
  const auto end_bang_run = [&](uint32_t pos) {
    if (bang_count >= 2) text.bang_runs.push_back({bang_begin, pos});
    bang_count = 0;
  };

  uint32_t u16 = 0;
  size_t pos = 0;
  char32_t prev_cp = 0;
  while (pos < input.size()) {
    int len = 1;
    bool invalid = false;
    // ASCII (most of a text) without the call; DecodeUtf8 gives the same for it.
    const unsigned char b0 = static_cast<unsigned char>(input[pos]);
    const char32_t cp = b0 < 0x80 ? b0 : DecodeUtf8(input, pos, &len, &invalid);
    if (invalid) text.invalid_utf8 = true;
    const uint32_t begin = static_cast<uint32_t>(pos);
    text.utf16_of_byte[begin] = u16;
    for (int k = 1; k < len; ++k) text.utf16_of_byte[begin + k] = u16;
    u16 += cp >= 0x10000 ? 2 : 1;
    const uint32_t next = begin + len;

    CharClass cls = Classify(cp);
    if (cls != CharClass::kBang && cls != CharClass::kInvisible) end_bang_run(begin);

    // Emoticons are tokens of their own, so packs can list ";)".
    if (cp == ':' || cp == ';' || cp == '^') {
      bool matched = false;
      for (std::string_view emo : kEmoticons) {
        if (input.substr(pos, emo.size()) != emo) continue;
        const size_t after = pos + emo.size();
        if (after < input.size()) {
          int l2;
          bool inv2;
          const CharClass c2 = Classify(DecodeUtf8(input, after, &l2, &inv2));
          if (c2 == CharClass::kLetter || c2 == CharClass::kDigit) continue;
        }
        emit_emoji(begin, static_cast<uint32_t>(after), NormalizeWord(emo));
        for (size_t k = pos + 1; k < after; ++k) text.utf16_of_byte[k] = u16 + (k - pos - 1);
        u16 += static_cast<uint32_t>(emo.size() - 1);
        pos = after;
        prev_cp = static_cast<unsigned char>(emo.back());
        matched = true;
        break;
      }
      if (matched) continue;
    }

    // Letters and digits (most characters) and spaces first, by plain branches: the switch's
    // jump on the class was the tokenizer's most mispredicted instruction.
    if (cls == CharClass::kLetter || cls == CharClass::kDigit) {
      const bool digit = cls == CharClass::kDigit;
      if (in_token && digit != current_digits) flush();
      if (!in_token) {
        in_token = true;
        current_digits = digit;
        current.begin = begin;
        letters = upper_letters = 0;
        if (!digit && IsUpper(cp)) current.flags |= kTokenCapitalized;
      }
      if (!digit) {
        ++letters;
        if (IsUpper(cp)) ++upper_letters;
      }
      AppendFolded(cp, &current.norm);
      current.end = next;
      prev_cp = cp;
      pos = next;
      continue;
    }
    if (cls == CharClass::kSpace) {
      flush();
      prev_cp = cp;
      pos = next;
      continue;
    }
    switch (cls) {
      case CharClass::kLetter:
      case CharClass::kDigit:
      case CharClass::kSpace:
        break;  // above
      case CharClass::kInvisible:
        if (in_token) current.end = next;
        break;
      case CharClass::kEmoji: {
        std::string norm;
        AppendUtf8(cp, &norm);
        emit_emoji(begin, next, std::move(norm));
        break;
      }
      case CharClass::kPeriod: {
        // "3.5" and "20.06.2021" are numbers, not sentence ends.
        const bool between_digits = prev_cp >= '0' && prev_cp <= '9' && next < input.size() &&
                                    input[next] >= '0' && input[next] <= '9';
        flush();
        if (!between_digits) end_sentence();
        break;
      }
      case CharClass::kBang:
        flush();
        if (bang_count == 0) bang_begin = begin;
        ++bang_count;
        if (cp == '?' && sentence_has_tokens) {
          // The sentence is a question: rules may ignore it or fire only there.
          for (auto t = text.tokens.rbegin(); t != text.tokens.rend() && t->sentence == sentence;
               ++t) {
            t->flags |= kTokenQuestion;
          }
        }
        end_sentence();
        break;
      case CharClass::kSentenceEnd:
        flush();
        end_sentence();
        break;
      case CharClass::kNewline:
        flush();
        end_sentence();
        ++line;
        break;
      case CharClass::kQuoteOpen:
      case CharClass::kQuoteClose:
      case CharClass::kQuoteToggle:
        flush();
        quotes.push_back({begin, line, cls});
        break;
      case CharClass::kOther:
        flush();
        break;
    }
    prev_cp = cp;
    pos = next;
  }
  flush();
  end_bang_run(static_cast<uint32_t>(input.size()));
  text.utf16_of_byte[input.size()] = u16;
  text.lines = line + 1;

  // Pair quotation marks on the same line; an unclosed mark quotes nothing.
  const QuoteEvent* open = nullptr;
  const auto mark = [&](uint32_t from, uint32_t to) {
    for (Token& t : text.tokens) {
      if (t.begin > from && t.end <= to) t.flags |= kTokenQuoted;
    }
  };
  for (const QuoteEvent& q : quotes) {
    if (open != nullptr && open->line != q.line) open = nullptr;
    if (q.kind == CharClass::kQuoteOpen) {
      open = &q;
    } else if (q.kind == CharClass::kQuoteClose) {
      if (open != nullptr && open->kind == CharClass::kQuoteOpen) mark(open->pos, q.pos);
      open = nullptr;
    } else if (open != nullptr && open->kind == CharClass::kQuoteToggle) {
      mark(open->pos, q.pos);
      open = nullptr;
    } else {
      open = &q;
    }
  }
  return text;
}

bool Text::SingleQuoteOpens(size_t token) const {
  const uint32_t at = tokens[token].begin;
  size_t q = 0;
  if (at >= 1 && input[at - 1] == '\'') q = 1;
  if (at >= 3 && input.substr(at - 3, 3) == "\xE2\x80\x98") q = 3;  // ‘
  if (q == 0) return false;
  return at == q || std::string_view(" \t\n([").find(input[at - q - 1]) != std::string_view::npos;
}

bool Text::SingleQuoteCloses(size_t token) const {
  uint32_t at = tokens[token].end;
  if (at + 1 < input.size() && std::string_view(".,!?").find(input[at]) != std::string_view::npos &&
      (input[at + 1] == '\'' || input.substr(at + 1, 3) == "\xE2\x80\x99")) {
    ++at;
  }
  size_t q = 0;
  if (at < input.size() && input[at] == '\'') q = 1;
  if (input.substr(at, 3) == "\xE2\x80\x99") q = 3;  // ’
  if (q == 0) return false;
  return at + q == input.size() ||
         std::string_view(" \t\n.,;:!?)]").find(input[at + q]) != std::string_view::npos;
}

bool Text::InSingleQuotes(size_t begin, size_t end, size_t max_words) const {
  if (begin >= end || end > tokens.size()) return false;
  const uint32_t line = tokens[begin].line;
  // The nearest opening quote at or before `begin`, with no closing one between.
  size_t open = begin;
  while (!SingleQuoteOpens(open)) {
    if (open == 0 || begin - open + 1 >= max_words || tokens[open - 1].line != line ||
        SingleQuoteCloses(open - 1)) {
      return false;
    }
    --open;
  }
  for (size_t close = open; close < tokens.size() && close < open + max_words; ++close) {
    if (tokens[close].line != line) return false;
    if (SingleQuoteCloses(close)) return close + 1 >= end;
  }
  return false;
}

std::string LowerUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    int len;
    bool invalid;
    char32_t cp = DecodeUtf8(s, pos, &len, &invalid);
    if (IsUpper(cp)) cp = cp < 0x100 ? cp + 32 : cp == 0x178 ? 0xFF : cp + 1;
    AppendUtf8(cp, &out);
    pos += len;
  }
  return out;
}

std::string NormalizeWord(std::string_view word) {
  std::string out;
  for (size_t pos = 0; pos < word.size();) {
    int len;
    bool invalid;
    const char32_t cp = DecodeUtf8(word, pos, &len, &invalid);
    AppendFolded(cp, &out);
    pos += len;
  }
  CollapseRuns(&out);
  return out;
}

}  // namespace tact::internal
