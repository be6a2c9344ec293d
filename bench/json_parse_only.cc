// The parse-only baseline of bench/speed: reads a JSONL file and parses every line into a
// boost::json DOM, doing nothing else, to show how fast reading + parsing alone can go. Prints
// "lines bytes seconds" (the time covers reading and parsing, not the process start).
//   tact_json_parse_only FILE
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "boost/json/parser.hpp"
#include "boost/json/src.hpp"  // header-only, as in the core

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tact_json_parse_only FILE\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  std::FILE* file = std::fopen(argv[1], "rb");
  if (file == nullptr) {
    std::perror(argv[1]);
    return 2;
  }
  // One parser reused for every line keeps its buffers, as a tuned reader would.
  boost::json::parser parser;
  std::vector<char> buffer(1 << 20);
  std::vector<char> carry;  // the start of a line cut by the end of a read
  size_t lines = 0;
  size_t bytes = 0;
  size_t errors = 0;
  size_t values = 0;  // keeps the DOM observable, so nothing is optimised away
  auto parse = [&](std::string_view line) {
    if (line.empty()) return;
    ++lines;
    parser.reset();
    boost::system::error_code ec;
    parser.write(line.data(), line.size(), ec);
    if (ec) {
      ++errors;
      return;
    }
    const boost::json::value value = parser.release();
    values += value.is_object() ? value.as_object().size() : 1;
  };
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;) {
    bytes += n;
    std::string_view chunk(buffer.data(), n);
    for (size_t nl; (nl = chunk.find('\n')) != std::string_view::npos;) {
      if (carry.empty()) {
        parse(chunk.substr(0, nl));
      } else {
        carry.insert(carry.end(), chunk.begin(), chunk.begin() + nl);
        parse(std::string_view(carry.data(), carry.size()));
        carry.clear();
      }
      chunk.remove_prefix(nl + 1);
    }
    carry.insert(carry.end(), chunk.begin(), chunk.end());
  }
  parse(std::string_view(carry.data(), carry.size()));
  std::fclose(file);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %zu %.6f\n", lines, bytes, seconds);
  if (errors > 0 || values == 0) {
    std::fprintf(stderr, "tact_json_parse_only: %zu of %zu lines did not parse as objects\n",
                 errors, lines);
    return 1;
  }
  return 0;
}
