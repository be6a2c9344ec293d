// tact._tact: the Python binding of the core (pybind11).
//
// Reports equal the CLI's JSON lines for the same requests:
// - score() and score_jsonl() go the CLI's way: the request line (encoded here from the Python
//   values) through tact::ScoreJson, the function the CLI and the wasm build call; score()
//   parses the report line into a flat tree without the GIL and builds what json.loads would.
// - score_many() reads a plain request dict straight into ScoreOptions and builds the dict
//   straight from the Report, in ToJson's key order (PyBuilder::Report), on worker threads
//   without the GIL: the request JSON, ToJson and parsing cost about as much as scoring. Any
//   other item goes the CLI's way.
// python/tests compares all three with the CLI binary row by row (sample and shared corpus),
// and score_many(_verify=True) compares each fast dict with ToJson's in-process.
#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "batch.h"
#include "packs_dir.h"
#include "tact/tact.h"

namespace py = pybind11;

namespace {

// ---------------------------------------------------------------------------------------------
// Errors

// Set in PYBIND11_MODULE: tact.TactError (a ValueError).
PyObject* g_tact_error = nullptr;

[[noreturn]] void ThrowTact(const std::string& message) {
  PyErr_SetString(g_tact_error, message.c_str());
  throw py::error_already_set();
}

// ---------------------------------------------------------------------------------------------
// Scanning JSON string bytes, 8 at a time

// The first byte in [p, end) that a JSON string cannot hold as it is: '"', '\\' or a control
// character (< 0x20); `end` when there is none.
const char* FindSpecial(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const auto zero_byte = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    // Exact "some byte is < 0x20, == '"' or == '\\'" tests (no false positives or negatives
    // for the word as a whole).
    const uint64_t hit = ((w - kOnes * 0x20) & ~w & kHigh) | zero_byte(w ^ (kOnes * '"')) |
                         zero_byte(w ^ (kOnes * '\\'));
    if (hit != 0) break;
    p += 8;
  }
  for (; p < end; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\') return p;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Python values -> request JSON (the CLI's input line)

// Appends the UTF-8 of a str; false (and nothing appended) for a str with lone surrogates.
// Unlike PyUnicode_AsUTF8AndSize, leaves no UTF-8 copy cached on a non-ASCII str, which would
// stay as long as the str does: the caller's rows would take twice their memory.
bool AppendUtf8Strict(PyObject* str, std::string* out) {
  if (PyUnicode_IS_COMPACT_ASCII(str)) {
    out->append(static_cast<const char*>(PyUnicode_DATA(str)),
                static_cast<size_t>(PyUnicode_GET_LENGTH(str)));
    return true;
  }
  PyObject* bytes = PyUnicode_AsUTF8String(str);
  if (bytes == nullptr) {
    PyErr_Clear();
    return false;
  }
  out->append(PyBytes_AS_STRING(bytes), static_cast<size_t>(PyBytes_GET_SIZE(bytes)));
  Py_DECREF(bytes);
  return true;
}

// UTF-8 of a str. A str with lone surrogates (from surrogateescape decoding, say) cannot be
// UTF-8: its surrogates are passed through as bytes that the core repairs to U+FFFD and flags
// invalid_utf8, as the CLI does with invalid bytes.
void AppendUtf8(PyObject* str, std::string* out) {
  if (AppendUtf8Strict(str, out)) return;
  py::object bytes =
      py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(str, "utf-8", "surrogatepass"));
  if (!bytes) throw py::error_already_set();
  out->append(PyBytes_AS_STRING(bytes.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(bytes.ptr())));
}

std::string Utf8(py::handle str) {
  std::string out;
  AppendUtf8(str.ptr(), &out);
  return out;
}

// bytes (as they are) or str (UTF-8).
std::string BytesOrStr(py::handle value, const char* what) {
  if (PyBytes_Check(value.ptr())) {
    return std::string(PyBytes_AS_STRING(value.ptr()),
                       static_cast<size_t>(PyBytes_GET_SIZE(value.ptr())));
  }
  if (PyUnicode_Check(value.ptr())) return Utf8(value);
  throw py::type_error(std::string(what) + " must be str or bytes, not " +
                       Py_TYPE(value.ptr())->tp_name);
}

// str from bytes that should be UTF-8; other bytes survive as surrogates (surrogateescape).
py::object DecodeLossless(std::string_view bytes) {
  py::object str = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "surrogateescape"));
  if (!str) throw py::error_already_set();
  return str;
}

void AppendJsonValue(PyObject* value, std::string* out, int depth);

// A JSON string literal: runs of ordinary bytes copied whole, the rest escaped.
void AppendEscaped(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* special = FindSpecial(p, end);
    out->append(p, static_cast<size_t>(special - p));
    if (special == end) break;
    const unsigned char c = static_cast<unsigned char>(*special);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
    p = special + 1;
  }
  out->push_back('"');
}

void AppendJsonStringValue(PyObject* str, std::string* out) {
  if (PyUnicode_IS_COMPACT_ASCII(str)) {
    AppendEscaped(std::string_view(static_cast<const char*>(PyUnicode_DATA(str)),
                                   static_cast<size_t>(PyUnicode_GET_LENGTH(str))),
                  out);
    return;
  }
  std::string utf8;
  AppendUtf8(str, &utf8);
  AppendEscaped(utf8, out);
}

