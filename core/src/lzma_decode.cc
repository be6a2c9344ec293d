// LZMA decoding as the format's reference decoder (LzmaSpec.cpp of the LZMA SDK, public domain)
// describes it: a range decoder over adaptive bit probabilities, literals coded with the bits of
// the previous byte as context, matches with four repeated distances. The whole output is in
// memory, so the dictionary is the output itself.
#include "lzma_decode.h"

#include <cstdint>
#include <vector>

#include "absl/strings/internal/resize_uninitialized.h"

namespace tact::internal {
namespace {

constexpr int kProbBits = 11;
constexpr uint16_t kProbInit = 1 << (kProbBits - 1);
constexpr int kMoveBits = 5;
constexpr int kStates = 12;
constexpr int kPosBitsMax = 4;
constexpr int kEndPosModel = 14;
constexpr int kFullDistances = 1 << (kEndPosModel >> 1);
constexpr int kAlignBits = 4;

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  bool Init() {
    if (Byte() != 0) return false;
    for (int i = 0; i < 4; ++i) code_ = (code_ << 8) | Byte();
    return ok_ && code_ != range_;
  }
  bool ok() const { return ok_; }

  [[gnu::always_inline]] unsigned Bit(uint16_t* p) {
    const uint32_t bound = (range_ >> kProbBits) * *p;
    unsigned bit;
    if (code_ < bound) {
      *p = static_cast<uint16_t>(*p + (((1 << kProbBits) - *p) >> kMoveBits));
      range_ = bound;
      bit = 0;
    } else {
      *p = static_cast<uint16_t>(*p - (*p >> kMoveBits));
      code_ -= bound;
      range_ -= bound;
      bit = 1;
    }
    Normalize();
    return bit;
  }

  [[gnu::always_inline]] uint32_t Direct(int bits) {
    uint32_t v = 0;
    for (; bits > 0; --bits) {
      range_ >>= 1;
      code_ -= range_;
      const uint32_t t = 0 - (code_ >> 31);
      code_ += range_ & t;
      if (code_ == range_) ok_ = false;
      Normalize();
      v = (v << 1) + (t + 1);
    }
    return v;
  }

  // A bit tree of `bits` levels, probabilities p[1 .. 2^bits - 1].
  [[gnu::always_inline]] uint32_t Tree(uint16_t* p, int bits) {
    uint32_t m = 1;
    for (int i = 0; i < bits; ++i) m = (m << 1) + Bit(p + m);
    return m - (uint32_t{1} << bits);
  }
  [[gnu::always_inline]] uint32_t ReverseTree(uint16_t* p, int bits) {
    uint32_t m = 1;
    uint32_t v = 0;
    for (int i = 0; i < bits; ++i) {
      const unsigned bit = Bit(p + m);
      m = (m << 1) + bit;
      v |= bit << i;
    }
    return v;
  }

