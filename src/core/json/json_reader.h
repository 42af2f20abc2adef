// JsonReader: a strict JSON parser with the acceptance of Python's json.loads (RFC 8259
// plus NaN, Infinity and -Infinity; lone surrogates allowed; control characters inside
// strings refused; duplicate keys: the last one wins on lookup). Used for JSONL rows,
// records read back by the quality stages, and API answers.
//
// Strings are returned as bytes: escapes are decoded to UTF-8; a lone surrogate
// \udc80..\udcff becomes the single byte 0x80..0xff (the inverse of JsonWriter's
// surrogateescape) and other lone surrogates their 3-byte form, so such text fails the
// pipeline's UTF-8 check instead of being silently changed. Raw bytes inside string
// literals are passed through unchecked. Nesting is limited (kMaxDepth) so hostile input
// cannot exhaust the stack. Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace automend {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_int() const { return type_ == Type::kInt; }
  bool is_number() const { return type_ == Type::kInt || type_ == Type::kDouble; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool as_bool() const { return bool_; }
  int64_t as_int() const { return int_; }
  double as_double() const { return type_ == Type::kInt ? static_cast<double>(int_) : double_; }
  const std::string& as_string() const { return string_; }
  std::string& mutable_string() { return string_; }
  const std::vector<JsonValue>& array() const { return array_; }
  std::vector<JsonValue>& mutable_array() { return array_; }
  const std::vector<std::pair<std::string, JsonValue>>& object() const { return object_; }
  std::vector<std::pair<std::string, JsonValue>>& mutable_object() { return object_; }

  // The value of `key` in an object (the last one when repeated), or nullptr.
  const JsonValue* Find(std::string_view key) const;
  JsonValue* FindMutable(std::string_view key);

 private:
  friend class JsonParser;
  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<JsonValue> array_;
  std::vector<std::pair<std::string, JsonValue>> object_;
};

constexpr int kJsonMaxDepth = 1000;

// Parses exactly one JSON value (surrounding whitespace allowed). On error returns
// Corruption with Python-like wording and position ("Expecting value: line 1 column 5 (char 4)").
Status ParseJson(std::string_view text, JsonValue* value);

// A string literal of a JSON text described instead of decoded: for a reader that may
// never need the decoded text (a JSONL row's content that a cheap gate rejects).
struct JsonStringSpan {
  std::string_view literal;      // as written, quotes included; empty when no string was seen
  size_t saved = 0;              // bytes its escapes take beyond what they decode to
  bool unicode_escape = false;   // one of them is \uXXXX
  bool needless_escape = false;  // one writes a character that needs no escape, other than
                                 // " and \ (\/, \u0041; IsNeedlessEscape)
  bool lone_surrogate = false;   // one is a \uXXXX of a surrogate not in a pair
  bool ascii = false;            // every byte is ASCII as written (false: not known)

  bool empty() const { return literal.empty(); }
  // Between the quotes, escapes as written.
  std::string_view body() const { return literal.substr(1, literal.size() - 2); }
  // The length of the decoded text.
  size_t decoded_size() const { return body().size() - saved; }
};

// Decodes a literal ParseJsonObjectMembers described (so known valid), as ParseJson would.
std::string DecodeJsonString(const JsonStringSpan& span);

// Where a member of an object goes: the JsonValue to decode it into, nothing to skip it,
// or, with `span`, a description of a string value instead of its decoded text (a value
// of another type is still decoded into `value`).
struct JsonMemberSlot {
  JsonMemberSlot(JsonValue* v = nullptr) : value(v) {}  // NOLINT: a bare pointer is a slot
  JsonMemberSlot(JsonValue* v, JsonStringSpan* s) : value(v), span(s) {}
  JsonValue* value = nullptr;
  JsonStringSpan* span = nullptr;
};
using JsonMemberSlots = std::function<JsonMemberSlot(std::string_view key)>;

// For readers that need a few members of a wide object (a JSONL row of The Stack has 29
// columns, of which the pipeline uses 8). Walks a text that should hold one JSON object,
// decoding each member's value into the slot `slot_for(key)` returns (keys are decoded, so
// "\u0063ontent" is "content"). Members without a slot, and everything in a text that is
// not an object, are validated and skipped without being built. A repeated key is decoded
// again into its slot (its value and span start over), so the last one wins as with Find.
// Acceptance and error messages are exactly those of ParseJson; a valid text that is not
// an object sets `*is_object` false. Spans point into `text`.
Status ParseJsonObjectMembers(std::string_view text, const JsonMemberSlots& slot_for,
                              bool* is_object);

}  // namespace automend