// A JSON encoding of the value, as json.dumps would write it for the core's parser (which then
// accepts or rejects it exactly as it does a CLI line).
void AppendJsonValue(PyObject* value, std::string* out, int depth) {
  if (depth > 32) throw py::value_error("request value nested too deeply");
  if (value == Py_None) {
    out->append("null");
  } else if (value == Py_True) {
    out->append("true");
  } else if (value == Py_False) {
    out->append("false");
  } else if (PyUnicode_Check(value)) {
    AppendJsonStringValue(value, out);
  } else if (PyLong_Check(value)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow == 0) {
      if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
      out->append(std::to_string(v));
    } else {
      py::str text = py::reinterpret_steal<py::str>(PyObject_Str(value));
      if (!text) throw py::error_already_set();
      AppendUtf8(text.ptr(), out);
    }
  } else if (PyFloat_Check(value)) {
    const double d = PyFloat_AS_DOUBLE(value);
    if (d != d || d - d != 0) throw py::value_error("request numbers must be finite");
    py::str text = py::reinterpret_steal<py::str>(PyObject_Repr(value));
    if (!text) throw py::error_already_set();
    AppendUtf8(text.ptr(), out);
  } else if (PyList_Check(value) || PyTuple_Check(value)) {
    py::object seq = py::reinterpret_steal<py::object>(PySequence_Fast(value, "a sequence"));
    if (!seq) throw py::error_already_set();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
    PyObject** items = PySequence_Fast_ITEMS(seq.ptr());
    out->push_back('[');
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonValue(items[i], out, depth + 1);
    }
    out->push_back(']');
  } else if (PyDict_Check(value)) {
    out->push_back('{');
    PyObject* key = nullptr;
    PyObject* item = nullptr;
    Py_ssize_t pos = 0;
    bool first = true;
    while (PyDict_Next(value, &pos, &key, &item)) {
      if (!PyUnicode_Check(key)) throw py::type_error("request object keys must be str");
      if (!first) out->push_back(',');
      first = false;
      AppendJsonStringValue(key, out);
      out->push_back(':');
      AppendJsonValue(item, out, depth + 1);
    }
    out->push_back('}');
  } else {
    throw py::type_error(std::string("a request value of type ") + Py_TYPE(value)->tp_name +
                         " is not JSON serializable");
  }
}

// The request fields the core reads (ScoreJson); other keys of an item are ignored, as the CLI
// ignores other keys of a line.
constexpr const char* kRequestKeys[] = {"id",     "review", "reply",   "lang",
                                        "author", "rating", "business"};

// A collections.abc.Mapping (a str or a list supports [] too, but is no request).
bool IsMapping(PyObject* item) {
  static PyObject* mapping = [] {
    return py::object(py::module_::import("collections.abc").attr("Mapping")).release().ptr();
  }();
  const int is = PyObject_IsInstance(item, mapping);
  if (is < 0) throw py::error_already_set();
  return is == 1;
}

// One request line from a dict (or any mapping) of request fields; None values are left out.
std::string RequestFromMapping(PyObject* item) {
  std::string out = "{";
  bool first = true;
  const bool is_dict = PyDict_Check(item);
  if (!is_dict && !IsMapping(item)) {
    throw py::type_error(std::string("score_many() items must be dicts, not ") +
                         Py_TYPE(item)->tp_name);
  }
  for (const char* key : kRequestKeys) {
    py::object holder;
    PyObject* value = nullptr;
    if (is_dict) {
      value = PyDict_GetItemString(item, key);  // borrowed
    } else if (PyMapping_HasKeyString(item, key)) {
      holder = py::reinterpret_steal<py::object>(PyMapping_GetItemString(item, key));
      if (!holder) throw py::error_already_set();
      value = holder.ptr();
    }
    if (value == nullptr || value == Py_None) continue;
    if (!first) out.push_back(',');
    first = false;
    out.push_back('"');
    out.append(key);
    out.append("\":");
    AppendJsonValue(value, &out, 1);
  }
  out.push_back('}');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report line -> flat tree (any thread) -> Python objects (GIL)

struct Node {
  enum Kind : uint8_t { kNull, kTrue, kFalse, kInt, kDouble, kBigNumber, kString, kArray, kObject };
  Kind kind = kNull;
  uint32_t count = 0;     // kArray: items; kObject: members (each a key node, a value node)
  int64_t integer = 0;    // kInt
  double number = 0;      // kDouble
  std::string_view text;  // kString, kBigNumber: into the line or FlatJson::decoded
};

Node MakeNode(Node::Kind kind) {
  Node node;
  node.kind = kind;
  return node;
}

// A parsed JSON document in pre-order. Strings without escapes point into the line; the others
// into `decoded`, whose blocks never move.
struct FlatJson {
  std::vector<Node> nodes;
  std::vector<std::unique_ptr<std::string>> decoded;
};

class JsonParser {
 public:
  JsonParser(std::string_view text, FlatJson* out) : s_(text), out_(out) {}

  bool Parse() {
    out_->nodes.clear();
    out_->nodes.reserve(s_.size() / 8 + 8);
    SkipSpace();
    if (!Value(0)) return false;
    SkipSpace();
    return pos_ == s_.size();
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool Value(int depth) {
    if (depth > 64 || pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    Node node;
    switch (c) {
      case 'n':
        if (!Literal("null")) return false;
        out_->nodes.push_back(node);
        return true;
      case 't':
        if (!Literal("true")) return false;
        node.kind = Node::kTrue;
        out_->nodes.push_back(node);
        return true;
      case 'f':
        if (!Literal("false")) return false;
        node.kind = Node::kFalse;
        out_->nodes.push_back(node);
        return true;
      case '"':
        return String();
      case '[':
        return Array(depth);
      case '{':
        return Object(depth);
      default:
        return Number();
    }
  }

  bool Number() {
    const size_t start = pos_;
    bool is_integer = true;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    const size_t digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ == digits) return false;
    if (s_[digits] == '0' && pos_ - digits > 1) return false;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      is_integer = false;
      const size_t frac = ++pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == frac) return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      is_integer = false;
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      const size_t exp = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == exp) return false;
    }
    Node node;
    const std::string_view text = s_.substr(start, pos_ - start);
    if (is_integer) {
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), node.integer);
      if (ec == std::errc() && end == text.data() + text.size()) {
        node.kind = Node::kInt;
      } else {
        node.kind = Node::kBigNumber;  // Python's int() of the digits
        node.text = text;
      }
    } else {
      // strtod is correctly rounded, as Python's float() is.
      const std::string copy(text);
      node.kind = Node::kDouble;
      node.number = std::strtod(copy.c_str(), nullptr);
    }
    out_->nodes.push_back(node);
    return true;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = Hex(s_[pos_ + i]);
      if (h < 0) return false;
      v = v * 16 + static_cast<uint32_t>(h);
    }
    pos_ += 4;
    *out = v;
    return true;
  }

  static void AppendCodePoint(uint32_t cp, std::string* out) {
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

  bool String() {
    ++pos_;  // "
    const size_t start = pos_;
    pos_ = static_cast<size_t>(FindSpecial(s_.data() + pos_, s_.data() + s_.size()) - s_.data());
    if (pos_ >= s_.size() || static_cast<unsigned char>(s_[pos_]) < 0x20) return false;
    Node node;
    node.kind = Node::kString;
    if (s_[pos_] == '"') {
      node.text = s_.substr(start, pos_ - start);
      ++pos_;
      out_->nodes.push_back(node);
      return true;
    }
    auto decoded = std::make_unique<std::string>(s_.substr(start, pos_ - start));
    while (pos_ < s_.size() && s_[pos_] != '"') {
      const char c = s_[pos_];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        decoded->push_back(c);
        ++pos_;
        continue;
      }
      if (++pos_ >= s_.size()) return false;
      const char e = s_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          decoded->push_back(e);
          break;
        case 'b':
          decoded->push_back('\b');
          break;
        case 'f':
          decoded->push_back('\f');
          break;
        case 'n':
          decoded->push_back('\n');
          break;
        case 'r':
          decoded->push_back('\r');
          break;
        case 't':
          decoded->push_back('\t');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            const size_t save = pos_;
            pos_ += 2;
            uint32_t low = 0;
            if (Hex4(&low) && low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
            }
          }
          // A lone surrogate cannot be UTF-8: json.loads would keep it, this parser gives up
          // and the caller falls back to json.loads.
          if (cp >= 0xD800 && cp < 0xE000) return false;
          AppendCodePoint(cp, decoded.get());
          break;
        }
        default:
          return false;
      }
    }
    if (pos_ >= s_.size()) return false;
    ++pos_;
    node.text = *decoded;
    out_->decoded.push_back(std::move(decoded));
    out_->nodes.push_back(node);
    return true;
  }

  bool Array(int depth) {
    ++pos_;  // [
    const size_t index = out_->nodes.size();
    out_->nodes.push_back(MakeNode(Node::kArray));
    SkipSpace();
    uint32_t count = 0;
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      SkipSpace();
      if (!Value(depth + 1)) return false;
      ++count;
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] != ']') return false;
      ++pos_;
      break;
    }
    out_->nodes[index].count = count;
    return true;
  }

  bool Object(int depth) {
    ++pos_;  // {
    const size_t index = out_->nodes.size();
    out_->nodes.push_back(MakeNode(Node::kObject));
    SkipSpace();
    uint32_t count = 0;
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"' || !String()) return false;
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return false;
      ++pos_;
      SkipSpace();
      if (!Value(depth + 1)) return false;
      ++count;
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] != '}') return false;
      ++pos_;
      break;
    }
    out_->nodes[index].count = count;
    return true;
  }

  std::string_view s_;
  FlatJson* out_;
  size_t pos_ = 0;
};

