// Little-endian binary writing and bounds-checked reading for the compiled pack image. The
// reader never trusts a length or an index: a short, damaged or hostile image makes it fail,
// never read out of bounds.
#ifndef TACT_CORE_SRC_IMAGE_IO_H_
#define TACT_CORE_SRC_IMAGE_IO_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tact::internal {

class ImageWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    // Variable length: 7 bits per byte, high bit set on all but the last.
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void I32(int32_t v) { U32(static_cast<uint32_t>(v) + 1u); }  // -1 -> 0
  void F64(double v) {
    uint64_t bits;
    static_assert(sizeof bits == sizeof v);
    __builtin_memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(bits >> (8 * i)));
  }
  void U64(uint64_t v) {  // fixed width: a checksum
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Whether `s` is well-formed UTF-8 (no overlong form, surrogate or code point past U+10FFFF).
inline bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (s.size() - i <= static_cast<size_t>(n)) return false;
    for (int k = 1; k <= n; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}

class ImageReader {
 public:
  explicit ImageReader(std::string_view in) : in_(in) {}

  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  size_t pos() const { return pos_; }
  size_t size() const { return in_.size(); }
  // The bytes read since position `from`.
  std::string_view Since(size_t from) const { return in_.substr(from, pos_ - from); }
  // Marks the image bad (a value out of its range); every later read returns zero.
  void Fail() { ok_ = false; }

  uint8_t U8() {
    if (!ok_ || pos_ >= in_.size()) return Bad();
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint32_t U32() {
    uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!ok_ || pos_ >= in_.size()) return Bad();
      const uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint32_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Bad();
  }
  int32_t I32() { return static_cast<int32_t>(U32() - 1u); }
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(U8()) << (8 * i);
    return v;
  }
  double F64() {
    const uint64_t bits = U64();
    double v;
    __builtin_memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string_view Str() {
    const uint32_t n = U32();
    if (!ok_ || n > in_.size() - pos_) {
      Bad();
      return {};
    }
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A string that reaches reports, messages or matching (an id, a message, a word of a list):
  // valid UTF-8, as every pack is, or the image is bad. (Str() alone also reads the byte-wise
  // pieces of front-coded words, which may start inside a character.)
  std::string_view Text() {
    const std::string_view s = Str();
    if (!ok_ || !ValidUtf8(s)) {
      Bad();
      return {};
    }
    return s;
  }
  // A count of items that each take at least one byte: never more than the bytes left, so a
  // damaged count cannot make the caller reserve gigabytes.
  uint32_t Count() {
    const uint32_t n = U32();
    if (ok_ && n > in_.size() - pos_) return Bad();
    return n;
  }

 private:
  uint8_t Bad() {
    ok_ = false;
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace tact::internal

#endif  // TACT_CORE_SRC_IMAGE_IO_H_
