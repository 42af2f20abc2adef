#include "core/json/json_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/json/json_string_scan.h"
#include "core/text/byte_scan.h"
#include "core/text/utf8.h"

namespace automend {

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (auto it = object_.rbegin(); it != object_.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

JsonValue* JsonValue::FindMutable(std::string_view key) {
  for (auto it = object_.rbegin(); it != object_.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

// What the one-letter escapes decode to, by the byte after the backslash; 0 for the others.
constexpr std::array<char, 256> kSimpleEscapes = [] {
  std::array<char, 256> table{};
  table['"'] = '"';
  table['\\'] = '\\';
  table['/'] = '/';
  table['b'] = '\b';
  table['f'] = '\f';
  table['n'] = '\n';
  table['r'] = '\r';
  table['t'] = '\t';
  return table;
}();

// A recursive-descent parser over one text. Every Parse* method takes the value to fill,
// or nullptr to validate and skip the value without building it (same grammar, same
// errors, no allocation): one grammar serves ParseJson and ParseJsonObjectMembers.
class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  Status Parse(JsonValue* out) {
    SkipSpace();
    AUTOMEND_RETURN_IF_ERROR(ParseValue(out, 0));
    return ExpectEnd();
  }

  Status ParseMembers(const JsonMemberSlots& slot_for, bool* is_object) {
    SkipSpace();
    *is_object = pos_ < s_.size() && s_[pos_] == '{';
    if (*is_object) {
      AUTOMEND_RETURN_IF_ERROR(ParseObject(nullptr, 1, &slot_for));
    } else {
      AUTOMEND_RETURN_IF_ERROR(ParseValue(nullptr, 0));
    }
    return ExpectEnd();
  }

  // Decodes the string literal that is the whole text into `out`.
  Status ParseStringLiteral(std::string* out) {
    AUTOMEND_RETURN_IF_ERROR(ParseString(out));
    return ExpectEnd();
  }

 private:
  Status Error(std::string_view what) const {
    size_t line = 1, col_start = 0;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i)
      if (s_[i] == '\n') ++line, col_start = i + 1;
    return Status::Corruption(std::string(what) + ": line " + std::to_string(line) + " column " +
                              std::to_string(pos_ - col_start + 1) + " (char " +
                              std::to_string(pos_) + ")");
  }

  Status ExpectEnd() {
    SkipSpace();
    if (pos_ != s_.size()) return Error("Extra data");
    return Status::OK();
  }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool Consume(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Status ParseValue(JsonValue* out, int depth) {
    if (pos_ >= s_.size()) return Error("Expecting value");
    char c = s_[pos_];
    switch (c) {
      case '{':
        return ParseObject(out, depth + 1, nullptr);
      case '[': return ParseArray(out, depth + 1);
      case '"':
        if (!out) return ParseString(nullptr);
        out->type_ = JsonValue::Type::kString;
        return ParseString(&out->string_);
      case 't':
        if (Consume("true")) return SetBool(out, true);
        break;
      case 'f':
        if (Consume("false")) return SetBool(out, false);
        break;
      case 'n':
        if (Consume("null")) {
          if (out) out->type_ = JsonValue::Type::kNull;
          return Status::OK();
        }
        break;
      case 'N':
        if (Consume("NaN")) return SetDouble(out, std::numeric_limits<double>::quiet_NaN());
        break;
      case 'I':
        if (Consume("Infinity")) return SetDouble(out, std::numeric_limits<double>::infinity());
        break;
      case '-':
        if (Consume("-Infinity")) return SetDouble(out, -std::numeric_limits<double>::infinity());
        return ParseNumber(out);
      default:
        if (c >= '0' && c <= '9') return ParseNumber(out);
        break;
    }
    return Error("Expecting value");
  }

  static Status SetBool(JsonValue* out, bool b) {
    if (out) {
      out->type_ = JsonValue::Type::kBool;
      out->bool_ = b;
    }
    return Status::OK();
  }

  static Status SetDouble(JsonValue* out, double d) {
    if (out) {
      out->type_ = JsonValue::Type::kDouble;
      out->double_ = d;
    }
    return Status::OK();
  }

  Status ParseNumber(JsonValue* out) {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !IsDigit(s_[pos_])) {
      pos_ = start;
      return Error("Expecting value");
    }
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    bool integer = true;
    if (pos_ + 1 < s_.size() && s_[pos_] == '.' && IsDigit(s_[pos_ + 1])) {
      integer = false;
      pos_ += 2;
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t e = pos_ + 1;
      if (e < s_.size() && (s_[e] == '+' || s_[e] == '-')) ++e;
      if (e < s_.size() && IsDigit(s_[e])) {
        integer = false;
        pos_ = e;
        while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
      }
    }
    if (!out) return Status::OK();
    std::string_view num = s_.substr(start, pos_ - start);
    if (integer) {
      int64_t v;
      auto res = std::from_chars(num.data(), num.data() + num.size(), v);
      if (res.ec == std::errc() && res.ptr == num.data() + num.size()) {
        out->type_ = JsonValue::Type::kInt;
        out->int_ = v;
        return Status::OK();
      }
    }
    // Python keeps big integers exact; this reader has no use for them beyond their size.
    return SetDouble(out, std::strtod(std::string(num).c_str(), nullptr));
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  // Checks the string literal at pos_, moves past it and decodes it into `out` (unless
  // null), or describes it in `span` (with a null `out`). Decoded bytes are written through
  // a pointer into `out`, which grows geometrically but never past the bytes left in the
  // text: an escape is never shorter than what it decodes to.
  Status ParseString(std::string* out, JsonStringSpan* span = nullptr) {
    const size_t start = pos_;
    ++pos_;  // opening quote
    const size_t n = s_.size();
    size_t run = FindJsonStringSpecial(s_.data() + pos_, n - pos_);
    if (pos_ + run < n && s_[pos_ + run] == '"') {  // most strings have no escape
      if (out) out->assign(s_.data() + pos_, run);
      pos_ += run + 1;
      if (span) span->literal = s_.substr(start, pos_ - start);
      return Status::OK();
    }
    if (!out) {  // nothing to build: find the end and count the escapes a block at a time
      JsonStringBodyScan scan = ScanJsonStringBody(s_.data() + pos_, n - pos_);
      if (scan.ok) {
        pos_ += scan.end + 1;
        if (span) {
          span->literal = s_.substr(start, pos_ - start);
          span->saved = scan.saved;
          span->unicode_escape = scan.unicode_escape;
          span->needless_escape = scan.needless_escape;
          span->ascii = scan.ascii;
        }
        return Status::OK();
      }
      // Otherwise an error or a lone surrogate: the walk below reports or describes it.
    }
    const size_t bound = n - pos_ + 4;  // 4: room for any escape's bytes
    size_t used = 0;                    // bytes of `out` decoded so far
    if (out) {
      out->resize(std::min(bound, 2 * run + 64));
      std::memcpy(out->data(), s_.data() + pos_, run);
      used = run;
    }
    pos_ += run;
    // Here pos_ is at the end, at a byte that ends a plain run, or where `out` is full.
    while (true) {
      if (pos_ >= n) return Error("Unterminated string starting at");
      char c = s_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        if (out && out->size() - used < 4) Grow(out, used + 4, bound);
        char simple = pos_ + 1 < n ? kSimpleEscapes[static_cast<unsigned char>(s_[pos_ + 1])] : 0;
        if (simple && simple != '/') {  // the common case, decoded here without the Status round trip
          if (out) (*out)[used++] = simple;
          if (span) ++span->saved;
          pos_ += 2;
        } else {
          char skipped[4];
          size_t length = 0;
          AUTOMEND_RETURN_IF_ERROR(ParseEscape(out ? out->data() + used : skipped, &length, span));
          if (out) used += length;
        }
      } else if (static_cast<unsigned char>(c) < 0x20) {
        return Error("Invalid control character at");
      } else {
        Grow(out, used + 16, bound);
      }
      if (out) {
        run = CopyJsonStringRun(s_.data() + pos_, n - pos_, out->data() + used, out->size() - used);
        used += run;
      } else {
        run = FindJsonStringSpecial(s_.data() + pos_, n - pos_);
      }
      pos_ += run;
    }
    ++pos_;  // closing quote
    if (out) out->resize(used);
    if (span) span->literal = s_.substr(start, pos_ - start);
    return Status::OK();
  }

  // Makes `out` at least `size` bytes long (at most `bound`), doubling it.
  static void Grow(std::string* out, size_t size, size_t bound) {
    out->resize(std::min(bound, std::max(size, 2 * out->size())));
  }

  // Decodes the escape at pos_ into bytes[0, *length) (at most 4), moves past it, and
  // describes it in `span` (unless null).
  Status ParseEscape(char* bytes, size_t* length, JsonStringSpan* span) {
    if (pos_ + 1 >= s_.size()) return Error("Unterminated string starting at");
    const size_t start = pos_;
    char esc = s_[pos_ + 1];
    if (char simple = kSimpleEscapes[static_cast<unsigned char>(esc)]) {
      bytes[0] = simple;
      *length = 1;
      pos_ += 2;
      if (span) span->needless_escape |= IsNeedlessEscape(static_cast<unsigned char>(simple));
    } else if (esc != 'u') {
      pos_ += 1;
      return Error("Invalid \\escape");
    } else {
      const UnicodeEscape e = ReadUnicodeEscape(s_.data() + pos_, s_.size() - pos_);
      if (e.written == 0) {
        pos_ += 1;
        return Error("Invalid \\uXXXX escape");
      }
      pos_ += e.written;
      if (e.lone_surrogate && e.code_point >= 0xDC80 && e.code_point <= 0xDCFF) {
        bytes[0] = static_cast<char>(e.code_point - 0xDC00);  // surrogateescape, see the header
        *length = 1;
      } else {
        *length = WriteUtf8(e.code_point, bytes) - bytes;
      }
      if (span) {
        span->unicode_escape = true;
        span->needless_escape |= IsNeedlessEscape(e.code_point);
        span->lone_surrogate |= e.lone_surrogate;
      }
    }
    if (span) span->saved += pos_ - start - *length;
    return Status::OK();
  }

  Status ParseArray(JsonValue* out, int depth) {
    if (depth > kJsonMaxDepth) return Error("Nesting too deep");
    if (out) out->type_ = JsonValue::Type::kArray;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Status::OK();
    }
    while (true) {
      JsonValue* item = nullptr;
      if (out) item = &out->array_.emplace_back();
      AUTOMEND_RETURN_IF_ERROR(ParseValue(item, depth));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return Status::OK();
      }
      return Error("Expecting ',' delimiter");
    }
  }