PyObject* NewDict(uint32_t size) {
#if PY_VERSION_HEX < 0x030D0000
  return _PyDict_NewPresized(static_cast<Py_ssize_t>(size));  // no resize while filling
#else
  (void)size;
  return PyDict_New();
#endif
}

// Turns flat trees into Python objects, reusing one str object for each short string it has
// seen (keys, ids, statuses, rule ids, messages repeat across reports). Needs the GIL.
class PyBuilder {
 public:
  py::object Build(const FlatJson& tree) {
    size_t index = 0;
    return Build(tree, &index);
  }

  // The dict that json.loads makes of ToJson(report, id): the same keys in the same order, the
  // same values. `id` is the request's id (an exact str or int) or null. score_many's fast path;
  // test_api.py checks it against ToJson on every row of the sample and the corpus.
  py::object Report(const tact::Report& report, PyObject* id) {
    if (!keys_[0]) Init();
    py::object d = Dict(8);
    if (id != nullptr) Set(d, kId, py::reinterpret_borrow<py::object>(id));
    Set(d, kScore, Int(report.score));
    Set(d, kBand, Str(report.band));
    Set(d, kLang, Str(report.lang));
    if (!report.agent.empty()) Set(d, kAgent, Str(report.agent));
    py::object criteria = List(report.criteria.size());
    for (size_t i = 0; i < report.criteria.size(); ++i) {
      const tact::CriterionResult& c = report.criteria[i];
      py::object item = Dict(3);
      Set(item, kId, Str(c.id));
      Set(item, kWeight, Int(c.weight));
      Set(item, kStatus,
          Name(statuses_, static_cast<size_t>(c.status), tact::StatusName(c.status)));
      PyList_SET_ITEM(criteria.ptr(), static_cast<Py_ssize_t>(i), item.release().ptr());
    }
    Set(d, kCriteria, criteria);
    py::object findings = List(report.findings.size());
    for (size_t i = 0; i < report.findings.size(); ++i) {
      const tact::Finding& f = report.findings[i];
      py::object item = Dict(5 + (f.has_span ? 4 : 0) + (f.suggestion.empty() ? 0 : 1));
      Set(item, kRule, Str(f.rule));
      Set(item, kCriterion, Str(f.criterion));
      Set(item, kSeverity,
          Name(severities_, static_cast<size_t>(f.severity), tact::SeverityName(f.severity)));
      Set(item, kField, keys_[kReply]);
      if (f.has_span) {
        Set(item, kBegin, Int(f.span.begin));
        Set(item, kEnd, Int(f.span.end));
        Set(item, kBegin16, Int(f.span.begin16));
        Set(item, kEnd16, Int(f.span.end16));
      }
      Set(item, kMessage, Str(f.message));
      if (!f.suggestion.empty()) Set(item, kSuggestion, Str(f.suggestion));
      PyList_SET_ITEM(findings.ptr(), static_cast<Py_ssize_t>(i), item.release().ptr());
    }
    Set(d, kFindings, findings);
    py::object review = Dict(3);
    py::object topics = List(report.review_topics.size());
    for (size_t i = 0; i < report.review_topics.size(); ++i) {
      PyList_SET_ITEM(topics.ptr(), static_cast<Py_ssize_t>(i),
                      Str(report.review_topics[i]).release().ptr());
    }
    Set(review, kTopics, topics);
    Set(review, kRefusal, py::bool_(report.review_refusal));
    if (!report.polarity.empty()) Set(review, kPolarity, Str(report.polarity));
    Set(d, kReview, review);
    py::object flags = List(0);
    for (const auto& [bit, name] : kFlagNames) {
      if ((report.flags & bit) == 0) continue;
      if (PyList_Append(flags.ptr(), Str(name).ptr()) != 0) throw py::error_already_set();
    }
    Set(d, kFlags, flags);
    return d;
  }