 private:
  uint8_t Byte() {
    if (pos_ >= in_.size()) {
      ok_ = false;
      return 0;
    }
    return static_cast<uint8_t>(in_[pos_++]);
  }
  [[gnu::always_inline]] void Normalize() {
    if (range_ < (uint32_t{1} << 24)) {
      range_ <<= 8;
      code_ = (code_ << 8) | Byte();
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  uint32_t range_ = 0xFFFFFFFF;
  uint32_t code_ = 0;
  bool ok_ = true;
};

// The probabilities of a length: choice, choice 2, then low and mid trees per position state
// (8 each), then the high tree (256).
constexpr int kLenLow = 2;
constexpr int kLenMid = kLenLow + (8 << kPosBitsMax);
constexpr int kLenHigh = kLenMid + (8 << kPosBitsMax);
constexpr int kLenSize = kLenHigh + 256;

// Inlined, as the tree decoders: a call would take the address of Run's decoder, which then
// lives in memory instead of locals (V8's baseline code reads and writes it at every bit).
[[gnu::always_inline]] inline uint32_t Length(Decoder* rc, uint16_t* p, uint32_t pos_state) {
  if (rc->Bit(p) == 0) return rc->Tree(p + kLenLow + (pos_state << 3), 3);
  if (rc->Bit(p + 1) == 0) return 8 + rc->Tree(p + kLenMid + (pos_state << 3), 3);
  return 16 + rc->Tree(p + kLenHigh, 8);
}

// One array of probabilities: the state bits, the position slots (6-bit trees, 4 of them),
// the distances' middle bits, the align tree, two length coders, the literals.
constexpr int kIsMatch = 0;
constexpr int kIsRep = kIsMatch + (kStates << kPosBitsMax);
constexpr int kIsRepG0 = kIsRep + kStates;
constexpr int kIsRepG1 = kIsRepG0 + kStates;
constexpr int kIsRepG2 = kIsRepG1 + kStates;
constexpr int kIsRep0Long = kIsRepG2 + kStates;
constexpr int kPosSlot = kIsRep0Long + (kStates << kPosBitsMax);
constexpr int kPosMiddle = kPosSlot + (4 << 6);
constexpr int kAlign = kPosMiddle + 1 + kFullDistances - kEndPosModel;
constexpr int kLen = kAlign + (1 << kAlignBits);
constexpr int kRepLen = kLen + kLenSize;
constexpr int kLiteral = kRepLen + kLenSize;

// The decoder's state between two slices of the output.
struct Stream {
  explicit Stream(std::string_view in) : rc(in) {}
  Decoder rc;
  uint16_t* p = nullptr;
  unsigned lc = 0;
  unsigned lp = 0;
  unsigned pb = 0;
  uint32_t rep[4] = {0, 0, 0, 0};
  unsigned state = 0;
  size_t total = 0;
  size_t size = 0;
  char* buf = nullptr;
};

bool Run(Stream* s, size_t until);

// Decodes into `*out`, resized to `size` first; false if the stream is damaged.
bool Decode(std::string_view in, size_t size, std::string* out) {
  // Header: properties (lc, lp, pb), dictionary size, decoded size (or all ones: unknown).
  if (in.size() < 13) return false;
  unsigned props = static_cast<uint8_t>(in[0]);
  if (props >= 9 * 5 * 5) return false;
  const unsigned lc = props % 9;
  props /= 9;
  const unsigned lp = props % 5;
  const unsigned pb = props / 5;
  uint64_t declared = 0;
  for (int i = 0; i < 8; ++i) declared |= uint64_t{static_cast<uint8_t>(in[5 + i])} << (8 * i);
  if (declared != ~uint64_t{0} && declared != size) return false;
  std::vector<uint16_t> probs(kLiteral + (size_t{0x300} << (lc + lp)), kProbInit);
  Stream s(in.substr(13));
  if (!s.rc.Init()) return false;
  // Every byte is written before it is read (a match copies from behind `total`): no zero fill
  // (a 240 KB memset on a page's start-up path).
  absl::strings_internal::STLStringResizeUninitialized(out, size);
  s.p = probs.data();
  s.lc = lc;
  s.lp = lp;
  s.pb = pb;
  s.size = size;
  s.buf = out->data();
  // In slices: V8 runs a wasm function's optimised code from its next call on, never inside a
  // running call, so one long call would decode it all on baseline code. Two call sites keep
  // binaryen from inlining Run back into one call.
  constexpr size_t kSlice = 16 << 10;
  if (!Run(&s, size < kSlice ? size : kSlice)) return false;
  while (s.total < size) {
    if (!Run(&s, size - s.total < kSlice ? size : s.total + kSlice)) return false;
  }
  return true;
}

// Decodes up to `until` bytes of output (a match may end past it, within the stream's size).
[[gnu::noinline]] bool Run(Stream* s, size_t until) {
  Decoder rc = s->rc;  // locals in the loop, not memory behind a pointer
  uint16_t* const p = s->p;
  const unsigned lc = s->lc;
  const unsigned lp = s->lp;
  const unsigned pb = s->pb;
  const size_t size = s->size;
  char* const buf = s->buf;
  size_t total = s->total;
  uint32_t rep[4] = {s->rep[0], s->rep[1], s->rep[2], s->rep[3]};
  unsigned state = s->state;
  while (total < until) {
    const uint32_t pos_state = static_cast<uint32_t>(total) & ((1u << pb) - 1);
    if (rc.Bit(p + kIsMatch + (state << kPosBitsMax) + pos_state) == 0) {
      const unsigned previous = total == 0 ? 0 : static_cast<uint8_t>(buf[total - 1]);
      uint16_t* lit = p + kLiteral +
                      0x300 * (((static_cast<uint32_t>(total) & ((1u << lp) - 1)) << lc) +
                               (previous >> (8 - lc)));
      unsigned symbol = 1;
      if (state >= 7) {
        if (rep[0] >= total) return false;
        unsigned match = static_cast<uint8_t>(buf[total - rep[0] - 1]);
        while (symbol < 0x100) {
          const unsigned match_bit = (match >> 7) & 1;
          match <<= 1;
          const unsigned bit = rc.Bit(lit + ((1 + match_bit) << 8) + symbol);
          symbol = (symbol << 1) | bit;
          if (match_bit != bit) break;
        }
      }
      while (symbol < 0x100) symbol = (symbol << 1) | rc.Bit(lit + symbol);
      buf[total++] = static_cast<char>(symbol - 0x100);
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      if (!rc.ok()) return false;
      continue;
    }
    const bool rep_match = rc.Bit(p + kIsRep + state) != 0;
    if (rep_match) {
      if (total == 0) return false;
      if (rc.Bit(p + kIsRepG0 + state) == 0) {
        if (rc.Bit(p + kIsRep0Long + (state << kPosBitsMax) + pos_state) == 0) {
          // A single byte at the last distance.
          state = state < 7 ? 9 : 11;
          if (rep[0] >= total) return false;
          buf[total] = buf[total - rep[0] - 1];
          ++total;
          if (!rc.ok()) return false;
          continue;
        }
      } else {
        uint32_t dist;
        if (rc.Bit(p + kIsRepG1 + state) == 0) {
          dist = rep[1];
        } else {
          if (rc.Bit(p + kIsRepG2 + state) == 0) {
            dist = rep[2];
          } else {
            dist = rep[3];
            rep[3] = rep[2];
          }
          rep[2] = rep[1];
        }
        rep[1] = rep[0];
        rep[0] = dist;
      }
    } else {
      rep[3] = rep[2];
      rep[2] = rep[1];
      rep[1] = rep[0];
    }
    // One call site for both length coders: Length is inlined once (Run's size is what V8's
    // optimising compile of it takes).
    uint32_t len = Length(&rc, p + (rep_match ? kRepLen : kLen), pos_state);
    if (rep_match) {
      state = state < 7 ? 8 : 11;
    } else {
      state = state < 7 ? 7 : 10;
      // The distance: a 6-bit slot by length, then its low bits.
      const uint32_t slot = rc.Tree(p + kPosSlot + ((len < 3 ? len : 3) << 6), 6);
      uint32_t dist = slot;
      if (slot >= 4) {
        const int direct = static_cast<int>(slot >> 1) - 1;
        dist = (2 | (slot & 1)) << direct;
        if (slot < kEndPosModel) {
          dist += rc.ReverseTree(p + kPosMiddle + dist - slot, direct);
        } else {
          dist += rc.Direct(direct - kAlignBits) << kAlignBits;
          dist += rc.ReverseTree(p + kAlign, kAlignBits);
        }
      }
      rep[0] = dist;  // all ones is the end marker: it fails the check below, short of `size`
    }
    len += 2;
    if (rep[0] >= total || len > size - total || !rc.ok()) return false;
    for (const size_t end = total + len; total < end; ++total) buf[total] = buf[total - rep[0] - 1];
  }
  s->rc = rc;
  for (int i = 0; i < 4; ++i) s->rep[i] = rep[i];
  s->state = state;
  s->total = total;
  return rc.ok();
}

}  // namespace

bool LzmaDecode(std::string_view in, size_t size, std::string* out) {
  out->clear();
  const bool decoded = Decode(in, size, out);
  if (!decoded) out->clear();
  return decoded;
}

}  // namespace tact::internal
