// Text analysis shared by every rule: UTF-8 decoding with repair, the normalisation of spec §7
// and tokenisation into words, with sentence, line and quotation information and exact offsets
// in UTF-8 bytes and UTF-16 code units.
#ifndef TACT_CORE_SRC_TEXT_H_
#define TACT_CORE_SRC_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tact::internal {

enum TokenFlag : uint8_t {
  kTokenQuoted = 1 << 0,       ///< between quotation marks on one line
  kTokenAllCaps = 1 << 1,      ///< two or more letters, all upper case in the input
  kTokenCapitalized = 1 << 2,  ///< first letter upper case in the input
  kTokenNumber = 1 << 3,       ///< digits only
  kTokenEmoji = 1 << 4,        ///< an emoji or an emoticon
  kTokenLetters = 1 << 5,      ///< letters only
  kTokenQuestion = 1 << 6,     ///< in a sentence that ends with a question mark
};

struct Token {
  std::string norm;    ///< normalised form: lower case, accents folded, letter runs collapsed
  uint32_t begin = 0;  ///< UTF-8 byte offset in the input
  uint32_t end = 0;
  uint32_t sentence = 0;
  uint32_t line = 0;
  uint8_t flags = 0;
  bool Has(TokenFlag flag) const { return (flags & flag) != 0; }
};

// Punctuation the rules look at beyond words (shouting's "!!" and "?!").
struct Mark {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Text {
  std::string_view input;  ///< the caller's bytes, cut at max_bytes
  std::vector<Token> tokens;
  std::vector<Mark> bang_runs;  ///< "!!", "?!", "!?" and longer runs
  uint32_t lines = 0;
  bool truncated = false;
  bool invalid_utf8 = false;

  // UTF-16 offset of a byte offset that starts a code point (or an invalid byte).
  uint32_t Utf16At(uint32_t byte) const;
  // The input between token `before` and token `after` (after > before): the punctuation and
  // spaces that tell whether two words stand in one clause.
  // True when token `i` is a handle ("@AmazonHelp", "@116068"): an address, not a word.
  bool Mention(size_t i) const { return tokens[i].begin > 0 && input[tokens[i].begin - 1] == '@'; }
  std::string_view Gap(size_t before, size_t after) const {
    return input.substr(tokens[before].end, tokens[after].begin - tokens[before].end);
  }

  // Single quotes are apostrophes to the tokenizer ("don't", « l'avis »). A token that one opens
  // (after the start, a space or a bracket: "'It happens' was the wrong answer") or that one
  // closes (before the end, a space or punctuation; after its own full stop too: "'it'll show
  // next cycle.'") can stand at the edge of a quotation.
  bool SingleQuoteOpens(size_t token) const;
  bool SingleQuoteCloses(size_t token) const;
  // Whether tokens [begin, end) lie inside single quotes that open and close on one line within
  // `max_words` words.
  bool InSingleQuotes(size_t begin, size_t end, size_t max_words) const;

  std::vector<uint32_t> utf16_of_byte;  ///< size input.size() + 1
};

// Decodes, normalises and tokenises `input` (cut to `max_bytes` at a code point boundary).
Text Analyze(std::string_view input, uint32_t max_bytes);

// Decodes one code point at `pos`; on an invalid or truncated sequence returns U+FFFD and
// `*len` = 1, so every invalid byte stands for one U+FFFD.
char32_t DecodeUtf8(std::string_view s, size_t pos, int* len, bool* invalid);

// Appends the UTF-8 encoding of `cp`.
void AppendUtf8(char32_t cp, std::string* out);

// `s` with each invalid byte replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// `s` in lower case (ASCII and Latin letters), keeping accents: "VRAIMENT NUL" -> "vraiment nul".
std::string LowerUtf8(std::string_view s);

// Normalised form of a word (as the tokenizer would produce for a single token).
std::string NormalizeWord(std::string_view word);

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_TEXT_H_