  // The flags that Report() names, in ToJson's order; a report with another bit set goes
  // through ToJson instead.
  static constexpr std::pair<uint32_t, std::string_view> kFlagNames[] = {
      {tact::kFlagTruncated, "truncated"},
      {tact::kFlagInvalidUtf8, "invalid_utf8"},
      {tact::kFlagLangGuessed, "lang_guessed"},
      {tact::kFlagLangUnsupported, "lang_unsupported"}};
  static constexpr uint32_t kKnownFlags = tact::kFlagTruncated | tact::kFlagInvalidUtf8 |
                                          tact::kFlagLangGuessed | tact::kFlagLangUnsupported;

  py::object Str(std::string_view text) {
    if (text.size() <= kMaxCachedLength) {
      if (auto it = cache_.find(text); it != cache_.end()) return it->second;
    }
    py::object str = py::reinterpret_steal<py::object>(
        PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict"));
    if (!str) throw py::error_already_set();
    if (text.size() <= kMaxCachedLength) {
      if (cache_.size() >= kMaxCacheEntries) cache_.clear();
      cache_.emplace(std::string(text), str);
    }
    return str;
  }

 private:
  static py::object Dict(uint32_t size) {
    py::object d = py::reinterpret_steal<py::object>(NewDict(size));
    if (!d) throw py::error_already_set();
    return d;
  }
  static py::object List(size_t size) {
    py::object l = py::reinterpret_steal<py::object>(PyList_New(static_cast<Py_ssize_t>(size)));
    if (!l) throw py::error_already_set();
    return l;
  }
  static py::object Int(long long v) {
    py::object i = py::reinterpret_steal<py::object>(PyLong_FromLongLong(v));
    if (!i) throw py::error_already_set();
    return i;
  }
  // ToJson's keys, made once (interned: their hashes are computed once too).
  enum Key : uint8_t {
    kId,
    kScore,
    kBand,
    kLang,
    kCriteria,
    kWeight,
    kStatus,
    kFindings,
    kRule,
    kCriterion,
    kSeverity,
    kField,
    kBegin,
    kEnd,
    kBegin16,
    kEnd16,
    kMessage,
    kSuggestion,
    kReview,
    kTopics,
    kRefusal,
    kPolarity,
    kFlags,
    kReply,
    kAgent,
    kKeyCount
  };
  static constexpr const char* kKeyNames[kKeyCount] = {
      "id",       "score", "band",      "lang",       "criteria", "weight", "status",
      "findings", "rule",  "criterion", "severity",   "field",    "begin",  "end",
      "begin16",  "end16", "message",   "suggestion", "review",   "topics", "refusal",
      "polarity", "flags", "reply",     "agent"};

  void Init() {
    for (size_t i = 0; i < kKeyCount; ++i) {
      keys_[i] = py::reinterpret_steal<py::object>(PyUnicode_InternFromString(kKeyNames[i]));
      if (!keys_[i]) throw py::error_already_set();
    }
  }

  // The str for a small enum's name (a status, a severity), made on first use.
  template <size_t N>
  py::object Name(std::array<py::object, N>& names, size_t index, std::string_view name) {
    if (index >= N) return Str(name);
    if (!names[index]) names[index] = Str(name);
    return names[index];
  }

  void Set(const py::object& d, Key key, const py::object& value) {
    if (PyDict_SetItem(d.ptr(), keys_[key].ptr(), value.ptr()) != 0) throw py::error_already_set();
  }

  std::array<py::object, kKeyCount> keys_;
  std::array<py::object, 8> statuses_;
  std::array<py::object, 4> severities_;

  static constexpr size_t kMaxCachedLength = 512;
  static constexpr size_t kMaxCacheEntries = 1 << 16;

  struct Hash {
    using is_transparent = void;
    // Length and three 8-byte samples: cheap for long messages; equal-hash strings are still
    // told apart by the map's comparison.
    size_t operator()(std::string_view s) const {
      constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
      uint64_t h = (s.size() + 1) * kMul;
      const auto mix = [&](uint64_t v) {
        h = (h ^ v) * kMul;
        h ^= h >> 32;
      };
      if (s.size() >= 8) {
        uint64_t v;
        for (size_t at : {size_t{0}, (s.size() - 8) / 2, s.size() - 8}) {
          std::memcpy(&v, s.data() + at, 8);
          mix(v);
        }
      } else {
        uint64_t v = 0;
        std::memcpy(&v, s.data(), s.size());
        mix(v);
      }
      return static_cast<size_t>(h);
    }
  };

  py::object Build(const FlatJson& tree, size_t* index) {
    const Node& node = tree.nodes[(*index)++];
    switch (node.kind) {
      case Node::kNull:
        return py::none();
      case Node::kTrue:
        return py::bool_(true);
      case Node::kFalse:
        return py::bool_(false);
      case Node::kInt:
        return py::reinterpret_steal<py::object>(PyLong_FromLongLong(node.integer));
      case Node::kDouble:
        return py::reinterpret_steal<py::object>(PyFloat_FromDouble(node.number));
      case Node::kBigNumber: {
        const std::string digits(node.text);
        py::object v =
            py::reinterpret_steal<py::object>(PyLong_FromString(digits.c_str(), nullptr, 10));
        if (!v) throw py::error_already_set();
        return v;
      }
      case Node::kString:
        return Str(node.text);
      case Node::kArray: {
        py::object list =
            py::reinterpret_steal<py::object>(PyList_New(static_cast<Py_ssize_t>(node.count)));
        if (!list) throw py::error_already_set();
        for (uint32_t i = 0; i < node.count; ++i) {
          PyList_SET_ITEM(list.ptr(), i, Build(tree, index).release().ptr());
        }
        return list;
      }
      case Node::kObject: {
        py::object dict = py::reinterpret_steal<py::object>(NewDict(node.count));
        if (!dict) throw py::error_already_set();
        for (uint32_t i = 0; i < node.count; ++i) {
          py::object key = Build(tree, index);
          py::object value = Build(tree, index);
          if (PyDict_SetItem(dict.ptr(), key.ptr(), value.ptr()) != 0) {
            throw py::error_already_set();
          }
        }
        return dict;
      }
    }
    return py::none();
  }

  std::unordered_map<std::string, py::object, Hash, std::equal_to<>> cache_;
};

// A report line as a Python object: the flat tree when it parsed, else json.loads (never
// expected: the core writes valid JSON).
py::object LineToPython(PyBuilder* builder, const std::string& line, const FlatJson& tree,
                        bool parsed) {
  if (parsed) return builder->Build(tree);
  return py::module_::import("json").attr("loads")(py::str(line));
}

// ---------------------------------------------------------------------------------------------
// The scorer

// Every *.json under `path`, sorted, named by path: the CLI's --packs reader.
std::vector<tact::PackSource> ReadPackDir(const py::object& path) {
  const std::string dir = BytesOrStr(py::module_::import("os").attr("fsencode")(path), "path");
  absl::StatusOr<std::vector<tact::PackSource>> packs;
  {
    py::gil_scoped_release release;
    packs = tact::cli::ReadPackDir(dir);
  }
  if (!packs.ok()) ThrowTact(std::string(packs.status().message()));
  return *std::move(packs);
}

int DefaultThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

class PyScorer {
 public:
  PyScorer(tact::Scorer scorer, std::vector<tact::PackSource> sources, bool with_builtin)
      : scorer_(std::move(scorer)), sources_(std::move(sources)), with_builtin_(with_builtin) {}

