// Helpers shared by the tests. Expected offsets are computed here, independently of the core.
#ifndef TACT_TESTS_TEST_UTIL_H_
#define TACT_TESTS_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace tact::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string SourcePath(std::string_view rel) {
  return std::string(TACT_SOURCE_DIR) + "/" + std::string(rel);
}

// UTF-16 length of valid UTF-8 `s`: one unit per code point, two above U+FFFF.
inline uint32_t Utf16Length(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) n += (c >= 0xF0) ? 2 : 1;
  }
  return n;
}

}  // namespace tact::testing

#endif  // TACT_TESTS_TEST_UTIL_H_