  // Builds the object into `out`, or, with `slot_for`, decodes each member into the slot
  // it names and skips the others; with neither, skips the whole object.
  Status ParseObject(JsonValue* out, int depth, const JsonMemberSlots* slot_for) {
    if (depth > kJsonMaxDepth) return Error("Nesting too deep");
    if (out) out->type_ = JsonValue::Type::kObject;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return Status::OK();
    }
    std::string key;  // with slot_for: the decoded key, reused across members
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] != '"')
        return Error("Expecting property name enclosed in double quotes");
      std::pair<std::string, JsonValue>* entry = nullptr;
      if (out) entry = &out->object_.emplace_back();
      std::string* key_out = entry ? &entry->first : slot_for ? &key : nullptr;
      AUTOMEND_RETURN_IF_ERROR(ParseString(key_out));
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Error("Expecting ':' delimiter");
      ++pos_;
      SkipSpace();
      JsonMemberSlot slot;
      if (entry) {
        slot.value = &entry->second;
      } else if (slot_for) {
        slot = (*slot_for)(key);
        if (slot.value) *slot.value = JsonValue();  // a repeated key starts over
        if (slot.span) *slot.span = JsonStringSpan();
      }
      if (slot.span && pos_ < s_.size() && s_[pos_] == '"') {
        AUTOMEND_RETURN_IF_ERROR(ParseString(nullptr, slot.span));
      } else {
        AUTOMEND_RETURN_IF_ERROR(ParseValue(slot.value, depth));
      }
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return Status::OK();
      }
      return Error("Expecting ',' delimiter");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

Status ParseJson(std::string_view text, JsonValue* value) {
  *value = JsonValue();
  return JsonParser(text).Parse(value);
}

std::string DecodeJsonString(const JsonStringSpan& span) {
  std::string out;
  JsonParser(span.literal).ParseStringLiteral(&out);  // valid: it was checked when described
  return out;
}

Status ParseJsonObjectMembers(std::string_view text, const JsonMemberSlots& slot_for,
                              bool* is_object) {
  return JsonParser(text).ParseMembers(slot_for, is_object);
}

}  // namespace automend