  static PyScorer Builtin() {
    absl::StatusOr<tact::Scorer> scorer = tact::Scorer::Builtin();
    if (!scorer.ok()) ThrowTact(std::string(scorer.status().message()));
    return PyScorer(*std::move(scorer), {}, true);
  }

  static PyScorer FromSources(std::vector<tact::PackSource> sources, bool with_builtin) {
    absl::StatusOr<tact::Scorer> scorer = [&]() {
      py::gil_scoped_release release;
      return tact::Scorer::FromPacks(sources, with_builtin);
    }();
    if (!scorer.ok()) ThrowTact(std::string(scorer.status().message()));
    return PyScorer(*std::move(scorer), std::move(sources), with_builtin);
  }

  // Pickling (a Scorer sent to Dask workers or a process pool): the custom pack sources, which
  // the other side compiles again.
  py::tuple GetState() const {
    py::list sources;
    for (const tact::PackSource& p : sources_) {
      sources.append(py::make_tuple(DecodeLossless(p.name), py::bytes(p.json)));
    }
    return py::make_tuple(sources, with_builtin_);
  }

  static PyScorer SetState(const py::tuple& state) {
    if (state.size() != 2) throw py::value_error("bad Scorer state");
    std::vector<tact::PackSource> sources;
    for (py::handle item : state[0]) {
      py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      sources.push_back({Utf8(pair[0]), BytesOrStr(pair[1], "pack json")});
    }
    const bool with_builtin = state[1].cast<bool>();
    if (sources.empty() && with_builtin) return Builtin();
    return FromSources(std::move(sources), with_builtin);
  }

  std::vector<std::string> Languages() const { return scorer_.Languages(); }

  // "auto" for None; otherwise a loaded language, checked as the CLI checks --lang.
  std::string DefaultLang(const py::object& lang) const {
    if (lang.is_none()) return "auto";
    std::string code = Utf8(py::str(lang));
    if (code == "auto") return code;
    const std::vector<std::string> langs = scorer_.Languages();
    if (std::find(langs.begin(), langs.end(), code) == langs.end()) {
      std::string known = "auto";
      for (const std::string& l : langs) known += ", " + l;
      ThrowTact("lang must be one of " + known + ", not '" + code + "'");
    }
    return code;
  }

  py::object Score(const py::object& review, const py::object& reply, const py::object& lang,
                   const py::object& author, const py::object& rating, const py::object& business,
                   const py::object& id) const {
    if (reply.is_none()) throw py::type_error("score() needs a reply (a str), not None");
    py::dict request;
    if (!id.is_none()) request["id"] = id;
    if (!review.is_none()) request["review"] = review;
    request["reply"] = reply;
    if (!lang.is_none()) request["lang"] = lang;
    if (!author.is_none()) request["author"] = author;
    if (!rating.is_none()) request["rating"] = rating;
    if (!business.is_none()) request["business"] = business;
    const std::string line = RequestFromMapping(request.ptr());
    bool ok = false;
    std::string error;
    std::string out;
    FlatJson tree;
    bool parsed = false;
    {
      py::gil_scoped_release release;
      out = tact::ScoreJson(scorer_, line, &ok, &error);
      if (ok) parsed = JsonParser(out, &tree).Parse();
    }
    if (!ok) ThrowTact(error);
    return LineToPython(&builder_, out, tree, parsed);
  }

  py::list ScoreMany(const py::iterable& items, const py::object& threads_arg,
                     const py::object& lang_arg, const std::string& errors, bool verify) const;

  py::object ScoreJsonl(const py::object& data, int threads, const py::object& lang_arg) const {
    if (threads < 1 || threads > 256) throw py::value_error("threads must be from 1 to 256");
    const bool as_bytes = PyBytes_Check(data.ptr());
    tact::cli::BatchOptions options;
    options.threads = threads;
    options.lang = DefaultLang(lang_arg);
    std::string input = BytesOrStr(data, "score_jsonl() data");
    std::string output;
    {
      py::gil_scoped_release release;
      std::istringstream in(std::move(input));
      std::ostringstream out;
      std::ostringstream err;  // the messages are also in the error objects on `out`
      tact::cli::ScoreStream(scorer_, in, out, err, options);
      output = std::move(out).str();
    }
    if (as_bytes) return py::bytes(output);
    return py::reinterpret_steal<py::object>(
        PyUnicode_DecodeUTF8(output.data(), static_cast<Py_ssize_t>(output.size()), "strict"));
  }

 private:
  tact::Scorer scorer_;
  std::vector<tact::PackSource> sources_;  // custom packs, for pickling
  bool with_builtin_ = true;
  // score()'s str objects for the strings every report repeats (used under the GIL only).
  mutable PyBuilder builder_;
};

// A request read straight from a dict, for score_many's fast path: only the plain cases (every
// field absent, None or of the one type the core expects, no lone surrogate), so that the
// core would accept it as it is; anything else goes the CLI's way (RequestFromMapping +
// ScoreJson), which gives its exact error messages too.
struct FastRequest {
  std::string review;
  std::string reply;
  std::string author;
  std::string lang;
  std::vector<std::string> business;
  int rating = 0;
  py::object id;  // an exact str or int, or empty; touched under the GIL only
};

// `*out` holds the UTF-8 of `value` when it is a str without lone surrogates.
bool PlainText(PyObject* value, std::string* out) {
  if (!PyUnicode_Check(value)) return false;
  out->clear();
  return AppendUtf8Strict(value, out);
}

bool ReadFast(PyObject* item, FastRequest* out) {
  if (!PyDict_Check(item)) return false;
  const auto get = [&](const char* key) -> PyObject* {
    PyObject* v = PyDict_GetItemString(item, key);  // borrowed
    return v == Py_None ? nullptr : v;
  };
  PyObject* reply = get("reply");
  if (reply == nullptr || !PlainText(reply, &out->reply)) return false;
  out->review.clear();
  out->author.clear();
  out->lang.clear();
  out->business.clear();
  out->rating = 0;
  out->id = py::object();
  if (PyObject* v = get("review"); v != nullptr && !PlainText(v, &out->review)) return false;
  if (PyObject* v = get("author"); v != nullptr && !PlainText(v, &out->author)) return false;
  if (PyObject* v = get("lang"); v != nullptr && !PlainText(v, &out->lang)) return false;
  if (PyObject* v = get("rating"); v != nullptr) {
    if (!PyLong_CheckExact(v)) return false;
    const long r = PyLong_AsLong(v);
    if (r < 1 || r > 5) {
      PyErr_Clear();
      return false;
    }
    out->rating = static_cast<int>(r);
  }
  if (PyObject* v = get("business"); v != nullptr) {
    if (PyUnicode_Check(v)) {
      out->business.emplace_back();
      if (!PlainText(v, &out->business.back())) return false;
    } else if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) {
      const Py_ssize_t n = PySequence_Fast_GET_SIZE(v);
      PyObject** names = PySequence_Fast_ITEMS(v);
      for (Py_ssize_t i = 0; i < n; ++i) {
        out->business.emplace_back();
        if (!PlainText(names[i], &out->business.back())) return false;
      }
    } else {
      return false;
    }
  }
  if (PyObject* v = get("id"); v != nullptr) {
    if (PyLong_CheckExact(v)) {
      int overflow = 0;
      PyLong_AsLongLongAndOverflow(v, &overflow);
      if (overflow != 0) return false;
      out->id = py::reinterpret_borrow<py::object>(v);
    } else if (PyUnicode_CheckExact(v)) {
      std::string unused;
      if (!PlainText(v, &unused)) return false;
      out->id = py::reinterpret_borrow<py::object>(v);
    } else {
      return false;
    }
  }
  return true;
}

// score_many: the calling thread reads requests and builds result objects (it holds the GIL
// for that only), `threads` workers score without the GIL, results come back in input order.
// At most `window` requests are in flight, so memory stays bounded for a long iterable; the
// caller sleeps until a batch of results is ready rather than waking for each one.
//
// A plain request dict takes the fast path: its fields go straight into ScoreOptions and the
// Report straight into a dict (PyBuilder::Report), skipping the request JSON, ToJson and the
// report's parsing, which would cost about as much as scoring. Any other item goes the CLI's
// way: its request line through tact::ScoreJson and the report line parsed. `verify` (tests)
// also runs ToJson on each fast report and checks that the two dicts are equal.
py::list PyScorer::ScoreMany(const py::iterable& items, const py::object& threads_arg,
                             const py::object& lang_arg, const std::string& errors,
                             bool verify) const {
  const int threads = threads_arg.is_none() ? DefaultThreads() : threads_arg.cast<int>();
  if (threads < 1 || threads > 256) throw py::value_error("threads must be from 1 to 256");
  if (errors != "raise" && errors != "include") {
    throw py::value_error("errors must be 'raise' or 'include', not '" + errors + "'");
  }
  const bool raise = errors == "raise";
  const std::string lang = DefaultLang(lang_arg);

  struct Slot {
    bool fast = false;
    FastRequest fast_request;
    std::optional<tact::Report> report;  // fast path
    std::string request;                 // the CLI's way
    std::string output;                  // its report line, or ToJson when verifying
    FlatJson tree;
    bool parsed = false;
    bool ok = false;
    std::string error;
    std::atomic<bool> ready{false};
  };
  constexpr size_t kBatch = 32;
  constexpr size_t kNotWaiting = static_cast<size_t>(-1);
  const size_t window = std::max<size_t>(256, static_cast<size_t>(threads) * 128);
  std::unique_ptr<Slot[]> slots(new Slot[window]);

  std::mutex mu;
  std::condition_variable work_cv;  // workers: a request was produced, or stop
  std::condition_variable done_cv;  // caller: the slot it waits for is ready
  size_t produced = 0;              // guarded by mu
  size_t claimed = 0;               // guarded by mu
  size_t idle = 0;                  // workers waiting for work, guarded by mu
  bool stop = false;                // guarded by mu
  constexpr size_t kClaim = 8;      // requests a worker takes at once, at most
  constexpr size_t kPublish = 16;   // requests read before the workers are told
  std::atomic<size_t> wait_target{kNotWaiting};

  const auto score_fast = [&](Slot& slot) {
    const FastRequest& r = slot.fast_request;
    tact::ScoreOptions options;
    options.lang = r.lang.empty() ? std::string_view(lang) : std::string_view(r.lang);
    options.author = r.author;
    options.rating = r.rating;
    for (const std::string& name : r.business) options.business.emplace_back(name);
    absl::StatusOr<tact::Report> report = scorer_.Score(r.review, r.reply, options);
    slot.ok = report.ok();
    if (!report.ok()) {
      slot.error = std::string(report.status().message());
      return;
    }
    if ((report->flags & ~PyBuilder::kKnownFlags) != 0 || verify) {
      // A flag this module cannot name (a newer core), or a check: ToJson's own line. The id
      // is only known under the GIL, so the line is written without it; the caller adds it.
      slot.output = tact::ToJson(*report);
      slot.parsed = JsonParser(slot.output, &slot.tree).Parse();
    }
    slot.report = *std::move(report);
  };

  // Scores slots [first, first + count) and marks each ready.
  const auto process = [&](size_t first, size_t count) {
    for (size_t index = first; index < first + count; ++index) {
      Slot& slot = slots[index % window];
      if (slot.fast) {
        score_fast(slot);
      } else {
        slot.output = tact::ScoreJson(scorer_, slot.request, &slot.ok, &slot.error, lang);
        slot.parsed = JsonParser(slot.output, &slot.tree).Parse();
        std::string().swap(slot.request);
      }
      slot.ready.store(true);  // seq_cst, paired with wait_target (no lost wake-up)
      if (wait_target.load() == index) {
        { std::lock_guard lock(mu); }
        done_cv.notify_one();
      }
    }
  };
  // Takes a few requests at once (fewer lock round trips), sharing what is there; mu held.
  const auto claim = [&](size_t* first) {
    const size_t share = (produced - claimed) / static_cast<size_t>(threads);
    const size_t count = std::clamp<size_t>(share, 1, kClaim);
    *first = claimed;
    claimed += count;
    return count;
  };
  const auto worker = [&]() {
    for (;;) {
      size_t first = 0;
      size_t count = 0;
      {
        std::unique_lock lock(mu);
        ++idle;
        work_cv.wait(lock, [&]() { return stop || claimed < produced; });
        --idle;
        if (stop) return;
        count = claim(&first);
      }
      process(first, count);
    }
  };

  std::vector<std::thread> pool;
  // Stops and joins the workers on every way out, an exception included.
  struct Joiner {
    std::vector<std::thread>* pool;
    std::mutex* mu;
    bool* stop;
    std::condition_variable* work_cv;
    ~Joiner() {
      {
        std::lock_guard lock(*mu);
        *stop = true;
      }
      work_cv->notify_all();
      if (pool->empty()) return;
      py::gil_scoped_release release;
      for (std::thread& t : *pool) t.join();
    }
  } joiner{&pool, &mu, &stop, &work_cv};
  // `threads` workers score; this thread only reads requests and builds reports, so that
  // another Python thread holding the GIL delays those, never the scoring.
  {
    py::gil_scoped_release release;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  }

  // Report objects are acyclic: the cyclic GC has nothing to find in them, and would otherwise
  // walk the growing result list again and again. Collection resumes afterwards.
  struct GcPause {
    bool was_enabled = PyGC_Disable() == 1;
    ~GcPause() {
      if (was_enabled) PyGC_Enable();
    }
  } gc_pause;

  py::list results;
  PyBuilder builder;
  py::iterator it = py::iter(items);
  bool exhausted = false;
  size_t converted = 0;
  size_t next = 0;  // produced, as seen by this thread
  const auto result = [&](Slot& slot, size_t index) -> py::object {
    if (!slot.fast) {
      if (!slot.ok && raise) ThrowTact("item " + std::to_string(index) + ": " + slot.error);
      return LineToPython(&builder, slot.output, slot.tree, slot.parsed);
    }
    PyObject* id = slot.fast_request.id ? slot.fast_request.id.ptr() : nullptr;
    if (!slot.ok) {
      if (raise) ThrowTact("item " + std::to_string(index) + ": " + slot.error);
      py::dict error;  // ErrorJson: {"id"?, "error"}
      if (id != nullptr) error["id"] = slot.fast_request.id;
      error["error"] = builder.Str(slot.error);
      return error;
    }
    if (slot.output.empty()) return builder.Report(*slot.report, id);
    py::object line = LineToPython(&builder, slot.output, slot.tree, slot.parsed);
    if (id != nullptr) {  // ToJson writes the id first
      py::dict with_id;
      with_id["id"] = slot.fast_request.id;
      with_id.attr("update")(line);
      line = std::move(with_id);
    }
    if (verify) {
      py::object fast = builder.Report(*slot.report, id);
      const bool same =
          fast.equal(line) && py::list(fast.attr("keys")()).equal(py::list(line.attr("keys")()));
      if (!same) {
        ThrowTact("item " + std::to_string(index) + ": the fast report differs from ToJson's: " +
                  py::repr(fast).cast<std::string>() + " != " + py::repr(line).cast<std::string>());
      }
    }
    return line;
  };
  // Makes the requests read so far visible to the workers, waking the idle ones.
  const auto publish = [&]() {
    bool wake = false;
    {
      std::lock_guard lock(mu);
      if (produced == next) return;
      produced = next;
      wake = idle > 0;
    }
    if (wake) work_cv.notify_all();
  };
  for (;;) {
    // Keep the window full.
    while (!exhausted && next - converted < window) {
      if (it == py::iterator::sentinel()) {
        exhausted = true;
        break;
      }
      Slot& slot = slots[next % window];
      slot.fast = ReadFast(it->ptr(), &slot.fast_request);
      if (!slot.fast) {
        slot.fast_request.id = py::object();
        slot.request = RequestFromMapping(it->ptr());
      }
      ++it;
      slot.ready.store(false, std::memory_order_relaxed);
      if (++next % kPublish == 0) publish();
    }
    publish();
    // Hand out what is ready, in order.
    bool progressed = false;
    while (converted < next && slots[converted % window].ready.load()) {
      Slot& slot = slots[converted % window];
      results.append(result(slot, converted));
      slot.report.reset();
      slot.fast_request.id = py::object();
      std::string().swap(slot.output);
      slot.tree.nodes.clear();
      slot.tree.decoded.clear();
      ++converted;
      progressed = true;
    }
    if (converted == next && exhausted) break;
    if (progressed && !exhausted) continue;  // refill first
    // Sleep until a batch is ready (requests are claimed in order, so they finish nearly so),
    // or at least the next one when the end of the batch happens to be ready first.
    size_t target = std::min(converted + kBatch, next) - 1;
    if (slots[target % window].ready.load()) target = converted;
    py::gil_scoped_release release;
    std::unique_lock lock(mu);
    wait_target.store(target);
    done_cv.wait(lock, [&]() { return slots[target % window].ready.load(); });
    wait_target.store(kNotWaiting);
  }
  return results;
}

}  // namespace

PYBIND11_MODULE(_tact, m) {
  m.doc() = "Tact's core: scores replies to customer reviews (see the tact package).";
  // One reference kept for the life of the process (the module is never unloaded).
  g_tact_error = PyErr_NewExceptionWithDoc(
      "tact.TactError",
      "A rule pack, pack directory or request that Tact cannot use; the message is the "
      "loader's or the scorer's, as the CLI prints it.",
      PyExc_ValueError, nullptr);
  if (g_tact_error == nullptr) throw py::error_already_set();
  m.add_object("TactError", py::handle(g_tact_error));
  m.attr("__version__") = std::string(tact::Version());

  m.def(
      "read_pack_dir",
      [](const py::object& path) {
        py::list out;
        for (const tact::PackSource& p : ReadPackDir(path)) {
          out.append(py::make_tuple(DecodeLossless(p.name), DecodeLossless(p.json)));
        }
        return out;
      },
      py::arg("path"));

  // Test and benchmark hooks: the two conversions score() and score_many() make, alone.
  m.def(
      "_request_json",
      [](const py::handle& item) { return DecodeLossless(RequestFromMapping(item.ptr())); },
      py::arg("item"));
  m.def(
      "_loads_reports",
      [](const py::iterable& lines) {
        py::list out;
        PyBuilder builder;
        FlatJson tree;
        for (py::handle line : lines) {
          const std::string text = BytesOrStr(line, "a report line");
          const bool parsed = JsonParser(text, &tree).Parse();
          out.append(LineToPython(&builder, text, tree, parsed));
        }
        return out;
      },
      py::arg("lines"));

  py::class_<PyScorer>(m, "Scorer")
      .def(py::init([]() { return PyScorer::Builtin(); }))
      .def_static(
          "from_pack_sources",
          [](const py::iterable& sources, bool with_builtin) {
            std::vector<tact::PackSource> packs;
            for (py::handle item : sources) {
              py::tuple pair = py::reinterpret_borrow<py::object>(item).cast<py::tuple>();
              if (pair.size() != 2) throw py::value_error("pack sources are (name, json) pairs");
              std::string json;
              if (PyUnicode_Check(pair[1].ptr())) {
                py::object b = py::reinterpret_steal<py::object>(
                    PyUnicode_AsEncodedString(pair[1].ptr(), "utf-8", "surrogateescape"));
                if (!b) throw py::error_already_set();
                json = BytesOrStr(b, "pack json");
              } else {
                json = BytesOrStr(pair[1], "pack json");
              }
              packs.push_back({Utf8(py::str(pair[0])), std::move(json)});
            }
            return PyScorer::FromSources(std::move(packs), with_builtin);
          },
          py::arg("sources"), py::kw_only(), py::arg("with_builtin") = true)
      .def_static(
          "from_packs",
          [](const py::object& path, bool with_builtin) {
            return PyScorer::FromSources(ReadPackDir(path), with_builtin);
          },
          py::arg("path"), py::kw_only(), py::arg("with_builtin") = true)
      .def_property_readonly("languages", &PyScorer::Languages)
      .def(py::pickle([](const PyScorer& self) { return self.GetState(); },
                      [](const py::tuple& state) { return PyScorer::SetState(state); }))
      .def("score", &PyScorer::Score, py::arg("review"), py::arg("reply"), py::kw_only(),
           py::arg("lang") = py::none(), py::arg("author") = py::none(),
           py::arg("rating") = py::none(), py::arg("business") = py::none(),
           py::arg("id") = py::none())
      .def("score_many", &PyScorer::ScoreMany, py::arg("items"), py::kw_only(),
           py::arg("threads") = py::none(), py::arg("lang") = py::none(),
           py::arg("errors") = "raise", py::arg("_verify") = false)
      .def("score_jsonl", &PyScorer::ScoreJsonl, py::arg("data"), py::kw_only(),
           py::arg("threads") = 1, py::arg("lang") = py::none());
}
